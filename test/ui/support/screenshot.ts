import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Saves the viewport (1280x800) as docs/screenshots/<name>.png, committed for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(DIR, { recursive: true });
  // Let the focus ring and any transition settle so the picture is stable.
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${DIR}${name}.png`, fullPage: false });
}
