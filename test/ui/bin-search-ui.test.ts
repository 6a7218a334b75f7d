import { Readable } from 'node:stream';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFill } from '../crash/bulk-fill.js';
import { inconsistencies } from '../support/consistency.js';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';
import { bulkTrash } from './support/bulk-trash.js';
import { seedDrive } from './support/seed.js';

// SQLite only: seeding 10,000 bin items costs a minute more on PostgreSQL, where the same
// search is tested over HTTP (test/pds/search-bin*.test.ts); this suite tests the page.
const databases = (await testDatabases()).filter((d) => d === 'sqlite');

const hasChromium = chromiumInstalled();

const DAY = 86_400_000;
const BULK = 10_000;
/** A local YYYY-MM-DD, as a date input takes it. */
const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.skipIf(!hasChromium).each(databases)('bin search in the web UI on %s', (database) => {
  /**
   * Issue 14 as a new user met it: 10,000 items in the bin and the one wanted trashed
   * first, ten days ago, by frank. The old Bin page filtered the newest 5,000 in the
   * browser and said it was not there; the page now asks the server.
   */
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let driveId: string;
  let reports: string;
  const pageErrors: string[] = [];
  const searches: Request[] = [];
  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const row = (name: string) => page.locator(`table.bin tr[data-name=${JSON.stringify(name)}]`);
  const binRows = () => page.locator('table.bin tbody tr');
  const lastQuery = () => (searches.at(-1)?.postDataJSON() as { query: string }).query;
  const tenDaysAgo = Date.now() - 10 * DAY;

  async function signIn(p: Page, name: string, password: string): Promise<void> {
    await p.goto(ui());
    await p.getByLabel('User name').fill(name);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Drives' }).waitFor();
  }

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode({ database });
    const { salvage, adminActor: admin } = node;
    driveId = await seedDrive(node, 'Team');
    const frank = await salvage.users.add(admin, { name: 'frank', role: 'admin' });
    const vic = await salvage.users.add(admin, { name: 'vic', role: 'user', password: 'vic-password' });
    await salvage.members.add(admin, { driveId, userId: vic.id, role: 'viewer' });
    const file = (parentId: string, name: string) =>
      salvage.entries.createFile(admin, { driveId, parentId, name, content: Readable.from([Buffer.from(name)]) }).then((r) => r.entry.id);
    const taxes = await file('root', 'tax-return-2019.pdf');
    reports = (await salvage.entries.createFolder(admin, { driveId, parentId: 'root', name: 'Reports' })).entry.id;
    const summary = await file(reports, 'q3-summary.pdf');
    const bulk = (await salvage.entries.createFolder(admin, { driveId, parentId: 'root', name: 'Bulk' })).entry.id;
    // 10,000 empty folders written in bulk, then trashed one by one, as 10,000 deletions
    // would be: each its own bin item, five days ago.
    await bulkFill(salvage, admin, driveId, [bulk], { folders: BULK, filesPerFolder: 0, emptyPerFolder: 0 });
    const system = salvage.ctx.clock;
    try {
      salvage.ctx.clock = { now: () => tenDaysAgo };
      await salvage.bin.trash({ userId: frank.id, isAdmin: true }, { driveId, fileId: taxes });
      salvage.ctx.clock = { now: () => system.now() - 5 * DAY };
      const rows = await salvage.ctx.store.db.selectFrom('entries').select('id').where('drive_id', '=', driveId).where('parent_id', '=', bulk).execute();
      expect(rows.length).toBe(BULK);
      const ids = rows.map((r) => r.id);
      await bulkTrash(salvage, admin, driveId, ids);
    } finally {
      salvage.ctx.clock = system;
    }
    await salvage.bin.trash(admin, { driveId, fileId: summary });
    // The bulk trash left the counters as 10,001 trash calls would have.
    expect(await inconsistencies(salvage, driveId)).toEqual([]);
    browser = await launchChromium();
    page = await newPage(browser, pageErrors);
    page.on('request', (r) => {
      if (r.url().endsWith('/v2/recyclebin/search_all')) searches.push(r);
    });
    // Seeding 10,001 bin items on PostgreSQL took 165 s alone on a shared 2-core machine
    // under a load of 12, and over 240 s beside the other UI suites: room for that.
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('finds the oldest of 10,001 items by name, on the server', async () => {
    await signIn(page, 'admin', 'admin-password');
    await page.goto(ui(`#/drive/${driveId}/bin`));
    await page.getByRole('heading', { name: 'Recycle bin of Team' }).waitFor();
    await expect.poll(() => binRows().count()).toBe(100);
    expect(await row('tax-return-2019.pdf').count()).toBe(0);

    await page.getByLabel('Name contains').fill('TAX-return');
    await row('tax-return-2019.pdf').waitFor();
    expect(lastQuery()).toBe('name match "TAX-return"');
    expect(await row('tax-return-2019.pdf').getByRole('cell').allTextContents()).toContain('frank');
    await screenshot(page, 'recycle-bin-search');

    // Quotes and backslashes are the query language's two escapes: typed text stays one string.
    await page.getByLabel('Name contains').fill('say "hi" \\o/');
    await page.getByText('No item in the bin matches: name contains “say "hi" \\o/”.').waitFor();
    expect(lastQuery()).toBe('name match "say \\"hi\\" \\\\o/"');
    await page.getByLabel('Name contains').fill('');
  });

  it('filters by folder, by who deleted it and by date, and pages with Next', async () => {
    await page.getByLabel('Deleted from folder').fill('/nope');
    await page.getByRole('button', { name: 'Apply folder' }).click();
    await page.getByText(/^No folder at \/nope/).waitFor();
    await page.getByLabel('Deleted from folder').fill('/Reports');
    await page.getByRole('button', { name: 'Apply folder' }).click();
    await expect.poll(() => binRows().count()).toBe(1);
    await row('q3-summary.pdf').waitFor();
    expect(lastQuery()).toBe(`original_parent_file_id = "${reports}"`);
    await page.getByRole('button', { name: 'Any folder' }).click();
    await expect.poll(() => binRows().count()).toBe(100);

    await page.getByLabel('Deleted by').selectOption({ label: 'frank' });
    await expect.poll(() => binRows().count()).toBe(1);
    await row('tax-return-2019.pdf').waitFor();
    await page.getByLabel('Deleted by').selectOption({ label: 'Anyone' });

    const day = localDay(tenDaysAgo);
    await page.getByLabel('Deleted since').fill(day);
    await page.getByLabel('until').fill(day);
    await expect.poll(() => binRows().count()).toBe(1);
    await row('tax-return-2019.pdf').waitFor();
    expect(lastQuery()).toMatch(/^trashed_at >= "[^"]+" and trashed_at <= "[^"]+"$/);
    await page.getByLabel('Type').selectOption('folder');
    await page.getByText(`No item in the bin matches: deleted from ${day} to ${day}; folders only.`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Deleted since').fill('');
    await page.getByLabel('until').fill('');
    await page.getByLabel('Sort').selectOption('name ASC');
    await row('b0').waitFor();
    const first = await binRows().first().getAttribute('data-name');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    await expect.poll(() => binRows().first().getAttribute('data-name')).not.toBe(first);
    expect(await binRows().count()).toBe(100);
  });

  it('shows what was deleted from a folder, and restores it there', async () => {
    await page.goto(ui(`#/drive/${driveId}/files/root`));
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.getByText('This folder is empty.').waitFor();
    await page.getByRole('button', { name: 'Show deleted items' }).click();
    const panel = page.getByRole('region', { name: 'Deleted from this folder' });
    await panel.locator('tr[data-name="q3-summary.pdf"]').waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'deleted-here');
    // A viewer sees what was deleted here, with no Restore.
    const viewer = await newPage(browser, pageErrors);
    await signIn(viewer, 'vic', 'vic-password');
    await viewer.goto(page.url());
    await viewer.getByRole('button', { name: 'Show deleted items' }).click();
    await viewer.locator('tr[data-name="q3-summary.pdf"]').waitFor();
    expect(await viewer.getByRole('button', { name: /Restore/ }).count()).toBe(0);
    await viewer.context().close();
    await panel.getByRole('button', { name: 'Restore q3-summary.pdf' }).click();
    await page.getByText('Restored q3-summary.pdf.').waitFor();
    await page.locator('table.files tr[data-name="q3-summary.pdf"]').waitFor();
    await panel.getByText('Nothing was deleted from this folder').waitFor();
  });

  it('shows the retention lock on Settings; an admin sets compliance after a warning', async () => {
    await page.goto(ui(`#/drive/${driveId}/settings`));
    await page.getByText('No retention lock').waitFor();
    await page.getByLabel('Lock mode').selectOption('compliance');
    await page.getByLabel(/Minimum days in the bin/).fill('7');
    await page.getByText('Compliance cannot be undone').waitFor();
    await page.getByRole('button', { name: 'Save lock' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a compliance lock of 7 days?' });
    await dialog.getByRole('button', { name: 'Set compliance lock' }).click();
    await page.getByText('Saved: the retention lock is compliance, 7 days.').waitFor();
    await page.getByText(/^Compliance, 7 days: nobody, admin included/).waitFor();
    // Under compliance the form offers only lengthening it.
    expect(await page.getByLabel('Lock mode').locator('option').allTextContents()).toEqual(['Compliance (nobody may bypass it, for good)']);
    const drive = await node.salvage.drives.get(node.adminActor, driveId);
    expect(drive.lock).toEqual({ mode: 'compliance', minDays: 7 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'settings-lock');
    expect(pageErrors).toEqual([]);
  });
});
