import { type Browser, chromium, type Page } from 'playwright-core';
import { systemProgram } from '../../support/system-deps.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether Debian's chromium is here; if not, the calling suite is recorded as skipped. */
export const chromiumInstalled = (): boolean => systemProgram({ name: 'chromium', path: CHROMIUM });

/**
 * Debian's chromium, headless. The network is closed: without the background-networking
 * flags Chromium floods the log with refused connections to Google services.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The two sizes the UI is tested and pictured at: a desktop and a phone (iPhone 12 to 15). */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh page (1280x800 unless told), failing the test on any page error; `dark` asks for
 * the dark theme through prefers-color-scheme.
 */
export async function newPage(browser: Browser, errors: string[], opts: { viewport?: { width: number; height: number }; dark?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    colorScheme: opts.dark ? 'dark' : 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (400|401|403|404|409|413)/.test(msg.text())) errors.push(msg.text());
  });
  return page;
}
