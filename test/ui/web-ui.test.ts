import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';
import { seedBigFolder, seedDrive } from './support/seed.js';

import { testDatabases } from '../support/databases.js';

const databases = await testDatabases();

// A bare machine has no browser: the suite skips, saying what to install, unless CI requires it.
const hasChromium = chromiumInstalled();

describe.skipIf(!hasChromium).each(databases)('web UI on %s', (database) => {
  /**
   * The web UI in Debian's chromium against a real node: one user's session from sign-in to
   * settings, in order (each step builds on the one before). A small purge batch makes a
   * purge of a few thousand entries last long enough to watch and cancel.
   */
  describe('web UI in a real browser', () => {
    let node: TestNode;
    let browser: Browser;
    let page: Page;
    let driveId: string;
    let tinyId: string;
    const pageErrors: string[] = [];

    const ui = (hash = '') => `${node.url}/ui/${hash}`;
    const expectAccessible = async () => expect(await seriousAxeViolations(page)).toEqual([]);
    // Rows carry their entry's name, so a lookup is exact ("Projects" is not "Projects (restored)").
    const row = (name: string) => page.locator(`tr[data-name=${JSON.stringify(name)}]`);

    beforeAll(async () => {
      await buildUi();
      node = await startTestNode({ database, purgeBatchSize: 2 });
      driveId = await seedDrive(node, 'Team');
      tinyId = await seedDrive(node, 'Tiny', 1024);
      browser = await launchChromium();
      page = await newPage(browser, pageErrors);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await node?.destroy();
    });

    it('signs in', async () => {
      await page.goto(ui());
      await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
      await expectAccessible();
      await screenshot(page, 'sign-in');
      await page.getByLabel('User name').fill('admin');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('wrong');
      await page.getByLabel('Password').fill('admin-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Drives' }).waitFor();
    });

    it('lists drives with their space as a bar', async () => {
      await row('Team').waitFor();
      expect(await page.getByRole('meter', { name: 'Space used on Team' }).count()).toBe(1);
      await expectAccessible();
      await screenshot(page, 'drives');
    });

    it('makes a folder, uploads into it with a progress bar, and refuses a taken name', async () => {
      await page.getByRole('link', { name: 'Team', exact: true }).click();
      await page.getByRole('heading', { name: 'Team' }).waitFor();
      await page.getByLabel('New folder').fill('Projects');
      await page.getByRole('button', { name: 'Create folder' }).click();
      await row('Projects').waitFor();
      // The same name again: the server's refusal, in words.
      await page.getByLabel('New folder').fill('Projects');
      await page.getByRole('button', { name: 'Create folder' }).click();
      await expect(page.getByRole('alert').first().textContent()).resolves.toContain('already exists');

      await page.getByRole('link', { name: 'Projects' }).click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.locator('#upload-input').setInputFiles([
        { name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('quarterly numbers\n'.repeat(1000)) },
        { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# notes\n') },
      ]);
      await page.getByRole('progressbar', { name: 'Upload of report.txt' }).waitFor();
      await row('notes.md').waitFor();
      await row('report.txt').waitFor();
      expect(await page.getByText('Uploaded').count()).toBe(2);
      const bar = page.getByRole('progressbar', { name: 'Upload of report.txt' });
      expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
      await expectAccessible();
      await screenshot(page, 'files');
    });

    it('refuses an upload over the quota with a clear message', async () => {
      await page.goto(ui(`#/drive/${tinyId}/files/root`));
      await page.getByRole('heading', { name: 'Tiny' }).waitFor();
      await page.locator('#upload-input').setInputFiles([{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(4096) }]);
      const alert = page.getByRole('alert').filter({ hasText: 'big.bin' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Not enough space on this drive.');
      expect(await page.getByText('This folder is empty.').count()).toBe(1);
      await page.goBack();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
    });

    it('moves a folder to the bin and takes its name again', async () => {
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Team' }).click();
      await row('Projects').waitFor();
      await page.getByLabel('Select Projects').check();
      await page.getByRole('button', { name: /Move 1 selected to recycle bin/ }).click();
      await page.getByText('Moved 1 item to the recycle bin.').waitFor();
      await row('Projects').waitFor({ state: 'detached' });
      // A new live folder of the same name: the restore must not overwrite or merge into it.
      await page.getByLabel('New folder').fill('Projects');
      await page.getByRole('button', { name: 'Create folder' }).click();
      await row('Projects').waitFor();
    });

    it('finds it in the bin: who, from where, days left; filters and browses inside', async () => {
      await page.getByRole('link', { name: 'Open recycle bin' }).click();
      await page.getByRole('heading', { name: 'Recycle bin of Team' }).waitFor();
      const item = row('Projects');
      await item.waitFor();
      const cells = await item.getByRole('cell').allTextContents();
      expect(cells).toContain('admin');
      expect(cells).toContain('/ (root)');
      expect(cells).toContain('30 days');
      await page.getByLabel('Name contains').fill('nothing-like-this');
      await page.getByText('No item in the bin matches: name contains “nothing-like-this”.').waitFor();
      await page.getByLabel('Name contains').fill('proj');
      await item.waitFor();
      await expectAccessible();
      await screenshot(page, 'recycle-bin');

      // Inside a trashed folder is the bin's listing with parent_file_id (file/list shows only live folders).
      const inside = page.waitForRequest((r) => r.url().endsWith('/v2/recyclebin/list') && 'parent_file_id' in (r.postDataJSON() ?? {}));
      await page.getByRole('link', { name: 'Browse trashed folder Projects' }).click();
      await page.getByRole('heading', { name: 'Recycle bin: Projects' }).waitFor();
      await row('report.txt').waitFor();
      expect((await inside).postDataJSON()).toMatchObject({ order_by: 'name', order_direction: 'ASC' });
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Recycle bin' }).click();
      await page.getByRole('heading', { name: 'Recycle bin of Team' }).waitFor();
    });

    it('restores several at once, onto a taken name, and says where each went', async () => {
      // A second item, trashed elsewhere (as a PDS or NAS client would), by another admin
      // who is deleted since: the bin still names them (the answer carries the name).
      const { entry } = await node.salvage.entries.createFolder(node.adminActor, { driveId, parentId: 'root', name: 'Archive' });
      const frank = await node.salvage.users.add(node.adminActor, { name: 'frank', role: 'admin' });
      await node.salvage.bin.trash({ userId: frank.id, isAdmin: true }, { driveId, fileId: entry.id });
      await node.salvage.users.remove(node.adminActor, { userId: frank.id, drivePolicy: 'delete' });
      await page.reload();
      await row('Archive').waitFor();
      expect(await row('Archive').getByRole('cell').allTextContents()).toContain('frank');
      await page.getByLabel('Select Archive').check();
      await page.getByLabel('Select Projects').check();
      await page.getByRole('button', { name: 'Restore 2 selected' }).click();
      const report = page.getByRole('region', { name: 'Restore results' });
      await report.waitFor();
      const text = await report.textContent();
      expect(text).toContain('Restored Projects to / as Projects (restored)');
      expect(text).toContain('Restored Archive to /');
      expect(text).not.toContain('Archive (restored)');
      await page.getByText('The recycle bin is empty.').waitFor();
      await page.goto(ui(`#/drive/${driveId}/files/root`));
      await row('Projects (restored)').waitFor();
      await row('Projects').waitFor();
    });

    it('purges behind a confirmation that says it cannot be undone', async () => {
      await page.getByLabel('Select Projects (restored)').check();
      await page.getByRole('button', { name: /Move 1 selected to recycle bin/ }).click();
      await page.getByText('Moved 1 item to the recycle bin.').waitFor();
      await page.goto(ui(`#/drive/${driveId}/bin`));
      await page.getByLabel('Select Projects (restored)').check();
      await page.getByRole('button', { name: 'Delete permanently' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete 1 item permanently?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('This cannot be undone.');
      await expectAccessible();
      await screenshot(page, 'confirm-delete');
      // A double click must not delete twice (the second click finds the button busy).
      await dialog.getByRole('button', { name: 'Delete permanently' }).dblclick();
      await page.getByText(/Permanent deletion of 1 item started/).waitFor();
      expect((await node.salvage.jobs.list(node.adminActor, { driveId, types: ['delete'], limit: 5 })).total).toBe(1);
      await page.getByText('The recycle bin is empty.').waitFor();
      await eventually(async () => {
        const jobs = await node.salvage.jobs.list(node.adminActor, { driveId, types: ['delete'], limit: 5 });
        return jobs.items[0]?.state === 'succeeded' ? true : undefined;
      });
    });

    it('shows a long purge with a moving progress bar and cancels it', async () => {
      const bigId = await seedBigFolder(node, driveId, 'Big', 60, 150);
      await node.salvage.bin.trash(node.adminActor, { driveId, fileId: bigId });
      // Started outside the UI (as PDS or NAS would): the jobs page must pick it up by itself.
      await page.goto(ui('#/jobs'));
      await page.getByRole('heading', { name: 'Jobs' }).waitFor();
      const job = await node.salvage.bin.delete(node.adminActor, { driveId, fileId: bigId, policy: 'queue', binOnly: false });
      const jobRow = page.locator(`tr[data-job-id="${job.id}"]`);
      await jobRow.waitFor();
      const bar = page.getByRole('progressbar', { name: `Progress of job ${job.id}` });
      const valueOf = async () => Number((await bar.getAttribute('value')) ?? 0);
      const first = await eventually(async () => ((await valueOf()) > 0 ? valueOf() : undefined), 20_000, 100);
      await eventually(async () => ((await valueOf()) > first ? true : undefined), 20_000, 100);
      expect(await jobRow.textContent()).toContain('Running');
      await expectAccessible();
      await screenshot(page, 'jobs');
      await page.getByRole('button', { name: `Cancel job ${job.id}` }).click();
      await eventually(async () => ((await jobRow.textContent())?.includes('Cancelled') ? true : undefined), 20_000, 100);
      expect(await jobRow.textContent()).toMatch(/deleted for good; the rest is back in the bin/);
      const after = await node.salvage.jobs.get(node.adminActor, String(job.id));
      expect(after.state).toBe('cancelled');
      expect(after.processed).toBeLessThan(after.total);
      // A finished job links its report (JSON Lines), read with the session's cookie.
      const report = page.getByRole('link', { name: `Report of job ${job.id}` });
      await report.waitFor();
      const text = await page.evaluate(async (href) => (await fetch(href!)).text(), await report.getAttribute('href'));
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ jobId: job.id, type: 'DELETE', state: 'cancelled', failed: 0 });
      // What was not purged is back in the bin, restorable.
      await page.goto(ui(`#/drive/${driveId}/bin`));
      await row('Big').waitFor();
    });

    it('pages a folder of 10,000 entries instead of rendering them all', async () => {
      const hugeId = await seedBigFolder(node, driveId, 'Huge', 1, 10_000);
      const inner = (await node.salvage.entries.list(node.adminActor, { driveId, parentId: hugeId, limit: 1 })).items[0]!;
      const started = Date.now();
      await page.goto(ui(`#/drive/${driveId}/files/${inner.id}`));
      await page.getByRole('button', { name: 'Next page' }).waitFor();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await page.locator('table.files tbody tr').count()).toBe(100);
      // Keyset pages with the folder's total (one indexed count on the server).
      await page.getByText('100 shown of 10,000 items in this folder').waitFor();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2').waitFor();
      expect(await page.locator('table.files tbody tr').count()).toBe(100);
    });

    it('changes retention', async () => {
      await page.goto(ui(`#/drive/${driveId}/settings`));
      await page.getByRole('heading', { name: 'Recycle bin settings of Team' }).waitFor();
      const days = page.getByLabel('Days to keep deleted items (1-180)');
      expect(await days.inputValue()).toBe('30');
      await days.fill('7');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved: items stay in the recycle bin for 7 days.').waitFor();
      expect((await node.salvage.bin.attribute(node.adminActor, driveId)).reservedDays).toBe(7);
      await expectAccessible();
      await screenshot(page, 'settings');
      await page.goto(ui(`#/drive/${driveId}/bin`));
      await row('Big').waitFor();
      expect(await row('Big').getByRole('cell').allTextContents()).toContain('7 days');
    });

    it('signs out and the session is gone', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
      await page.goto(ui('#/jobs'));
      await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
      expect(pageErrors).toEqual([]);
    });
  });
});
