/** Display names of the fixed vocabularies (roles, organisation kinds). */
import type { TOrgKind, TRole } from '../../../src/modules/platform/limits.ts'
import { t } from '../i18n/i18n.ts'

export const roleLabel = (role: TRole): string => t(`role.${role}`)
export const kindLabel = (kind: TOrgKind): string => t(`kind.${kind}`)
