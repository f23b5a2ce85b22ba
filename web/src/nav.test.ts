/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ORG_KINDS, ROLES, type TOrgKind } from '../../src/modules/platform/limits.ts'
import { NAV_ITEMS, navItemsFor } from './nav.ts'

describe('the navigation of each kind of organisation', () => {
  it('shows every kind the same pages, the overview first', () => {
    for (const role of ROLES) {
      const pages = new Set(navItemsFor(role).map((item) => item.to))
      for (const kind of ORG_KINDS) {
        const items = navItemsFor(role, kind)
        assert.equal(items[0]?.to, '/', `${kind} ${role}`)
        assert.deepEqual(new Set(items.map((item) => item.to)), pages, `${kind} ${role}`)
        assert.equal(items.length, pages.size)
      }
    }
  })

  it('brings forward the pages each kind uses most', () => {
    const labels = (kind: TOrgKind) =>
      navItemsFor('owner', kind)
        .slice(1, 4)
        .map((item) => item.label)
    assert.deepEqual(labels('provider'), ['nav.gap', 'nav.biasAudit', 'nav.library'])
    assert.deepEqual(labels('client'), ['nav.library', 'nav.gap', 'nav.jurisdictions'])
    assert.deepEqual(labels('vendor'), ['nav.biasAudit', 'nav.library', 'nav.gap'])
    assert.deepEqual(labels('association'), ['nav.library', 'nav.jurisdictions', 'nav.map'])
  })

  it('still hides the audit log from those who may not read it, whatever the kind', () => {
    for (const kind of ORG_KINDS) {
      assert.ok(navItemsFor('owner', kind).some((item) => item.label === 'nav.audit'))
      assert.ok(!navItemsFor('viewer', kind).some((item) => item.label === 'nav.audit'))
    }
  })

  it('leaves NAV_ITEMS in its own order', () => {
    const before = NAV_ITEMS.map((item) => item.to)
    navItemsFor('owner', 'vendor')
    assert.deepEqual(
      NAV_ITEMS.map((item) => item.to),
      before,
    )
  })
})
