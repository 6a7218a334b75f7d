import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';
import { seedDrive } from './support/seed.js';

const hasChromium = chromiumInstalled();

/**
 * Issue 15 items 3 and 4: Undo after a trash puts back exactly that deletion as one job;
 * the restore report sums up and links each folder items went to; breadcrumbs inside nested
 * trashed folders show the whole way down. The page is what is tested: SQLite only.
 */
describe.skipIf(!hasChromium)('undo and restore reports', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let driveId: string;
  const pageErrors: string[] = [];
  const ids: Record<string, string> = {};

  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const row = (name: string) => page.locator(`tr[data-name=${JSON.stringify(name)}]`);
  const folder = async (name: string, parent = 'root') => {
    ids[name] = (await node.salvage.entries.createFolder(node.adminActor, { driveId, parentId: parent, name, checkNameMode: 'refuse' })).entry.id;
    return ids[name]!;
  };
  const binNames = async () => (await node.salvage.bin.list(node.adminActor, { driveId, limit: 100 })).items.map((i) => i.name).sort();

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode();
    driveId = await seedDrive(node, 'Team');
    for (const name of ['keep', 'one', 'two', 'three']) await folder(name);
    const items = await folder('items');
    for (const name of ['r1', 'r2', 'r3']) await folder(name, items);
    const deep = await folder('deep');
    const a = await folder('a', deep);
    await folder('b', a);
    browser = await launchChromium();
    page = await newPage(browser, pageErrors);
    await page.goto(ui());
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Drives' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('undoes a trash of three items with one restore job', async () => {
    await page.goto(ui(`#/drive/${driveId}/files/root`));
    for (const name of ['one', 'two', 'three']) await page.getByLabel(`Select ${name}`).check();
    await page.getByRole('button', { name: 'Move 3 selected to recycle bin' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Moved 3 items to the recycle bin.' });
    await toast.waitFor();
    await row('one').waitFor({ state: 'detached' });
    expect(await binNames()).toEqual(['one', 'three', 'two']);
    // Something trashed afterwards, outside that deletion, is not undone with it.
    await node.salvage.bin.trash(node.adminActor, { driveId, fileId: ids.keep! });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'undo-toast');
    await toast.getByRole('button', { name: 'Undo' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Put back 3 items where they were.' }).waitFor();
    for (const name of ['one', 'two', 'three']) await row(name).waitFor();
    expect(await binNames()).toEqual(['keep']);
    const jobs = await node.salvage.jobs.list(node.adminActor, { driveId, types: ['restore_all'], limit: 10 });
    expect(jobs.items.map((j) => j.state)).toEqual(['succeeded']);
    // One toast at a time: the undo's replaced the trash's.
    expect(await page.locator('.toast').count()).toBe(1);
  });

  it('sums up a bulk restore and links the folder the items went to', async () => {
    // r1..r3 trashed from /items; a new r2 takes one name meanwhile.
    for (const name of ['r1', 'r2', 'r3']) await node.salvage.bin.trash(node.adminActor, { driveId, fileId: ids[name]! });
    await folder('r2', ids.items);
    await page.goto(ui(`#/drive/${driveId}/bin`));
    for (const name of ['r1', 'r2', 'r3']) await page.getByLabel(`Select ${name}`).check();
    await page.getByRole('button', { name: 'Restore 3 selected' }).click();
    const report = page.getByRole('region', { name: 'Restore results' });
    await report.getByText('Restored 3 items to /items; 1 renamed (the name was taken there).').waitFor();
    await report.getByText('Restored r2 to /items as r2 (restored)').waitFor();
    await screenshot(page, 'restore-summary');
    await report.getByRole('link', { name: '/items' }).first().click();
    await page.getByRole('heading', { name: 'items' }).waitFor();
    expect(page.url()).toContain(`/files/${ids.items}`);
    await row('r2 (restored)').waitFor();
  });

  it('restores and deletes forever from a row, and links the job', async () => {
    await node.salvage.bin.trash(node.adminActor, { driveId, fileId: ids.one! });
    await page.goto(ui(`#/drive/${driveId}/bin`));
    await page.getByRole('button', { name: 'Restore keep' }).click();
    await page.getByRole('region', { name: 'Restore results' }).getByText('Restored 1 item to /.').waitFor();
    await row('keep').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete forever: one' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete one permanently?' });
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    const toast = page.getByRole('status').filter({ hasText: /Deleting one for good \(job \d+\)/ });
    await toast.getByRole('link', { name: 'Jobs page' }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await page.locator('tr', { hasText: 'Delete permanently' }).getByText('Done', { exact: true }).waitFor();
    expect(await binNames()).toEqual([]);
  });

  it('shows every trashed folder on the way down in the bin', async () => {
    await node.salvage.bin.trash(node.adminActor, { driveId, fileId: ids.deep! });
    await page.goto(ui(`#/drive/${driveId}/bin`));
    await page.getByRole('link', { name: 'Browse trashed folder deep' }).click();
    await page.getByRole('link', { name: 'Browse trashed folder a' }).click();
    await page.getByRole('link', { name: 'Browse trashed folder b' }).click();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await crumbs.getByText('b', { exact: true }).waitFor();
    expect((await crumbs.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual(['Team', 'Recycle bin', 'deep', 'a', 'b']);
    await crumbs.getByRole('link', { name: 'deep' }).click();
    await page.getByRole('heading', { name: 'Recycle bin: deep' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
