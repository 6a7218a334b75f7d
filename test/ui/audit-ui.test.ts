import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { type PdsClient, signIn as pdsSignIn, uploadFile } from '../pds/support/pds-client.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';

const databases = await testDatabases();

const hasChromium = chromiumInstalled();

describe.skipIf(!hasChromium).each(databases)('audit page on %s', (database) => {
  /**
   * The Audit page in Debian's chromium against a real node: the admin's trail of actions
   * made over PDS and in the UI itself, filtered, paged and downloaded; bob (in a second
   * browser context) sees his own drive's records only.
   */
  let node: TestNode;
  let browser: Browser;
  let admin: Page;
  let bob: Page;
  let pds: PdsClient;
  let driveId: string;
  const pageErrors: string[] = [];
  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const rows = (page: Page) => page.locator('table.audit tbody tr');
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  async function signIn(page: Page, name: string, password: string): Promise<void> {
    await page.goto(ui());
    await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Drives' }).waitFor();
  }

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode({ database });
    pds = await pdsSignIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'Team', owner: node.adminActor.userId }, 201)).drive_id as string;
    // 55 files trashed over PDS: more than one page of the trail.
    for (let i = 0; i < 55; i++) {
      const f = await uploadFile(pds, driveId, 'root', `note-${String(i).padStart(2, '0')}.txt`, 'x');
      await pds.ok('/v2/recyclebin/trash', { drive_id: driveId, file_id: f.file_id }, 202);
    }
    const bobUser = await pds.ok('/v2/user/create', { user_name: 'bob', password: 'bob-password-1' }, 201);
    const bobPds = await pdsSignIn(node, 'bob', 'bob-password-1');
    const own = await uploadFile(bobPds, bobUser.default_drive_id as string, 'root', 'bobs.txt', 'b');
    await bobPds.ok('/v2/recyclebin/trash', { drive_id: bobUser.default_drive_id, file_id: own.file_id }, 202);
    browser = await launchChromium();
    admin = await newPage(browser, pageErrors);
    bob = await newPage(browser, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('records a change made in the UI as UI, and shows the trail newest first', async () => {
    await signIn(admin, 'admin', 'admin-password');
    await admin.goto(ui(`#/drive/${driveId}/settings`));
    await admin.getByLabel('Days to keep deleted items (1-180)').fill('9');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Saved: items stay in the recycle bin for 9 days.').waitFor();

    await nav(admin).getByRole('link', { name: 'Audit' }).click();
    await admin.getByRole('heading', { name: 'Audit' }).waitFor();
    await rows(admin).first().waitFor();
    const first = rows(admin).first();
    expect(await first.getAttribute('data-action')).toBe('settings');
    expect(await first.locator('td').allInnerTexts()).toEqual(['admin', 'UI', 'Bin settings', 'succeeded', 'Team', 'Team', '—', '—', 'reservedDays 30 -> 9']);
    expect(await rows(admin).count()).toBe(50);
    await admin.getByText('58 records').waitFor();
    expect(await seriousAxeViolations(admin)).toEqual([]);
    await screenshot(admin, 'audit');
  });

  it('pages, filters on the server, and downloads what the filters select', async () => {
    await admin.getByRole('button', { name: 'Next page' }).click();
    // "Page 2" shows at the click; the rows when the page's answer is in.
    await expect.poll(() => rows(admin).count()).toBe(8);
    await admin.getByText('Page 2').waitFor();

    await admin.getByLabel('Action').selectOption('trash');
    await admin.getByText('56 records').waitFor();
    await admin.getByText('Page 1').waitFor();
    await admin.getByLabel('Drive').selectOption(driveId);
    await admin.getByText('55 records').waitFor();
    const top = rows(admin).first();
    expect(await top.locator('td').nth(5).innerText()).toBe('/note-54.txt');
    await admin.getByLabel('From').fill('2000-01-01');
    await admin.getByLabel('To').fill('2000-01-02');
    await admin.getByText('No records match.').waitFor();
    await admin.getByLabel('To').fill('');

    const href = await admin.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('action=trash');
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Download JSON Lines' }).click();
    const path = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string; driveId: string });
    expect(lines.length).toBe(55);
    expect(lines.every((l) => l.action === 'trash' && l.driveId === driveId)).toBe(true);
  });

  it("shows a drive owner only their drives' records", async () => {
    await signIn(bob, 'bob', 'bob-password-1');
    await nav(bob).getByRole('link', { name: 'Audit' }).click();
    await bob.getByText('What was done on the drives you own.').waitFor();
    // His trash, and the admin's making of him with this drive: both are his drive's.
    await bob.getByText('2 records').waitFor();
    expect(await rows(bob).first().locator('td').nth(5).innerText()).toBe('/bobs.txt');
    expect(await rows(bob).nth(1).locator('td').allInnerTexts()).toEqual([
      'admin', 'PDS', 'User change', 'succeeded', 'bob', 'bob', '—', '—', 'added, role user, status enabled',
    ]);
    expect(pageErrors).toEqual([]);
  });
});
