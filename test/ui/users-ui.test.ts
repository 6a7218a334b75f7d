import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { seriousAxeViolations } from './support/axe.js';
import { chromiumInstalled, launchChromium, newPage } from './support/browser.js';
import { buildUi } from './support/build-ui.js';
import { screenshot } from './support/screenshot.js';

const databases = await testDatabases();

const hasChromium = chromiumInstalled();

describe.skipIf(!hasChromium).each(databases)('users and profile pages on %s', (database) => {
  /**
   * The admin's Users page and a user's Profile page in Debian's chromium against a real
   * node, in order: the admin makes alice and a key for her, resets her password; alice
   * (in a second browser context) changes it herself and makes her own key; the admin
   * disables her and she is out.
   */
  let node: TestNode;
  let browser: Browser;
  let admin: Page;
  let alice: Page;
  const pageErrors: string[] = [];

  const ui = (hash = '') => `${node.url}/ui/${hash}`;
  const expectAccessible = async (page: Page) => expect(await seriousAxeViolations(page)).toEqual([]);
  const userRow = (name: string) => admin.locator(`table.users tr[data-name=${JSON.stringify(name)}]`);
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  // Waits for an alert with this text (an earlier alert may still show while a request runs).
  const alertSaying = (page: Page | Locator, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text }).waitFor();

  async function signIn(page: Page, name: string, password: string): Promise<void> {
    await page.goto(ui());
    await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
  }

  const aliceId = async () => (await node.salvage.users.all()).find((u) => u.name === 'alice')!.id;

  beforeAll(async () => {
    await buildUi();
    node = await startTestNode({ database });
    browser = await launchChromium();
    admin = await newPage(browser, pageErrors);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: node.url });
    alice = await newPage(browser, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.destroy();
  });

  it('admin creates a user and sees them listed', async () => {
    await signIn(admin, 'admin', 'admin-password');
    await admin.getByRole('heading', { name: 'Drives' }).waitFor();
    await nav(admin).getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await userRow('admin').waitFor();

    // A bad name is caught before asking; a taken one is the server's refusal, in words.
    await admin.getByLabel('User name').fill('no spaces');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await alertSaying(admin, 'A user name is 1 to 64 letters');
    await admin.getByLabel('User name').fill('admin');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await alertSaying(admin, 'That user name is taken.');

    await admin.getByLabel('User name').fill('alice');
    await admin.getByLabel('Nick name (optional)').fill('Alice A.');
    await admin.getByLabel('Password', { exact: true }).fill('alice-password-1');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.getByText('Created alice, with a drive of their own.').waitFor();
    const cells = await userRow('alice').getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['Alice A.', 'User', 'Enabled']);
    await expectAccessible(admin);
    await screenshot(admin, 'users');
  });

  it("creates an access key for the user: the secret is shown once, copied, and gone after reload", async () => {
    await admin.getByRole('button', { name: 'Access keys of alice' }).click();
    const panel = admin.getByRole('region', { name: 'Access keys of alice' });
    await panel.getByText('alice has no access keys.').waitFor();
    await panel.getByRole('button', { name: 'Create access key' }).click();
    const secretField = panel.getByLabel('Access key secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    const keys = await node.salvage.accessKeys.list(node.adminActor, { userId: await aliceId() });
    expect(keys).toHaveLength(1);
    const keyId = keys[0]!.id;
    // The secret shows before the list has fetched the new key: allTextContents does not wait.
    const row = panel.getByRole('row', { name: keyId });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.any(String),
      'Never',
      'Enabled',
      'DisableDelete',
    ]);

    await panel.getByRole('button', { name: 'Copy secret' }).click();
    await panel.getByText('Copied to the clipboard.').waitFor();
    // A string, evaluated in the page: the test's own types have no DOM.
    expect(await admin.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await expectAccessible(admin);
    await screenshot(admin, 'access-key-secret');

    // Disable and enable again: the list follows the server.
    await panel.getByRole('button', { name: `Disable key ${keyId}` }).click();
    await panel.getByRole('button', { name: `Enable key ${keyId}` }).waitFor();
    expect((await node.salvage.accessKeys.list(node.adminActor, { userId: await aliceId() }))[0]!.status).toBe('disabled');
    await panel.getByRole('button', { name: `Enable key ${keyId}` }).click();
    await panel.getByRole('button', { name: `Disable key ${keyId}` }).waitFor();

    // Closing gives focus back to the button that opened the keys, for the keyboard.
    await panel.getByRole('button', { name: 'Close access keys' }).click();
    expect(await admin.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('Access keys of alice');

    await admin.reload();
    await admin.getByRole('button', { name: 'Access keys of alice' }).click();
    await panel.getByRole('row', { name: keyId }).waitFor();
    expect(await admin.getByLabel('Access key secret').count()).toBe(0);
    expect(await admin.content()).not.toContain(secret);
  });

  it('resets the user’s password', async () => {
    await admin.getByRole('button', { name: 'Reset password of alice' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Reset the password of alice' });
    await dialog.getByLabel('New password').fill('short');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await alertSaying(dialog, 'at least 8 characters');
    await dialog.getByLabel('New password').fill('alice-password-2');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await admin.getByText('The password of alice is changed.').waitFor();
    expect(await dialog.count()).toBe(0);
  });

  it('a user sees no Users entry, and the Users page tells them it is for admins', async () => {
    await signIn(alice, 'alice', 'alice-password-2');
    await alice.getByRole('heading', { name: 'Drives' }).waitFor();
    await nav(alice).getByRole('link', { name: 'Profile' }).waitFor();
    expect(await nav(alice).getByRole('link', { name: 'Users' }).count()).toBe(0);
    await alice.goto(ui('#/users'));
    await alertSaying(alice, 'Only admins can manage users.');
  });

  it('changes their own password on the Profile page (the old one is refused afterwards) and makes their own key', async () => {
    await alice.getByRole('link', { name: 'your profile' }).click();
    await alice.getByRole('heading', { name: 'Your profile' }).waitFor();
    await alice.getByRole('textbox', { name: 'Nick name' }).fill('Ally');
    await alice.getByRole('button', { name: 'Save nick name' }).click();
    await alice.getByText('Your nick name is now Ally.').waitFor();

    await alice.getByLabel('Current password').fill('not-the-password');
    await alice.getByLabel('New password', { exact: true }).fill('alice-password-3');
    await alice.getByLabel('Repeat the new password').fill('alice-password-3');
    await alice.getByRole('button', { name: 'Change password' }).click();
    await alertSaying(alice, 'The current password is wrong.');
    await alice.getByLabel('Current password').fill('alice-password-2');
    await alice.getByRole('button', { name: 'Change password' }).click();
    await alice.getByText('Your password is changed.').waitFor();

    await expectAccessible(alice);
    await screenshot(alice, 'profile');

    const own = alice.getByRole('region', { name: 'Your access keys' });
    await own.getByRole('button', { name: 'Create access key' }).click();
    await own.getByLabel('Access key secret').waitFor();
    expect(await node.salvage.accessKeys.list(node.adminActor, { userId: await aliceId() })).toHaveLength(2);
    await expectAccessible(alice);
    // Without the Clipboard API (plain HTTP from another host) the field is selected to copy by hand.
    await alice.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })");
    await own.getByRole('button', { name: 'Copy secret' }).click();
    await own.getByText(/the secret is selected/).waitFor();
    const secret = await own.getByLabel('Access key secret').inputValue();
    expect(await alice.evaluate('(() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); })()')).toBe(secret);
    await own.getByRole('button', { name: 'Done, hide the secret' }).click();
    expect(await own.getByLabel('Access key secret').count()).toBe(0);

    await signOut(alice);
    await signIn(alice, 'alice', 'alice-password-2');
    await alice.getByRole('alert').waitFor();
    await signIn(alice, 'alice', 'alice-password-3');
    await alice.getByRole('heading', { name: 'Drives' }).waitFor();
  });

  it('admin disables the user: her session ends and she cannot sign in', async () => {
    await admin.getByRole('button', { name: 'Disable alice' }).click();
    await admin.getByText(/alice is disabled/).waitFor();
    // The notice may come before the table is read again: wait for the row to say so.
    await userRow('alice').getByRole('cell', { name: 'Disabled', exact: true }).waitFor();

    // Her open page: the next request is refused and the sign-in page shows.
    await alice.goto(ui('#/profile'));
    await alice.getByRole('heading', { name: 'Sign in to Salvage' }).waitFor();
    await signIn(alice, 'alice', 'alice-password-3');
    await alertSaying(alice, 'disabled');

    await admin.getByRole('button', { name: 'Enable alice' }).click();
    await admin.getByText('alice is enabled and can sign in again.').waitFor();
  });

  it('deletes a user, handing their drives to the admin', async () => {
    await admin.getByRole('button', { name: 'Delete alice' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Delete the user alice?' });
    expect(await dialog.getByLabel('Give them to').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await admin.getByText('Deleted alice; their drives now belong to admin (you).').waitFor();
    await userRow('alice').waitFor({ state: 'detached' });
    const drives = await node.salvage.drives.list(node.adminActor, { ownerId: node.adminActor.userId, offset: 0, limit: 10 });
    expect(drives.items.map((d) => d.name)).toContain('alice');
  });

  it('pages the users 50 at a time', async () => {
    // The admin and 50 more (made through the core, as the API would): 51 users, two pages.
    for (let i = 0; i < 50; i += 1) await node.salvage.users.add(node.adminActor, { name: `user${String(i).padStart(2, '0')}`, role: 'user' });
    await admin.reload();
    const rows = admin.locator('table.users tbody tr');
    await admin.getByRole('button', { name: 'Next page' }).waitFor();
    expect(await rows.count()).toBe(50);
    const first = await rows.locator('th').allTextContents();
    await admin.getByRole('button', { name: 'Next page' }).click();
    await admin.getByText('Page 2').waitFor();
    await eventually(async () => ((await rows.count()) === 1 ? true : undefined));
    const second = await rows.locator('th').allTextContents();
    expect(new Set([...first, ...second]).size).toBe(51);
    await admin.getByRole('button', { name: 'Previous page' }).click();
    await admin.getByText('Page 1').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
