/** The demo workspace: three organisations with one owner each, seeded once, signed in to as documented. */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { createTestApp, login, type TTestApp } from '../../../test/helpers/app.ts'
import { countRows, forEachDatabase, PLATFORM_TABLES } from '../../../test/helpers/db.ts'
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, demoLogin, hasDemo, seedDemo } from './demo.ts'

forEachDatabase('demo workspace', (handle) => {
  let ctx: TTestApp

  before(() => {
    ctx = createTestApp(handle)
  })

  it('is absent on a new database, seeded once, and left alone on the next start', async () => {
    assert.equal(await hasDemo(ctx.db), false)
    assert.equal(await seedDemo(ctx.db, ctx.clock, ctx.secrets), true)
    assert.equal(await hasDemo(ctx.db), true)
    const seeded = await countRows(ctx.db, PLATFORM_TABLES)
    // Three organisations, one owner each (README: the three demo logins).
    assert.equal(seeded.organisations, 3)
    assert.equal(seeded.users, 3)
    assert.equal(seeded.memberships, 3)
    assert.equal(await seedDemo(ctx.db, ctx.clock, ctx.secrets), false)
    assert.deepEqual(await countRows(ctx.db, PLATFORM_TABLES), seeded)
  })

  it('lets each documented login in as the owner of its organisation of the documented kind', async () => {
    const kinds: Record<string, string> = {
      'demo-provider': 'provider',
      'demo-client': 'client',
      'demo-vendor': 'vendor',
    }
    assert.deepEqual(
      DEMO_ORGANISATIONS.map((org) => org.slug),
      Object.keys(kinds),
    )
    for (const org of DEMO_ORGANISATIONS) {
      const credentials = demoLogin(org.slug)
      assert.deepEqual(credentials, { email: `admin@${org.slug}.example`, password: 'custos-demo-2026' })
      const { me } = await login(ctx, credentials)
      assert.equal(me.organisation.slug, org.slug)
      assert.equal(me.organisation.name, org.name)
      assert.equal(me.organisation.kind, kinds[org.slug])
      assert.equal(me.role, 'owner')
      assert.equal(me.memberships.length, 1)
    }
    assert.equal(DEMO_PASSWORD, 'custos-demo-2026')
  })
})
