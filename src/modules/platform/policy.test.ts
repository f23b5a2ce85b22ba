import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ROLES } from './limits.ts'
import { authorize, canManageRole, isAllowed, POLICY } from './policy.ts'

describe('policy table', () => {
  const cases: [Parameters<typeof isAllowed>[0], string, keyof typeof POLICY, boolean][] = [
    ['viewer', 'read', 'organisation', true],
    ['viewer', 'update', 'organisation', false],
    ['admin', 'update', 'organisation', true],
    ['assessor', 'read', 'member', true],
    ['assessor', 'update', 'member', false],
    ['reviewer', 'read', 'audit', false],
    ['owner', 'read', 'audit', true],
    ['grievance_handler', 'create', 'invitation', false],
    ['admin', 'revoke', 'invitation', true],
  ]
  for (const [role, action, resource, expected] of cases) {
    it(`${role} ${expected ? 'may' : 'may not'} ${action} ${resource}`, () => {
      assert.equal(isAllowed(role, action as never, resource), expected)
    })
  }

  it('denies an action the table does not name', () => {
    for (const role of ROLES) assert.equal(isAllowed(role, 'delete' as never, 'audit'), false)
  })

  it('only names known roles', () => {
    for (const rules of Object.values(POLICY)) {
      for (const roles of Object.values(rules)) for (const role of roles) assert.ok(ROLES.includes(role))
    }
  })

  it('authorize throws forbidden when denied', () => {
    assert.throws(() => authorize({ role: 'viewer' }, 'read', 'audit'), { code: 'forbidden' })
    assert.doesNotThrow(() => authorize({ role: 'admin' }, 'read', 'audit'))
  })
})

describe('owner role guard', () => {
  it('lets owners do anything and admins nothing that touches an owner', () => {
    assert.equal(canManageRole('owner', 'owner', 'viewer'), true)
    assert.equal(canManageRole('admin', 'viewer', 'assessor'), true)
    assert.equal(canManageRole('admin', 'viewer', 'owner'), false)
    assert.equal(canManageRole('admin', 'owner', 'viewer'), false)
    assert.equal(canManageRole('admin', 'owner', null), false)
    assert.equal(canManageRole('assessor', 'viewer', 'viewer'), false)
  })
})
