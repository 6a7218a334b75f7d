import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's chromium, headless. The network is closed: without the background-networking
 * flags Chromium floods the log with refused connections to Google services.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

/** A fresh page the size of the committed screenshots, failing the test on any page error. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (400|401|403|404|409|413)/.test(msg.text())) errors.push(msg.text());
  });
  return page;
}
