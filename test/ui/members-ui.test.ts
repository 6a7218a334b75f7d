import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';

const databases = await testDatabases();

const hasChromium = chromiumInstalled();

describe.skipIf(!hasChromium).each(databases)('members panel and roles on %s', (database) => {
  /**
   * A shared drive in Debian's chromium against a real node, in order: olivia (no admin)
   * shares her drive with eddie as an editor and vera as a viewer, each in a browser
   * context of their own; what each sees follows their role; olivia changes a role and
   * removes vera, who loses the drive; eddie leaves; an admin adds vera back from the list.
   */
  let node: TestNode;
  let browser: Browser;
  let olivia: Page;
  let eddie: Page;
  let vera: Page;
  let driveId: string;
  const ids: Record<string, string> = {};
  const pageErrors: string[] = [];

  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const expectAccessible = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);
  const row = (page: Page, name: string) => page.locator(`tr[data-name=${JSON.stringify(name)}]`);
  const alertSaying = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text }).waitFor();
  const roleOf = async (userId: string) =>
    (await node.salvage.members.list(node.adminActor, driveId)).find((m) => m.userId === userId)?.role;

  async function signIn(page: Page, name: string): Promise<void> {
    await page.goto(ui());
    await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(`${name}-password`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Drives' }).waitFor();
  }

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode({ database });
    for (const name of ['olivia', 'eddie', 'vera']) {
      const user = await node.salvage.users.add(node.adminActor, { name, role: 'user', password: `${name}-password` });
      ids[name] = user.id;
      if (name === 'olivia') driveId = user.defaultDriveId!;
    }
    await node.salvage.entries.createFolder(node.adminActor, { driveId, parentId: 'root', name: 'Plans', checkNameMode: 'refuse' });
    browser = await launchChromium();
    [olivia, eddie, vera] = await Promise.all([newPage(browser, pageErrors), newPage(browser, pageErrors), newPage(browser, pageErrors)]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('the owner adds an editor and a viewer by user id', async () => {
    await signIn(olivia, 'olivia');
    expect(await row(olivia, 'olivia').getByRole('cell').first().textContent()).toBe('Owner');
    await olivia.getByRole('link', { name: 'Members of olivia' }).click();
    await olivia.getByRole('heading', { name: 'Members of olivia' }).waitFor();
    await olivia.getByText('This drive is shared with nobody yet.').waitFor();

    // No admin: no user list, an id to type, and a user name is explained, not guessed.
    await olivia.getByText('Only admins can list users').waitFor();
    await olivia.getByLabel('User id').fill('vera');
    await olivia.getByRole('button', { name: 'Add member' }).click();
    await alertSaying(olivia, 'No user has the id "vera"');

    await olivia.getByLabel('User id').fill(ids.eddie!);
    await olivia.getByLabel('Role', { exact: true }).selectOption('editor');
    await olivia.getByRole('button', { name: 'Add member' }).click();
    await olivia.getByText('Added eddie as an editor.').waitFor();
    await olivia.getByLabel('User id').fill(ids.vera!);
    await olivia.getByLabel('Role', { exact: true }).selectOption('viewer');
    await olivia.getByRole('button', { name: 'Add member' }).click();
    await olivia.getByText('Added vera as a viewer.').waitFor();
    await row(olivia, 'vera').waitFor();
    expect(await olivia.locator('table.members tbody th').allTextContents()).toEqual(['olivia (you)', 'eddie', 'vera']);
    expect(await row(olivia, 'eddie').getByRole('cell').nth(1).textContent()).toBe('Editor');
    await expectAccessible(olivia);
    await screenshot(olivia, 'members');
  });

  it('the viewer sees the shared drive as a viewer, with no write controls', async () => {
    await signIn(vera, 'vera');
    expect(await row(vera, 'olivia').getByRole('cell').first().textContent()).toBe('Viewer');
    await vera.getByRole('link', { name: 'olivia', exact: true }).click();
    await row(vera, 'Plans').waitFor();
    await vera.getByText('You are a viewer on this drive').waitFor();
    for (const name of [/Upload files/, /Create folder/, /to recycle bin/, /Rename/]) expect(await vera.getByRole('button', { name }).count()).toBe(0);
    expect(await vera.getByLabel('Upload files').count()).toBe(0);
    expect(await vera.getByRole('checkbox').count()).toBe(0);
    await expectAccessible(vera);

    await vera.getByRole('link', { name: 'Open recycle bin' }).click();
    await vera.getByText(/browse the recycle bin, not restore/).waitFor();
    for (const name of [/Restore/, 'Delete permanently', 'Empty recycle bin']) expect(await vera.getByRole('button', { name }).count()).toBe(0);

    await vera.goto(ui(`#/drive/${driveId}/settings`));
    await vera.getByRole('heading', { name: 'Recycle bin settings of olivia' }).waitFor();
    expect(await vera.getByLabel('Keep deleted items in the recycle bin').isDisabled()).toBe(true);
    expect(await vera.getByRole('button', { name: 'Save settings' }).count()).toBe(0);

    // The members, read-only, and a way out.
    await vera.goto(ui(`#/drive/${driveId}/members`));
    await row(vera, 'vera').waitFor();
    expect(await vera.getByRole('button', { name: /Remove|Make/ }).count()).toBe(0);
    expect(await vera.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    await vera.getByRole('button', { name: 'Leave this drive' }).waitFor();
  });

  it('the editor trashes and restores, but sees no delete or empty-bin', async () => {
    await signIn(eddie, 'eddie');
    expect(await row(eddie, 'olivia').getByRole('cell').first().textContent()).toBe('Editor');
    await eddie.goto(ui(`#/drive/${driveId}/files/root`));
    await eddie.getByLabel('Select Plans').check();
    await eddie.getByRole('button', { name: 'Move 1 selected to recycle bin' }).click();
    await eddie.getByText('Moved 1 item to the recycle bin.').waitFor();

    await eddie.getByRole('link', { name: 'Open recycle bin' }).click();
    await eddie.getByLabel('Select Plans').check();
    expect(await eddie.getByRole('button', { name: 'Delete permanently' }).count()).toBe(0);
    expect(await eddie.getByRole('button', { name: 'Empty recycle bin' }).count()).toBe(0);
    await expectAccessible(eddie);
    await eddie.getByRole('button', { name: 'Restore 1 selected' }).click();
    const report = eddie.getByRole('region', { name: 'Restore results' });
    await report.waitFor();
    expect(await report.textContent()).toContain('Restored Plans to /');
    await eddie.getByText('The recycle bin is empty.').waitFor();
    await eddie.goto(ui(`#/drive/${driveId}/settings`));
    await eddie.getByText('only its owner or an admin can change these settings').waitFor();
  });

  it('the owner changes a role and removes a member, who then loses the drive', async () => {
    await olivia.getByRole('button', { name: 'Make editor: vera' }).click();
    await olivia.getByText('vera is now an editor.').waitFor();
    expect(await roleOf(ids.vera!)).toBe('editor');

    await olivia.getByRole('button', { name: 'Remove vera' }).click();
    const dialog = olivia.getByRole('dialog', { name: 'Remove vera from olivia?' });
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await olivia.getByText('vera is no longer a member of olivia.').waitFor();
    await row(olivia, 'vera').waitFor({ state: 'detached' });
    expect(await roleOf(ids.vera!)).toBeUndefined();

    await vera.goto(ui());
    await vera.getByRole('heading', { name: 'Drives' }).waitFor();
    await row(vera, 'vera').waitFor();
    expect(await row(vera, 'olivia').count()).toBe(0);
    await vera.goto(ui(`#/drive/${driveId}/files/root`));
    await alertSaying(vera, 'you no longer have access to it');
  });

  it('a member leaves the drive', async () => {
    await eddie.goto(ui(`#/drive/${driveId}/members`));
    await eddie.getByRole('button', { name: 'Leave this drive' }).click();
    await eddie.getByRole('dialog', { name: 'Leave olivia?' }).getByRole('button', { name: 'Leave drive' }).click();
    await eddie.getByRole('heading', { name: 'Drives' }).waitFor();
    await row(eddie, 'eddie').waitFor();
    expect(await row(eddie, 'olivia').count()).toBe(0);
    expect(await roleOf(ids.eddie!)).toBeUndefined();
  });

  it('an admin picks the member from the list of users', async () => {
    await vera.getByRole('button', { name: 'Sign out' }).click();
    await vera.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await signIn(vera, 'admin');
    await vera.getByRole('link', { name: 'Members of olivia' }).click();
    const picker = vera.getByLabel('User', { exact: true });
    await picker.locator('option', { hasText: 'vera' }).waitFor({ state: 'attached' });
    // The owner is no member to add.
    expect(await picker.locator('option').allTextContents()).toEqual(['Choose a user', 'admin', 'eddie', 'vera']);
    await picker.selectOption({ label: 'vera' });
    await vera.getByLabel('Role', { exact: true }).selectOption('editor');
    await vera.getByRole('button', { name: 'Add member' }).click();
    await vera.getByText('Added vera as an editor.').waitFor();
    expect(await roleOf(ids.vera!)).toBe('editor');
    await expectAccessible(vera);
    expect(pageErrors).toEqual([]);
  });
});
