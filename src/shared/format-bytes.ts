/**
 * Sizes for people, the one convention of the CLI and the web UI: powers of 1024 with IEC
 * units (KiB, MiB, ...), one decimal under 10. 1536 -> "1.5 KiB", 0 -> "0 B".
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
