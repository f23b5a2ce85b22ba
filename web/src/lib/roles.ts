/**
 * What the interface offers to which role. The rules are the server's own policy table
 * (src/modules/platform/policy.ts), imported rather than restated; the UI uses them only to hide
 * controls that the server would refuse, so it never offers a dead button.
 */
import { ROLES, type TRole } from '../../../src/modules/platform/limits.ts'
import { canManageRole, isAllowed } from '../../../src/modules/platform/policy.ts'

/** May rename the organisation and change or remove members. */
export const canManageOrganisation = (role: TRole): boolean => isAllowed(role, 'update', 'organisation')

/** May see, create and revoke invitations. */
export const canManageInvitations = (role: TRole): boolean => isAllowed(role, 'create', 'invitation')

/** May read the audit trail. */
export const canReadAudit = (role: TRole): boolean => isAllowed(role, 'read', 'audit')

/** Roles the actor may give a new member through an invitation. */
export const assignableRoles = (actorRole: TRole): TRole[] =>
  isAllowed(actorRole, 'create', 'invitation')
    ? ROLES.filter((role) => canManageRole(actorRole, null, role))
    : []

/** Roles the actor may move this member to (empty when the member's role is out of the actor's reach). */
export function rolesFor(actorRole: TRole, memberRole: TRole): TRole[] {
  if (!isAllowed(actorRole, 'update', 'member') || !canManageRole(actorRole, memberRole, null)) return []
  return ROLES.filter((role) => canManageRole(actorRole, memberRole, role))
}

/** May remove this member from the organisation. */
export const canRemove = (actorRole: TRole, memberRole: TRole): boolean =>
  isAllowed(actorRole, 'remove', 'member') && canManageRole(actorRole, memberRole, null)

/** May issue a password reset link for this member (the server also refuses one for yourself). */
export const canResetPassword = (actorRole: TRole, memberRole: TRole): boolean =>
  isAllowed(actorRole, 'resetPassword', 'member') && canManageRole(actorRole, memberRole, null)
