/**
 * The demo workspace (docs/contracts.md): three organisations with one owner each. Modules add their demo
 * data by appending a seeder to DEMO_SEEDERS; seeders run once, in the transaction that creates the
 * demo organisations.
 */
import type { TSecrets } from '../../core/secrets.ts'
import type { TClock } from '../../core/time.ts'
import type { TDb, TTrx } from '../../db/database.ts'
import { addUserToOrganisation, ensureOrganisation } from './accounts.ts'
import type { TOrgKind } from './limits.ts'
import { findOrganisationBySlug } from './repositories/organisations.ts'

/** Documented on purpose: the demo is for trying Custos locally, never for real data. */
export const DEMO_PASSWORD = 'custos-demo-2026'

export const DEMO_ORGANISATIONS: readonly { slug: string; name: string; kind: TOrgKind }[] = [
  { slug: 'demo-provider', name: 'Demo Security Provider', kind: 'provider' },
  { slug: 'demo-client', name: 'Demo Mining Client', kind: 'client' },
  { slug: 'demo-vendor', name: 'Demo Technology Vendor', kind: 'vendor' },
]

export const demoLogin = (slug: string) => ({ email: `admin@${slug}.example`, password: DEMO_PASSWORD })

export type TDemoContext = {
  trx: TTrx
  secrets: TSecrets
  at: string
  /** Organisation id and owner user id by slug. */
  orgs: Record<string, { id: string; ownerId: string }>
}

export type TDemoSeeder = { name: string; seed: (ctx: TDemoContext) => Promise<void> }

/** Module seeders, run after the organisations exist. Add one line per module. */
export const DEMO_SEEDERS: readonly TDemoSeeder[] = []

export const hasDemo = async (db: TDb): Promise<boolean> =>
  (await findOrganisationBySlug(db, DEMO_ORGANISATIONS[0]!.slug)) !== undefined

/** Seeds the demo workspace unless it exists. Returns whether it seeded. */
export const seedDemo = async (db: TDb, clock: TClock, secrets: TSecrets): Promise<boolean> => {
  if (await hasDemo(db)) return false
  const at = clock.now().toISOString()
  await db.transaction().execute(async (trx) => {
    const orgs: TDemoContext['orgs'] = {}
    for (const org of DEMO_ORGANISATIONS) {
      const { id } = await ensureOrganisation(trx, secrets, { ...org, at })
      const login = demoLogin(org.slug)
      const { userId } = await addUserToOrganisation(trx, secrets, {
        orgId: id,
        email: login.email,
        name: `${org.name} admin`,
        role: 'owner',
        password: login.password,
        at,
      })
      orgs[org.slug] = { id, ownerId: userId }
    }
    for (const seeder of DEMO_SEEDERS) await seeder.seed({ trx, secrets, at, orgs })
  })
  return true
}
