/**
 * Every migration, in order. Add yours as one line: `'NNNN_name': migrationNNNNName,`.
 * Names sort as applied; never rename or edit a migration that has shipped — add a new one.
 */

import { migration0005BiasAudits } from '../../modules/bias/migrations/0005_bias_audits.ts'
import { migration0007BiasAuditSizes } from '../../modules/bias/migrations/0007_bias_audit_sizes.ts'
import { migration0008BiasAuditInputs } from '../../modules/bias/migrations/0008_bias_audit_inputs.ts'
import { migration0001Platform } from '../../modules/platform/migrations/0001_platform.ts'
import { migration0006Security } from '../../modules/platform/migrations/0006_security.ts'
import { migration0009UserLocale } from '../../modules/platform/migrations/0009_user_locale.ts'
import { migration0010AuditFilters } from '../../modules/platform/migrations/0010_audit_filters.ts'
import type { TMigration } from './helpers.ts'

export const MIGRATIONS: Record<string, TMigration> = {
  '0001_platform': migration0001Platform,
  '0005_bias_audits': migration0005BiasAudits,
  '0006_security': migration0006Security,
  '0007_bias_audit_sizes': migration0007BiasAuditSizes,
  '0008_bias_audit_inputs': migration0008BiasAuditInputs,
  '0009_user_locale': migration0009UserLocale,
  '0010_audit_filters': migration0010AuditFilters,
}
