import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

// Tests never change tracked files: pictures go to a temporary folder unless asked to
// renew the committed ones (SALVAGE_UPDATE_SCREENSHOTS=1 npx vitest run test/ui).
const DIR =
  process.env.SALVAGE_UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
    : join(tmpdir(), 'salvage-screenshots/');

/** Saves the viewport (1280x800) as <name>.png: docs/screenshots/ when renewing them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(DIR, { recursive: true });
  // Let the focus ring and any transition settle so the picture is stable.
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${DIR}${name}.png`, fullPage: false });
}
