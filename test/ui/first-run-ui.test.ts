import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage, PHONE } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';

// Every page is checked at every size and theme; these are the ones pictured in docs/ui.md.
const PICTURED_PHONE = new Set(['drives', 'files', 'recycle-bin', 'jobs', 'settings', 'audit']);
const PICTURED_DARK = new Set(['files', 'recycle-bin', 'jobs']);

const hasChromium = chromiumInstalled();

/**
 * Issue 15 items 1 and 6: the first minutes of a new install in a browser, and every page
 * on a phone in both themes. What is tested is the page (layout, words, flows), not the
 * store, so this suite runs on SQLite only (the others cover PostgreSQL).
 */
describe.skipIf(!hasChromium)('first run, phone and dark mode', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let ninaId: string;
  let umaId: string;
  let teamId: string;
  const pageErrors: string[] = [];

  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const expectAccessible = async (p: Page, where: string) => expect({ where, violations: await seriousAxeViolations(p) }).toEqual({ where, violations: [] });

  async function signIn(p: Page, name: string, password: string): Promise<void> {
    await p.goto(ui());
    await p.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await p.getByLabel('User name').fill(name);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Drives' }).waitFor();
  }

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode();
    // Made through the core without a default drive: a user whose first screen has no drive.
    ninaId = (await node.salvage.users.create({ name: 'nina', password: 'nina-password' })).id;
    umaId = (await node.salvage.users.create({ name: 'uma', password: 'uma-password' })).id;
    browser = await launchChromium();
    page = await newPage(browser, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('sends a browser that opens the server address to the UI', async () => {
    await page.goto(`${node.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/');
    // The favicon is the UI's own file, served under /ui/.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect((await fetch(new URL(icon!, page.url()))).status).toBe(200);
  });

  it('gives an admin with no drive a way to make one, for another user with a quota', async () => {
    await signIn(page, 'admin', 'admin-password');
    await page.getByText('You have no drives yet.').waitFor();
    await expectAccessible(page, 'drives, empty');
    await page.getByRole('button', { name: 'New drive' }).click();
    const dialog = page.getByRole('dialog', { name: 'New drive' });
    // Nothing typed: said in words, nothing sent.
    await dialog.getByRole('button', { name: 'Create drive' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Enter a name for the drive.' }).waitFor();
    await dialog.getByLabel('Drive name').fill('Team');
    await dialog.getByLabel('Owner').selectOption({ label: 'uma' });
    await dialog.getByLabel('At most').check();
    await dialog.getByLabel('Quota in GiB').fill('2');
    await expectAccessible(page, 'new drive dialog');
    await screenshot(page, 'new-drive');
    await dialog.getByRole('button', { name: 'Create drive' }).dblclick();
    // Straight into the new drive, whose empty folder says what to do.
    await page.getByText('This folder is empty.').waitFor();
    await page.getByText(/Upload files .* or make a folder/).waitFor();
    const drives = (await node.salvage.drives.list({ userId: umaId, isAdmin: false }, { offset: 0, limit: 10 })).items.filter((d) => d.name === 'Team');
    expect(drives.map((d) => ({ owner: d.ownerId, total: d.totalSize }))).toEqual([{ owner: umaId, total: 2 * 1024 ** 3 }]);
    teamId = drives[0]!.id;
  });

  it('gives a user with no drive the same flow, without owner or quota', async () => {
    const nina = await newPage(browser, pageErrors);
    await signIn(nina, 'nina', 'nina-password');
    await nina.getByText('You have no drives yet.').waitFor();
    await nina.getByText(/ask a drive's owner to share/).waitFor();
    await nina.getByRole('button', { name: 'New drive' }).click();
    const dialog = nina.getByRole('dialog', { name: 'New drive' });
    expect(await dialog.getByLabel('Owner').count()).toBe(0);
    expect(await dialog.getByLabel('Quota in GiB').count()).toBe(0);
    await dialog.getByLabel('Drive name').fill('Nina');
    await dialog.getByRole('button', { name: 'Create drive' }).click();
    await nina.getByRole('heading', { name: 'Nina' }).waitFor();
    const mine = (await node.salvage.drives.list({ userId: ninaId, isAdmin: false }, { offset: 0, limit: 10 })).items;
    expect(mine.map((d) => d.name)).toEqual(['Nina']);
    await nina.context().close();
  });

  it("shows the bin's retention and says what an empty bin is", async () => {
    await page.goto(ui(`#/drive/${teamId}/bin`));
    await page.getByText('Items are deleted for good after 30 days in the bin.').waitFor();
    await page.getByText(/The recycle bin is empty\. What you delete from this drive comes here/).waitFor();
  });

  it('fits every page on a 390 px phone, in light and dark, with no serious axe violation', async () => {
    // Something on every page: folders, bin items, and a finished restore and purge.
    const make = async (name: string) =>
      (await node.salvage.entries.createFolder(node.adminActor, { driveId: teamId, parentId: 'root', name, checkNameMode: 'refuse' })).entry.id;
    await make('A folder with a rather long name to wrap on a phone');
    for (const name of ['Reports', 'Photos 2024']) await make(name);
    for (const name of ['Old drafts', 'Scans', 'Budget 2023', 'Minutes']) await node.salvage.bin.trash(node.adminActor, { driveId: teamId, fileId: await make(name) });
    const bin = (await node.salvage.bin.list(node.adminActor, { driveId: teamId, limit: 10 })).items;
    const idOf = (name: string) => bin.find((i) => i.name === name)!.id;
    await node.salvage.bin.restore(node.adminActor, { driveId: teamId, fileId: idOf('Minutes'), policy: 'queue' });
    await node.salvage.bin.delete(node.adminActor, { driveId: teamId, fileId: idOf('Scans'), policy: 'queue', binOnly: true });
    const pages = [
      ['drives', ''],
      ['files', `#/drive/${teamId}/files/root`],
      ['recycle-bin', `#/drive/${teamId}/bin`],
      ['settings', `#/drive/${teamId}/settings`],
      ['members', `#/drive/${teamId}/members`],
      ['jobs', '#/jobs'],
      ['audit', '#/audit'],
      ['users', '#/users'],
      ['profile', '#/profile'],
    ] as const;
    // The jobs page counts jobs by state; a count filters the list to its state.
    await page.goto(ui('#/jobs'));
    const counts = page.getByLabel('Jobs by state');
    await counts.getByRole('button', { name: '2 done' }).click();
    expect(await page.getByLabel('Show').inputValue()).toBe('COMPLETE');
    expect(await page.locator('table.jobs tbody tr').count()).toBe(2);
    await counts.getByRole('button', { name: '0 failed' }).click();
    await page.getByText('No job in this state.').waitFor();
    for (const dark of [false, true]) {
      const phone = await newPage(browser, pageErrors, { viewport: PHONE, dark });
      await phone.goto(ui());
      await phone.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
      await expectAccessible(phone, `sign-in ${dark ? 'dark' : 'light'}`);
      await signIn(phone, 'admin', 'admin-password');
      for (const [name, hash] of pages) {
        const where = `${name} at 390 px, ${dark ? 'dark' : 'light'}`;
        await phone.goto(ui(hash));
        await phone.locator('main h1').first().waitFor();
        await phone.locator('.skeleton').first().waitFor({ state: 'detached' });
        const width = (await phone.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })')) as { scroll: number; inner: number };
        expect({ where, fits: width.scroll <= width.inner, ...width }).toEqual({ where, fits: true, ...width });
        await expectAccessible(phone, where);
        if ((dark ? PICTURED_DARK : PICTURED_PHONE).has(name)) await screenshot(phone, `${name}-phone${dark ? '-dark' : ''}`);
      }
      await phone.context().close();
    }
    // The desktop in dark mode too, on the busiest pages.
    const wide = await newPage(browser, pageErrors, { dark: true });
    await signIn(wide, 'admin', 'admin-password');
    for (const [name, hash] of pages) {
      await wide.goto(ui(hash));
      await wide.locator('main h1').first().waitFor();
      await wide.locator('.skeleton').first().waitFor({ state: 'detached' });
      await expectAccessible(wide, `${name} at 1280 px, dark`);
      if (PICTURED_DARK.has(name)) await screenshot(wide, `${name}-dark`);
    }
    await wide.context().close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
