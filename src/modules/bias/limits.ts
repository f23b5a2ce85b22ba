/**
 * Limits of bias audits run on the server (uploads through the API), named once for the service,
 * the request schemas and the web app. The group limit itself is DEFAULT_MAX_GROUPS (counting/types.ts).
 */

/**
 * Largest maxGroups an upload may ask for (the default is DEFAULT_MAX_GROUPS, 1,000). The report is
 * built on the server's one event loop, about 1.7 kB of JSON per group (a single column's groups are
 * also its marginals): 2,000 groups of weighted data, the slowest kind, take well under a second
 * and under 8 MiB; 5,000 took four seconds on a busy two-core machine.
 */
export const MAX_UPLOAD_GROUPS = 2_000
/** Largest bootstrap replicates × groups an upload may ask for: about a second of work on the server. */
export const MAX_UPLOAD_BOOTSTRAP_DRAWS = 1_000_000
/** Largest stored result of one audit (its JSON text, UTF-8 bytes). */
export const MAX_RESULT_BYTES = 20 * 1024 ** 2
/** Stored results of all bias audits of one organisation, together; delete older audits to make room. */
export const ORG_RESULT_QUOTA_BYTES = 200 * 1024 ** 2
