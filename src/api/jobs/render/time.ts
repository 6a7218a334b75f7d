/** Jobs-dialect times: ISO 8601 UTC to the second, as the vendor's examples (`2020-01-01T12:00:00Z`). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.[0-9]{3}Z$/, 'Z');

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));
