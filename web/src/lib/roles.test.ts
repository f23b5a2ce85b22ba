/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ROLES } from '../../../src/modules/platform/limits.ts'
import { NAV_ITEMS, navItemsFor } from '../nav.ts'
import {
  assignableRoles,
  canManageOrganisation,
  canReadAudit,
  canRemove,
  canResetPassword,
  rolesFor,
} from './roles.ts'

const NON_MANAGERS = ['assessor', 'reviewer', 'viewer', 'grievance_handler'] as const

describe('roles in the interface', () => {
  it('only owners and administrators manage the organisation and read the audit log', () => {
    assert.deepEqual(ROLES.filter(canManageOrganisation), ['owner', 'admin'])
    assert.deepEqual(ROLES.filter(canReadAudit), ['owner', 'admin'])
  })

  it('an owner can invite with every role, an administrator with every role but owner, others not at all', () => {
    assert.deepEqual(assignableRoles('owner'), [...ROLES])
    assert.deepEqual(
      assignableRoles('admin'),
      ROLES.filter((role) => role !== 'owner'),
    )
    for (const role of NON_MANAGERS) assert.deepEqual(assignableRoles(role), [])
  })

  it('an administrator can neither change nor remove an owner', () => {
    assert.deepEqual(rolesFor('admin', 'owner'), [])
    assert.equal(canRemove('admin', 'owner'), false)
    assert.equal(canRemove('owner', 'owner'), true)
    assert.deepEqual(rolesFor('owner', 'admin'), [...ROLES])
  })

  it('an administrator can move a viewer to any role except owner', () => {
    assert.deepEqual(
      rolesFor('admin', 'viewer'),
      ROLES.filter((role) => role !== 'owner'),
    )
    assert.equal(canRemove('admin', 'viewer'), true)
  })

  it('members without a managing role change nobody', () => {
    for (const actor of NON_MANAGERS) {
      for (const target of ROLES) {
        assert.deepEqual(rolesFor(actor, target), [])
        assert.equal(canRemove(actor, target), false)
        assert.equal(canResetPassword(actor, target), false)
      }
    }
  })

  it('an owner can reset the password of any member, an administrator of any member but an owner', () => {
    assert.deepEqual(
      ROLES.filter((role) => canResetPassword('owner', role)),
      [...ROLES],
    )
    assert.deepEqual(
      ROLES.filter((role) => canResetPassword('admin', role)),
      ROLES.filter((role) => role !== 'owner'),
    )
  })
})

describe('navigation', () => {
  it('shows the audit log to owners and administrators only', () => {
    for (const role of ROLES) {
      const labels = navItemsFor(role).map((item) => item.label)
      assert.equal(labels.includes('nav.audit'), canReadAudit(role), role)
      assert.equal(labels[0], 'nav.overview')
      assert.ok(labels.includes('nav.organisation'))
    }
  })

  it('lists every entry at a distinct path', () => {
    const targets = NAV_ITEMS.map((item) => item.to)
    assert.equal(new Set(targets).size, targets.length)
  })
})
