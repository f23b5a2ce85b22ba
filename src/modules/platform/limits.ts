/** Input limits shared by the server schemas and the web forms (one definition, two uses). */
export const LIMITS = {
  emailMax: 254,
  nameMax: 120,
  passwordMin: 12,
  passwordMax: 256,
  slugMax: 63,
  orgNameMax: 160,
} as const

export const ROLES = ['owner', 'admin', 'assessor', 'reviewer', 'viewer', 'grievance_handler'] as const
export type TRole = (typeof ROLES)[number]

/** The web app's interface languages (web/src/i18n): English, French, Spanish, Arabic. */
export const INTERFACE_LOCALES = ['en', 'fr', 'es', 'ar'] as const
export type TInterfaceLocale = (typeof INTERFACE_LOCALES)[number]

export const ORG_KINDS = ['provider', 'client', 'vendor', 'association'] as const
export type TOrgKind = (typeof ORG_KINDS)[number]
