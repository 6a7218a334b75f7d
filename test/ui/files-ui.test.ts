import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
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
 * Issue 15 item 2, the file browser: folders first with icons and folder sizes, the row
 * menu and the keyboard, Shift+click ranges, "select all N" across pages (and Undo of it),
 * and uploads dropped on the page or chosen as a folder, in the corner tray. The page is
 * what is tested: SQLite only.
 */
describe.skipIf(!hasChromium)('files page', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let driveId: string;
  let albumDir: string;
  const pageErrors: string[] = [];
  const ids: Record<string, string> = {};

  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const row = (name: string) => page.locator(`tr[data-name=${JSON.stringify(name)}]`);
  const rowNames = () => page.locator('table.files tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
  const folder = async (name: string, parent = 'root') => {
    ids[name] = (await node.salvage.entries.createFolder(node.adminActor, { driveId, parentId: parent, name, checkNameMode: 'refuse' })).entry.id;
    return ids[name]!;
  };
  const liveNames = async (parentId: string) =>
    (await node.salvage.entries.list(node.adminActor, { driveId, parentId, limit: 200 })).items.map((e) => e.name).sort();

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode();
    driveId = await seedDrive(node, 'Team');
    for (const name of ['zeta', 'alpha', 'beta', 'gamma']) await folder(name);
    const many = await folder('many');
    for (let i = 0; i < 150; i++) await folder(`item ${String(i).padStart(3, '0')}`, many);
    albumDir = await mkdtemp(join(tmpdir(), 'salvage-album-'));
    await mkdir(join(albumDir, 'album', '2024'), { recursive: true });
    await writeFile(join(albumDir, 'album', 'cover.jpg'), 'not really a jpeg');
    await writeFile(join(albumDir, 'album', '2024', 'notes.txt'), 'summer');
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
    if (albumDir) await rm(albumDir, { recursive: true, force: true });
  });

  it('uploads files dropped on the page, in a tray that can be dismissed', async () => {
    await page.goto(ui(`#/drive/${driveId}/files/root`));
    await row('zeta').waitFor();
    // A drop as the browser delivers one (the test's own DataTransfer: Chromium gives
    // synthetic items no file-system entry, so this covers files; folders use the input).
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['a'.repeat(3000)], 'aardvark.png', { type: 'image/png' }));
      data.items.add(new File(['b'], 'notes.txt', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    const tray = page.getByRole('region', { name: 'Uploads' });
    await tray.getByText('Uploads: 2 of 2 done').waitFor();
    await row('aardvark.png').waitFor();
    await tray.getByRole('button', { name: 'Dismiss' }).click();
    await tray.waitFor({ state: 'detached' });
  });

  it('uploads a whole folder, making its folders on the way', async () => {
    await page.locator('#upload-folder-input').setInputFiles(join(albumDir, 'album'));
    await page.getByRole('region', { name: 'Uploads' }).getByText('Uploads: 2 of 2 done').waitFor();
    await row('album').waitFor();
    const album = (await node.salvage.entries.list(node.adminActor, { driveId, parentId: 'root', limit: 100 })).items.find((e) => e.name === 'album')!;
    expect(await liveNames(album.id)).toEqual(['2024', 'cover.jpg']);
  });

  it('uploads a folder dropped on the page, as the system delivers a drop', async () => {
    // Through the DevTools protocol: a drop of a real folder with file-system entries.
    await mkdir(join(albumDir, 'dropped', 'inner'), { recursive: true });
    await writeFile(join(albumDir, 'dropped', 'inner', 'deep.txt'), 'deep');
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(albumDir, 'dropped')], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 400, data });
    await page.getByRole('region', { name: 'Uploads' }).getByText('Uploads: 1 of 1 done').waitFor();
    await row('dropped').waitFor();
    const dropped = (await node.salvage.entries.list(node.adminActor, { driveId, parentId: 'root', limit: 100 })).items.find((e) => e.name === 'dropped')!;
    expect(await liveNames(dropped.id)).toEqual(['inner']);
    await cdp.detach();
    // Out of the listings the next tests count.
    await node.salvage.bin.trash(node.adminActor, { driveId, fileId: dropped.id });
  });

  it('lists folders first, with icons, folder sizes and relative dates', async () => {
    await page.reload();
    await row('zeta').waitFor();
    expect(await rowNames()).toEqual(['album', 'alpha', 'beta', 'gamma', 'many', 'zeta', 'aardvark.png', 'notes.txt']);
    expect(await row('aardvark.png').locator('svg.file-icon').getAttribute('data-kind')).toBe('image');
    expect(await row('notes.txt').locator('svg.file-icon').getAttribute('data-kind')).toBe('document');
    expect(await row('album').locator('svg.file-icon').getAttribute('data-kind')).toBe('folder');
    // From the subtree counters: 2024/, 2024/notes.txt and cover.jpg.
    expect(await row('album').locator('td[data-label="Size"]').textContent()).toBe('3 items, 23 B');
    expect(await row('many').locator('td[data-label="Size"]').textContent()).toBe('150 items, 0 B');
    const time = row('notes.txt').locator('time').first();
    expect(await time.textContent()).toBe('just now');
    expect(await time.getAttribute('title')).toMatch(/\d/);
    await page.getByText('8 items in this folder.').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'files-icons');
  });

  it('works from the keyboard: F2 renames, Delete trashes, Enter opens', async () => {
    await row('notes.txt').focus();
    await page.keyboard.press('F2');
    await page.getByLabel('New name for notes.txt').fill('minutes.txt');
    await page.keyboard.press('Enter');
    await row('minutes.txt').waitFor();
    await row('minutes.txt').focus();
    await page.keyboard.press('Delete');
    await page.getByRole('status').filter({ hasText: 'Moved 1 item to the recycle bin.' }).waitFor();
    await row('minutes.txt').waitFor({ state: 'detached' });
    await row('gamma').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'gamma' }).waitFor();
    await page.goBack();
    await row('zeta').waitFor();
  });

  it('offers each row its actions in a menu', async () => {
    // Escape closes a menu and gives the focus back to its button.
    await page.getByLabel('Actions for beta').click();
    await page.getByRole('button', { name: 'Rename beta' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Rename beta' }).waitFor({ state: 'hidden' });
    await page.getByLabel('Actions for zeta').click();
    await expect(page.getByRole('button', { name: 'Rename zeta' }).isVisible()).resolves.toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'row-menu');
    await page.getByRole('button', { name: 'Move to recycle bin: zeta' }).click();
    await row('zeta').waitFor({ state: 'detached' });
    expect((await node.salvage.bin.list(node.adminActor, { driveId, limit: 10 })).items.map((i) => i.name).sort()).toEqual(['dropped', 'minutes.txt', 'zeta']);
  });

  it('selects a range with Shift+click', async () => {
    await page.getByLabel('Select alpha').click();
    await page.getByLabel('Select gamma').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Move 3 selected to recycle bin' }).waitFor();
    for (const name of ['alpha', 'beta', 'gamma']) expect(await page.getByLabel(`Select ${name}`).isChecked()).toBe(true);
    expect(await page.getByLabel('Select many').isChecked()).toBe(false);
    await page.getByLabel('Select alpha').click();
    await page.getByRole('button', { name: 'Move 2 selected to recycle bin' }).waitFor();
  });

  it('sorts names naturally, folders first, across a page boundary, as the server lists them', async () => {
    const counted = await folder('counted');
    // 98 folders and three files: the page of 100 ends after f2, so f10 opens the next.
    const dirs = Array.from({ length: 98 }, (_, i) => `d${i + 1}`);
    for (const name of [...dirs].reverse()) await folder(name, counted);
    for (const name of ['f10', 'f2', 'f1']) {
      await node.salvage.entries.createFile(node.adminActor, { driveId, parentId: counted, name, content: Readable.from([Buffer.from(name)]) });
    }
    await page.goto(ui(`#/drive/${driveId}/files/${counted}`));
    await row('f2').waitFor();
    expect(await rowNames()).toEqual([...dirs, 'f1', 'f2']);
    await page.getByRole('button', { name: 'Next page' }).click();
    await row('f10').waitFor();
    expect(await rowNames()).toEqual(['f10']);
    await page.getByLabel('Sort').selectOption('name:DESC');
    await row('d98').waitFor();
    expect((await rowNames()).slice(0, 3)).toEqual(['d98', 'd97', 'd96']);
    expect((await rowNames()).slice(-3)).toEqual(['d1', 'f10', 'f2']);
    await page.getByRole('button', { name: 'Next page' }).click();
    await row('f1').waitFor();
    expect(await rowNames()).toEqual(['f1']);
    await node.salvage.bin.trash(node.adminActor, { driveId, fileId: counted });
  });

  it('selects all 150 items of a folder across pages, trashes them and undoes it', async () => {
    await page.goto(ui(`#/drive/${driveId}/files/${ids.many}`));
    await page.getByText('100 shown of 150 items in this folder').waitFor();
    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Select all 150 items in this folder' }).click();
    await page.getByText('All 150 items in this folder are selected.').waitFor();
    await page.getByRole('button', { name: 'Move 150 selected to recycle bin' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Moved 150 items to the recycle bin.' });
    await toast.waitFor();
    expect(await liveNames(ids.many!)).toEqual([]);
    await page.getByText('This folder is empty.').waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'Put back 150 items where they were.' }).waitFor();
    expect(await liveNames(ids.many!)).toHaveLength(150);
    await row('item 000').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
