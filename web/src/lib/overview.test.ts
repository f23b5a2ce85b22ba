/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ORG_KINDS, ROLES } from '../../../src/modules/platform/limits.ts'
import { isAllowed } from '../../../src/modules/platform/policy.ts'
import { en } from '../i18n/messages.ts'
import { NAV_ITEMS } from '../nav.ts'
import { overviewFor, upcomingMessage } from './overview.ts'
import { canManageInvitations } from './roles.ts'

const stepIds = (kind: (typeof ORG_KINDS)[number], role: (typeof ROLES)[number]) =>
  overviewFor(kind, role).steps.map((step) => step.id)

/** The path of a link without its query or fragment. */
const pathname = (to: string) => to.split(/[?#]/)[0] ?? to

describe('the overview of each kind of organisation', () => {
  it('gives a provider the gap analysis, the bias audit and the toolkit, in that order', () => {
    assert.deepEqual(stepIds('provider', 'owner'), [
      'gapCountries',
      'biasAudit',
      'toolkit',
      'assessmentQuestions',
      'invite',
    ])
  })

  it('gives a client the Code and the Voluntary Principles first, then the countries of its contracts', () => {
    assert.deepEqual(stepIds('client', 'owner'), [
      'code',
      'principles',
      'gapContracts',
      'providerQuestions',
      'invite',
    ])
  })

  it('gives a vendor the bias audit of its product first, then the risks of its technology', () => {
    assert.deepEqual(stepIds('vendor', 'owner'), [
      'biasAuditProduct',
      'technologyRisks',
      'vendorProfile',
      'gapMarkets',
      'invite',
    ])
  })

  it('gives every kind at least three steps and a lead of its own', () => {
    const leads = ORG_KINDS.map((kind) => overviewFor(kind, 'viewer').lead)
    assert.equal(new Set(leads).size, ORG_KINDS.length)
    for (const kind of ORG_KINDS) {
      for (const role of ROLES) assert.ok(overviewFor(kind, role).steps.length >= 3, `${kind} ${role}`)
    }
  })

  it('offers a role that cannot run a bias audit the audits already run instead', () => {
    for (const role of ROLES) {
      const canRun = isAllowed(role, 'create', 'biasAudit')
      for (const kind of ['provider', 'vendor'] as const) {
        const ids = stepIds(kind, role)
        assert.equal(ids.includes('biasAuditRead'), !canRun, `${kind} ${role}`)
        assert.equal(ids.includes('biasAudit') || ids.includes('biasAuditProduct'), canRun, `${kind} ${role}`)
      }
    }
  })

  it('asks only those who may invite to invite their colleagues', () => {
    for (const kind of ORG_KINDS) {
      for (const role of ROLES) {
        assert.equal(stepIds(kind, role).includes('invite'), canManageInvitations(role), `${kind} ${role}`)
      }
    }
  })

  it('points every step at a page the navigation lists, or one inside it', () => {
    const navPaths = NAV_ITEMS.map((item) => item.to).filter((to) => to !== '/')
    for (const kind of ORG_KINDS) {
      for (const role of ROLES) {
        for (const step of overviewFor(kind, role).steps) {
          const path = pathname(step.to)
          assert.ok(
            navPaths.some((to) => path === to || path.startsWith(`${to}/`)),
            `${kind} ${role}: ${step.to}`,
          )
        }
      }
    }
  })

  it('names the modules still to come for each kind as text, one message each, and none for associations', () => {
    assert.deepEqual(overviewFor('provider', 'owner').upcoming, [
      'deployments',
      'grievances',
      'reportsProvider',
    ])
    assert.deepEqual(overviewFor('client', 'owner').upcoming, ['providerDueDiligence', 'reportsClient'])
    assert.deepEqual(overviewFor('vendor', 'owner').upcoming, ['reportsVendor'])
    assert.deepEqual(overviewFor('association', 'owner').upcoming, [])
    for (const kind of ORG_KINDS) {
      for (const id of overviewFor(kind, 'owner').upcoming) assert.ok(en[upcomingMessage(id)], id)
    }
  })

  it('has an English title and hint for every step', () => {
    for (const kind of ORG_KINDS) {
      for (const role of ROLES) {
        for (const step of overviewFor(kind, role).steps) {
          assert.ok(en[step.title], step.title)
          assert.ok(en[step.hint], step.hint)
        }
      }
    }
  })
})
