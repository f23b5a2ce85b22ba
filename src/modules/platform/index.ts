/**
 * The platform's front door: what other modules, the HTTP layer and the CLI may use. Everything else
 * in this folder is internal to the platform.
 */
export { recordEvent, recordMemberEvent, type TAuditDeps, type TMemberChange } from './audit.ts'
export { DEMO_ORGANISATIONS, demoLogin, hasDemo, seedDemo, type TDemoSeeder } from './demo.ts'
export { csrf, identify, type TAuth, type TMemberIdentity } from './identity.ts'
export { LIMITS, ORG_KINDS, ROLES, type TOrgKind, type TRole } from './limits.ts'
export { authorize, isAllowed } from './policy.ts'
export { openRuntime, say, type TRuntime, type TRuntimeOptions, withRuntime } from './runtime.ts'
