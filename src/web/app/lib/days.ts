/** A date input's day (local) -> the first or last millisecond of it, as ISO for the API. */
export const dayStart = (day: string): string => (day ? new Date(`${day}T00:00:00`).toISOString() : '');
export const dayEnd = (day: string): string => (day ? new Date(`${day}T23:59:59.999`).toISOString() : '');
