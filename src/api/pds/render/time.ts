/** PDS times: ISO 8601 UTC with milliseconds, `2021-07-12T13:08:17.571Z`. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** Salvage is one PDS domain; every answer that names a domain names this one. */
export const DOMAIN_ID = 'salvage';
