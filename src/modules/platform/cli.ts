/** Platform commands: `custos user create`, `custos user reset-password` and `custos audit verify`. */
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline/promises'
import { type Command, InvalidArgumentError } from 'commander'
import { describeDatabase, loadConfig } from '../../core/config.ts'
import { AppError } from '../../core/errors.ts'
import { systemClock } from '../../core/time.ts'
import { issueOperatorPasswordReset } from './account-service.ts'
import { addUserToOrganisation, ensureOrganisation, isValidSlug } from './accounts.ts'
import { parseExpectedHead, type TExpectedHead, verifyChain } from './audit-verify.ts'
import {
  backupDatabase,
  describeContents,
  describeRestore,
  formatBytes,
  restoreDatabase,
  secretKeyReminder,
} from './backup.ts'
import { LIMITS, ORG_KINDS, ROLES, type TOrgKind, type TRole } from './limits.ts'
import { generatePassword } from './passwords.ts'
import { countAuditEvents } from './repositories/audit-events.ts'
import { findOrganisationBySlug } from './repositories/organisations.ts'
import { say, withRuntime } from './runtime.ts'

const oneOf =
  <T extends string>(allowed: readonly T[], what: string) =>
  (value: string): T => {
    const found = allowed.find((a) => a === value)
    if (!found) throw new InvalidArgumentError(`${what} must be one of: ${allowed.join(', ')}`)
    return found
  }

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const promptPassword = async (): Promise<string | null> => {
  if (!process.stdin.isTTY) return null
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    const answer = await rl.question('Password (empty to generate one): ')
    return answer === '' ? null : answer
  } finally {
    rl.close()
  }
}

export const registerPlatformCommands = (program: Command): void => {
  const user = program.command('user').description('manage user accounts')
  user
    .command('create')
    .description('create a user (or add an existing one) as a member of an organisation')
    .requiredOption('--email <email>', 'email address (sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <slug>', 'organisation slug (created if new)')
    .requiredOption('--role <role>', `role: ${ROLES.join(', ')}`, oneOf(ROLES, 'role'))
    .option(
      '--org-kind <kind>',
      `kind of a new organisation: ${ORG_KINDS.join(', ')}`,
      oneOf(ORG_KINDS, 'org kind'),
    )
    .option('--org-name <name>', 'name of a new organisation (default: the slug)')
    .option('--password <password>', 'password (prompted, or generated and printed, when absent)')
    .action(
      async (options: {
        email: string
        name: string
        org: string
        role: TRole
        orgKind?: TOrgKind
        orgName?: string
        password?: string
      }) => {
        const email = options.email.trim().toLowerCase()
        if (!EMAIL_PATTERN.test(email) || email.length > LIMITS.emailMax)
          throw new AppError('bad_request', `Not an email address: ${options.email}`)
        if (!isValidSlug(options.org))
          throw new AppError(
            'bad_request',
            'The organisation slug uses lowercase letters, digits and inner hyphens.',
          )
        const name = options.name.trim()
        if (name === '' || name.length > LIMITS.nameMax)
          throw new AppError('bad_request', `The name must have 1 to ${LIMITS.nameMax} characters.`)
        let password = options.password ?? (await promptPassword())
        const isGenerated = password === null
        password ??= generatePassword()
        if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) {
          throw new AppError(
            'bad_request',
            `The password must have ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`,
          )
        }
        const finalPassword = password
        await withRuntime(async ({ database, secrets }) => {
          const existingOrg = await findOrganisationBySlug(database.db, options.org)
          if (!existingOrg && !options.orgKind) {
            throw new AppError(
              'bad_request',
              `Organisation "${options.org}" does not exist; pass --org-kind (${ORG_KINDS.join('|')}) to create it.`,
            )
          }
          const at = systemClock.now().toISOString()
          const result = await database.db.transaction().execute(async (trx) => {
            const org = await ensureOrganisation(trx, secrets, {
              slug: options.org,
              name: options.orgName ?? existingOrg?.name ?? options.org,
              kind: options.orgKind ?? (existingOrg?.kind as TOrgKind),
              at,
            })
            const added = await addUserToOrganisation(trx, secrets, {
              orgId: org.id,
              email,
              name,
              role: options.role,
              password: finalPassword,
              at,
            })
            return { ...added, isNewOrg: org.isNew }
          })
          if (result.isNewOrg) say(`Created organisation ${options.org}.`)
          say(`${result.isNewUser ? 'Created' : 'Updated'} ${email} as ${options.role} of ${options.org}.`)
          if (isGenerated) say(`Generated password: ${finalPassword}`)
        })
      },
    )

  user
    .command('reset-password')
    .description(
      'issue a single-use password reset link (valid one day) for an account; every earlier link ends',
    )
    .requiredOption('--email <email>', 'email address of the account')
    .action(async (options: { email: string }) => {
      const email = options.email.trim().toLowerCase()
      await withRuntime(async ({ database, secrets, config }) => {
        const issued = await issueOperatorPasswordReset(
          { db: database.db, clock: systemClock, secrets },
          { email, publicUrl: config.publicUrl },
        )
        say(`Reset link for ${email} (one use, until ${issued.expiresAt}):`)
        say(issued.resetUrl)
        say('Give it to the person over a channel you trust; it signs them out everywhere when used.')
      })
    })

  const audit = program.command('audit').description('audit trail tools')
  audit
    .command('verify')
    .description(
      "recompute every organisation's keyed audit chain and check it against its checkpoint; exit 1 naming each broken trail",
    )
    .option(
      '--expect <org=seq:hash...>',
      'heads recorded earlier (from a report, an export or an earlier verify) that must still be in the trail',
      (value: string, previous: TExpectedHead[] = []) => {
        const head = parseExpectedHead(value)
        if (!head) throw new InvalidArgumentError('write a head as <org-slug>=<seq>:<64 hex characters>')
        return [...previous, head]
      },
    )
    .action(async (options: { expect?: TExpectedHead[] }) => {
      await withRuntime(
        async ({ database, secrets, hasKeyFile, config }) => {
          if (!hasKeyFile && (await countAuditEvents(database.db)) > 0) {
            throw new AppError(
              'bad_request',
              `The server key file ${config.secretKeyFile} is missing, and the trail can only be checked with the key it was written with. Point CUSTOS_SECRET_KEY_FILE at the server's key (restore it from the backup taken with the database).`,
            )
          }
          const result = await verifyChain(database.db, secrets, options.expect ?? [])
          const brokenIds = new Set(result.broken.map((b) => b.orgId))
          for (const org of result.organisations) {
            if (brokenIds.has(org.orgId)) continue
            say(`ok     ${org.slug ?? org.orgId}=${org.count}:${org.headHash ?? '(no events)'}`)
          }
          for (const b of result.broken) {
            const where = b.id ? `at seq ${b.seq}, event ${b.id}` : `at seq ${b.seq}`
            process.stderr.write(`BROKEN ${b.slug ?? b.orgId} (org ${b.orgId}) ${where}: ${b.reason}\n`)
          }
          if (result.broken.length > 0) {
            process.exitCode = 1
            return
          }
          say(
            `Audit trail intact: ${result.organisations.length} organisation(s). Keep the heads above (org=seq:hash) outside this server and pass them to --expect later to detect a rollback.`,
          )
        },
        { secrets: 'existing' },
      )
    })

  // custos backup / custos restore (backup.ts)
  program
    .command('backup')
    .description('write a consistent copy of the database to a file, also while the server runs')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig()
      const report = await backupDatabase({
        database: config.database,
        file,
        isForced: options.force === true,
      })
      say(
        `Backed up ${describeDatabase(config.database)} to ${report.file}: ${formatBytes(report.bytes)}, ${describeContents(report.format, report.tables)}.`,
      )
      say(secretKeyReminder(config.secretKeyFile))
    })
  program
    .command('restore')
    .description('restore a backup into an empty database, then migrate it and verify its audit trail')
    .argument('<file>', 'a file written by custos backup')
    .option('--force', 'replace a database that is not empty (everything in it)')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig()
      const hadKeyFile = existsSync(config.secretKeyFile)
      const report = await restoreDatabase({
        database: config.database,
        file,
        isForced: options.force === true,
      })
      for (const line of describeRestore(report)) say(line)
      await withRuntime(async ({ database, secrets, migrations }) => {
        say(
          migrations.applied.length > 0
            ? `Brought the schema up to date: ${migrations.applied.join(', ')}.`
            : 'The schema is up to date.',
        )
        if (!hadKeyFile) say(`Created a new server key file ${config.secretKeyFile}.`)
        const { organisations, broken } = await verifyChain(database.db, secrets)
        if (broken.length === 0) {
          say(
            `Audit trail intact: ${organisations.length} organisation(s), checked with ${config.secretKeyFile}.`,
          )
          return
        }
        for (const b of broken)
          process.stderr.write(`BROKEN ${b.slug ?? b.orgId} (org ${b.orgId}) at seq ${b.seq}: ${b.reason}\n`)
        process.stderr.write(
          `The restored audit trail does not verify with the key file ${config.secretKeyFile}. Put the key file backed up with this database there (CUSTOS_SECRET_KEY_FILE), then run custos audit verify.\n`,
        )
        process.exitCode = 1
      })
    })
}
