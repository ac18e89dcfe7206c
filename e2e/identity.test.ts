import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  chooseLanguage,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningServer,
  signIn,
  signOut,
  startServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = () => page.getByRole('navigation', { name: /Main navigation|Əsas naviqasiya/ });
const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('sign-in page', () => {
  it('shows a translated message for a wrong password', async () => {
    await page.goto(`${server.url}/`);
    await h1('Sistemə giriş').waitFor();
    await page.locator('input[name="username"]').fill('demo.officer');
    await page.locator('input[name="password"]').fill('not the password');
    await page.getByRole('button', { name: 'Daxil ol' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/istifadəçi adı və ya parol səhvdir/).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Dil').selectOption('en');
    await alert.getByText(/the user name or password is wrong/).waitFor();
    await page.getByLabel('Language').selectOption('az');
  });
});

describe('the system administrator', () => {
  let oneTimePassword = '';

  it('sees user administration in the menu and the list of users', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'demo.admin');
    await chooseLanguage(page, 'en');
    await h1('Your worklist').waitFor();
    expect(await nav().getByRole('link', { name: 'Users' }).isVisible()).toBe(true);
    expect(await nav().getByRole('link', { name: 'Roles and permissions' }).isVisible()).toBe(true);
    expect(await nav().getByRole('link', { name: 'Audit trail' }).count()).toBe(0);

    await nav().getByRole('link', { name: 'Users' }).click();
    await h1('Users').waitFor();
    await page.getByRole('link', { name: 'demo.officer' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: /^Search/ }).fill('nurse');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Users shown: 1.').waitFor();
    expect(await page.getByRole('link', { name: 'demo.nurse' }).isVisible()).toBe(true);
  });

  it('creates a user and sees the one-time password once', async () => {
    await page.getByRole('link', { name: 'Create a user' }).click();
    await h1('Create a user').waitFor();
    await expectNoSeriousA11yViolations(page);

    // The domain schema is checked before sending.
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.getByText('Choose at least 1.').waitFor();

    await page.getByRole('textbox', { name: /^User name/ }).fill('e2e.nurse');
    await page.getByRole('textbox', { name: /^Name/ }).fill('E2E Nurse');
    await page.getByRole('checkbox', { name: 'Nurse', exact: true }).check();
    await page.getByRole('checkbox', { name: /PILOT-1/ }).check();
    await page.getByRole('button', { name: 'Create the user' }).click();

    await page.getByText('User e2e.nurse created').waitFor();
    oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await expectNoSeriousA11yViolations(page);

    // A second user with the same name is refused, on the field.
    await page.getByRole('textbox', { name: /^User name/ }).fill('e2e.nurse');
    await page.getByRole('textbox', { name: /^Name/ }).fill('E2E Nurse again');
    await page.getByRole('checkbox', { name: 'Nurse', exact: true }).check();
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.getByText('This user name is taken.').waitFor();
  });

  it('edits the user with its version and resets the password', async () => {
    await page.getByRole('link', { name: 'Open the account of e2e.nurse' }).click();
    await h1('User e2e.nurse').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('textbox', { name: /^Name/ }).fill('E2E Nurse Mammadova');
    await page.getByRole('checkbox', { name: 'Feldsher', exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The changes have been saved.').waitFor();
    expect(
      await page
        .getByRole('row', { name: /Version/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('2');

    await page.getByRole('button', { name: 'Reset password…' }).click();
    await page.getByRole('button', { name: 'Yes, reset the password' }).click();
    await page.getByText('Password reset').waitFor();
    oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
    await expectNoSeriousA11yViolations(page);
  });

  it('reads the table of roles and permissions with data classes', async () => {
    await nav().getByRole('link', { name: 'Roles and permissions' }).click();
    await h1('Roles and permissions').waitFor();
    const roles = page.getByRole('table', { name: 'Roles and the permissions each grants' });
    await roles
      .getByRole('row', { name: /^Health manager/ })
      .getByText('Search the audit trail')
      .waitFor();
    expect(
      await roles
        .getByRole('row', { name: /^Doctor/ })
        .getByText('Search the audit trail')
        .count(),
    ).toBe(0);
    const permissions = page.getByRole('table', { name: 'Every permission with the class of data it opens' });
    const auditRead = permissions.getByRole('row', { name: /^Search the audit trail/ });
    expect(await auditRead.locator('.mantine-Badge-label').textContent()).toBe('Audit');
    expect(await auditRead.getByText('audit.read', { exact: true }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  });

  it('the new user must choose a password of their own first', async () => {
    await signIn(page, 'e2e.nurse', oneTimePassword);
    await h1('Parolu dəyiş').waitFor();
    expect(new URL(page.url()).pathname).toBe('/identity/account/password');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Dil').selectOption('en');
    await h1('Change password').waitFor();

    await page.getByLabel(/^Current password/).fill(oneTimePassword);
    await page.getByLabel(/^New password/).fill('short');
    await page.getByLabel(/^Repeat the new password/).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The password is too short: use at least 12 characters.').waitFor();

    await page.getByLabel(/^New password/).fill('river stone window 42');
    await page.getByLabel(/^Repeat the new password/).fill('river stone window 42');
    await page.getByRole('button', { name: 'Change password' }).click();
    await h1('Your worklist').waitFor();
    await signOut(page);
  });
});

describe('a custodial officer', () => {
  it('sees neither administration nor audit, and a direct address says "not allowed"', async () => {
    await signIn(page, 'demo.officer');
    await h1('İş siyahınız').waitFor();
    const links = await nav().getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Ana səhifə', 'Hesabım', 'Sistemin vəziyyəti']));
    for (const adminOrAudit of [
      'İstifadəçilər',
      'Rollar və səlahiyyətlər',
      'Audit jurnalı',
      'Giriş tarixçəsi hesabatı',
    ])
      expect(links).not.toContain(adminOrAudit);

    await page.goto(`${server.url}/identity/users`);
    await h1('İcazə yoxdur').waitFor();
    expect(await page.getByRole('link', { name: 'İş siyahısına keç' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.goto(`${server.url}/audit/events`);
    await h1('İcazə yoxdur').waitFor();
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  });
});

describe('two-factor sign-in', () => {
  it('is set up with a QR code, shows ten recovery codes once, then asks for a code at sign-in', async () => {
    await signIn(page, 'demo.psychologist');
    await chooseLanguage(page, 'en');
    await nav().getByRole('link', { name: 'My account' }).click();
    await h1('My account').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
    await h1('Two-factor sign-in').waitFor();
    await page.getByRole('button', { name: 'Start set-up' }).click();
    const qr = page.getByRole('img', { name: 'QR code for adding Custodia to an authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = ((await page.locator('#two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(/^Code from the app/).fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your recovery codes' }).waitFor();
    const codes = await page
      .getByRole('list', { name: 'Your recovery codes' })
      .getByRole('listitem')
      .allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await page.getByText('they will not be shown again').isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'I have saved the codes — continue' }).click();
    await h1('My account').waitFor();
    await page.getByText('On', { exact: true }).waitFor();
    // A working second factor cannot be replaced from a signed-in browser.
    expect(await page.getByRole('link', { name: 'Set up two-factor sign-in' }).count()).toBe(0);

    await signOut(page);
    await signIn(page, 'demo.psychologist', undefined, { expectCode: true });
    await page.getByRole('heading', { level: 2, name: 'Verification code' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    // The code used to confirm may not be used again: take the next 30-second step's code.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.locator('input[name="code"]').fill(code);
    await page.keyboard.press('Enter');
    await h1('Your worklist').waitFor();
    await signOut(page);

    // A recovery code works once instead.
    await signIn(page, 'demo.psychologist', undefined, { expectCode: true });
    await page.locator('input[name="code"]').fill(codes[0] ?? '');
    await page.keyboard.press('Enter');
    await h1('Your worklist').waitFor();
    await signOut(page);
  });
});

describe('the language of each user', () => {
  it('is remembered on the server across sign-out and sign-in', async () => {
    await signIn(page, 'demo.social-worker');
    await h1('İş siyahınız').waitFor();
    await chooseLanguage(page, 'ru');
    await h1('Ваш список задач').waitFor();
    await signOut(page);

    // On this browser the sign-in page stays in Russian. Signing in without choosing, the social
    // worker gets Russian back.
    await h1('Вход в систему').waitFor();
    await signIn(page, 'demo.social-worker');
    await h1('Ваш список задач').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await signOut(page);

    // Choosing English on the sign-in page: English after sign-in, and remembered for the account.
    await page.getByLabel('Язык').selectOption('en');
    await h1('Sign in').waitFor();
    await expectNoSeriousA11yViolations(page);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/account/language') && r.ok()),
      signIn(page, 'demo.social-worker'),
    ]);
    await h1('Your worklist').waitFor();
    await signOut(page);

    // …while another user keeps their own language, Azerbaijani.
    await signIn(page, 'demo.nurse');
    await h1('İş siyahınız').waitFor();
    await signOut(page);
  });
});
