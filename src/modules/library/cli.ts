/**
 * `custos library validate|lock|list|show|stats` — thin edges over the loader, validator and service.
 * Exit codes: 0 ok, 1 the library has problems, 2 bad arguments (never a stack trace).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import { stringify as toYaml } from 'yaml'
import {
  checkLibrary,
  defaultContentDir,
  formatProblem,
  isLocale,
  LOCALES,
  loadLibrary,
  localise,
  localiseDeep,
  OBJECT_KIND_IDS,
  readLock,
  type TLibrary,
  type TLocale,
  updatedLock,
  writeLock,
} from '../../content/index.ts'
import { describeObject, isObjectKind, libraryStats, listEntries, nearestUrns } from './service.ts'

/** Thrown for bad arguments; the command prints the message and exits 2. */
class UsageError extends Error {}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)

const contentDirOf = (options: { content?: string }): string => {
  if (!options.content) return defaultContentDir()
  const dir = resolve(options.content)
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--content: no such directory: ${options.content}`)
  return dir
}

const localeOf = (value: string | undefined): TLocale | undefined => {
  if (value === undefined) return undefined
  if (!isLocale(value)) throw new UsageError(`unknown locale "${value}" (use one of ${LOCALES.join(', ')})`)
  return value
}

/** Runs a command body; usage errors exit 2 with the message, anything else exits 1 without a trace. */
const run =
  <A extends unknown[]>(body: (...args: A) => number) =>
  (...args: A): void => {
    try {
      process.exitCode = body(...args)
    } catch (error) {
      if (error instanceof UsageError) {
        err(`error: ${error.message}`)
        process.exitCode = 2
      } else {
        err(`error: ${error instanceof Error ? error.message : String(error)}`)
        process.exitCode = 1
      }
    }
  }

/** Pads columns so a table reads aligned in a terminal. */
export const formatTable = (headers: string[], rows: string[][]): string => {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const summaryOf = (library: TLibrary): string =>
  [
    `${library.frameworks.size} frameworks`,
    `${library.requirements.size} requirements`,
    `${library.provisions.size} provisions`,
    `${library.technologies.size} technologies`,
    `${library.risks.size} risk templates`,
    `${library.questionnaires.size} questionnaires`,
    `${library.questions.size} questions`,
    `${library.topics.size} topics`,
    `${library.groups.size} groups`,
    `${library.sources.size} sources`,
  ].join(', ')

const validate = (options: { content?: string; updateLock?: boolean; format: string }): number => {
  const contentDir = contentDirOf(options)
  const { library, problems } = checkLibrary({ contentDir })
  if (options.format === 'json') {
    out(JSON.stringify({ isValid: problems.length === 0, objects: library.objects.size, problems }, null, 2))
  } else if (problems.length > 0) {
    for (const problem of problems) out(formatProblem(problem))
    err(`${problems.length} problem(s) in the library (${summaryOf(library)})`)
  } else {
    out(
      `library valid: ${library.objects.size} objects in ${library.files.length} files (${summaryOf(library)})`,
    )
  }
  if (problems.length > 0) return 1
  if (options.updateLock) return lock(options)
  return 0
}

const lock = (options: { content?: string }): number => {
  const contentDir = contentDirOf(options)
  const { library, problems } = checkLibrary({ contentDir })
  if (problems.length > 0) {
    for (const problem of problems) out(formatProblem(problem))
    err('the lock is only updated when the library is valid')
    return 1
  }
  const { lock: current } = readLock(contentDir)
  const next = updatedLock(library, current)
  writeLock(contentDir, next.lock)
  out(
    `urns.lock.json: ${next.added} URN(s) added, ${next.raised} version(s) raised, ${Object.keys(next.lock.urns).length} in all`,
  )
  return 0
}

const list = (options: { content?: string; kind?: string; format: string; locale?: string }): number => {
  const locale = localeOf(options.locale) ?? 'en'
  if (options.kind !== undefined && !isObjectKind(options.kind)) {
    throw new UsageError(`unknown kind "${options.kind}" (use one of ${OBJECT_KIND_IDS.join(', ')})`)
  }
  const { library } = loadLibrary({ contentDir: contentDirOf(options) })
  const entries = listEntries(library, options.kind as Parameters<typeof listEntries>[1])
  if (options.format === 'json') {
    out(
      JSON.stringify(
        entries.map((entry) => ({ ...entry, title: localise(entry.title, locale) })),
        null,
        2,
      ),
    )
    return 0
  }
  const rows = entries.map((entry) => [
    entry.kind,
    entry.urn,
    String(entry.version),
    localise(entry.title, locale),
  ])
  out(formatTable(['KIND', 'URN', 'VERSION', 'TITLE'], rows))
  return 0
}

const show = (urn: string, options: { content?: string; format: string; locale?: string }): number => {
  const locale = localeOf(options.locale)
  const { library } = loadLibrary({ contentDir: contentDirOf(options) })
  const view = describeObject(library, urn)
  if (!view) {
    throw new UsageError(
      `unknown URN ${urn}\nnearest: ${nearestUrns(library, urn).join(', ') || '(the library is empty)'}`,
    )
  }
  const shown = locale ? localiseDeep(view, locale) : view
  if (options.format === 'json') out(JSON.stringify(shown, null, 2))
  else {
    // Text view: the header once, then the object's own fields without repeating urn/version/title.
    const { urn: _u, version: _v, title: _t, ...fields } = view.value as Record<string, unknown>
    const text = {
      ...view,
      value: fields,
      crosswalk: view.crosswalk.map(
        (link) => `${link.direction === 'outgoing' ? '→' : '←'} ${link.relationship} ${link.other}`,
      ),
    }
    out(toYaml(localiseDeep(text, locale ?? 'en'), { lineWidth: 110 }))
  }
  return 0
}

const stats = (options: { content?: string; format: string }): number => {
  const { library } = loadLibrary({ contentDir: contentDirOf(options) })
  const result = libraryStats(library)
  if (options.format === 'json') {
    out(JSON.stringify(result, null, 2))
    return 0
  }
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ')
  out(
    formatTable(
      ['KIND', 'OBJECTS'],
      Object.entries(result.objects).map(([kind, n]) => [kind, String(n)]),
    ),
  )
  out(`\nrequirements per area: ${counts(result.requirementsByArea)}`)
  out(`crosswalk links: ${result.crosswalkLinks.total} (${counts(result.crosswalkLinks.byRelationship)})`)
  for (const q of result.questionnaires) {
    out(
      `questionnaire ${q.id} (${q.kind}): ${q.questions} questions, ${q.withEffects} with effects; per section: ${counts(q.bySection)}`,
    )
  }
  out(
    `requirements no question satisfies or fails (${result.requirementsWithoutQuestion.length}): ${result.requirementsWithoutQuestion.join(', ') || 'none'}`,
  )
  out(
    `risk templates no question mitigates or raises (${result.risksWithoutQuestion.length}): ${result.risksWithoutQuestion.join(', ') || 'none'}`,
  )
  return 0
}

/** Adds `custos library …` to the program. */
export const registerLibraryCommands = (program: Command): void => {
  const library = program
    .command('library')
    .description('the knowledge library: frameworks, technologies, risk method, questionnaires')
  const contentOption = () =>
    new Option('--content <dir>', 'content directory (default: the package content/)')
  const formatOption = (choices: string[]) =>
    new Option('--format <format>', 'output format').choices(choices).default(choices[0])
  const sub = (name: string) => library.command(name)

  sub('validate')
    .description('check schemas, references, conditions and the URN lock; exit 1 with the list of problems')
    .addOption(contentOption())
    .option('--update-lock', 'when valid, add new URNs to content/urns.lock.json')
    .addOption(formatOption(['text', 'json']))
    .action(run((options: { content?: string; updateLock?: boolean; format: string }) => validate(options)))

  sub('lock')
    .description('add every current URN to content/urns.lock.json (published URNs never disappear)')
    .addOption(contentOption())
    .action(run((options: { content?: string }) => lock(options)))

  sub('list')
    .description('list library objects')
    .addOption(contentOption())
    .addOption(new Option('--kind <kind>', `one kind of object: ${OBJECT_KIND_IDS.join(', ')}`))
    .addOption(formatOption(['table', 'json']))
    .option('--locale <locale>', `text language: ${LOCALES.join(', ')} (default en)`)
    .action(
      run((options: { content?: string; kind?: string; format: string; locale?: string }) => list(options)),
    )

  sub('stats')
    .description('counts per kind, area and section; requirements and risk templates no question reaches')
    .addOption(contentOption())
    .addOption(formatOption(['table', 'json']))
    .action(run((options: { content?: string; format: string }) => stats(options)))

  sub('show')
    .description('show one library object with its crosswalk links')
    .argument('<urn>', 'the object URN, e.g. urn:custos:toolkit:requirement:T2.01')
    .addOption(contentOption())
    .addOption(formatOption(['text', 'json']))
    .option('--locale <locale>', `text language: ${LOCALES.join(', ')}`)
    .action(
      run((urn: string, options: { content?: string; format: string; locale?: string }) =>
        show(urn, options),
      ),
    )
}

// Runnable on its own (`npx tsx src/modules/library/cli.ts library validate`) for content writers
// before the main program exists; src/cli/main.ts is the normal entry point.
// Matched on the script path, not import.meta.url: in the bundled CLI every module shares one URL.
if (/[\\/]modules[\\/]library[\\/]cli\.ts$/.test(process.argv[1] ?? '')) {
  const program = new Command('custos').exitOverride()
  registerLibraryCommands(program)
  try {
    await program.parseAsync(process.argv)
  } catch (error) {
    // Help ends with exit code 0; every other parse failure is a usage error.
    process.exitCode = error instanceof CommanderError && error.exitCode === 0 ? 0 : 2
  }
}
