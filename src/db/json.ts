/** JSON columns: text on SQLite, jsonb on PostgreSQL; both read back as strings. One pair of helpers. */
export type TJsonValue = string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue }

export const toJsonColumn = (value: TJsonValue | Record<string, unknown>): string => JSON.stringify(value)

export const fromJsonColumn = <T = TJsonValue>(text: string): T => JSON.parse(text) as T

/** Booleans are integers 0/1 on both dialects. */
export const toBoolColumn = (value: boolean): number => (value ? 1 : 0)
export const fromBoolColumn = (value: number | boolean): boolean => value === 1 || value === true
