/**
 * Identity in the browser: the sign-in page, user administration, the roles table, a first
 * password, two-factor sign-in, and the language each account remembers. On a server of its own:
 * it reads the language the demo accounts start with.
 */
import { generate } from 'otplib';
import { describe, expect } from 'vitest';
import { testOnFreshServer as test } from './fixtures.ts';
import { expectNoSeriousA11yViolations } from './harness.ts';
import { SignInPage } from './pages/sign-in.ts';
import { Worklist } from './pages/worklist.ts';

describe('sign-in page', () => {
  test('shows a translated message for a wrong password', async ({ page, shell }) => {
    await shell.goto('/');
    await shell.h1('Sistemə giriş').waitFor();
    await page.locator('input[name="username"]').fill('demo.officer');
    await page.locator('input[name="password"]').fill('not the password');
    await page.getByRole('button', { name: 'Daxil ol' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/istifadəçi adı və ya parol səhvdir/).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Dil', { exact: true }).selectOption('en');
    await alert.getByText(/the user name or password is wrong/).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('az');
  });
});

describe('the system administrator', () => {
  let oneTimePassword = '';

  test('sees user administration in the menu and the list of users', async ({ page, shell }) => {
    const worklist = new Worklist(shell);
    await shell.goto('/');
    await new SignInPage(shell).signIn('demo.admin');
    await shell.chooseLanguage('en');
    await worklist.heading('en').waitFor();
    expect(await shell.nav.getByRole('link', { name: 'Users' }).isVisible()).toBe(true);
    expect(await shell.nav.getByRole('link', { name: 'Roles and permissions' }).isVisible()).toBe(true);
    expect(await shell.nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);

    await shell.nav.getByRole('link', { name: 'Users' }).click();
    await shell.h1('Users').waitFor();
    await page.getByRole('link', { name: 'demo.officer' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: /^Search/ }).fill('nurse');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Users shown: 1.').waitFor();
    expect(await page.getByRole('link', { name: 'demo.nurse' }).isVisible()).toBe(true);
  });

  test('creates a user and sees the one-time password once', async ({ page, shell }) => {
    await page.getByRole('link', { name: 'Create a user' }).click();
    await shell.h1('Create a user').waitFor();
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

  test('edits the user with its version and resets the password', async ({ page, shell }) => {
    await page.getByRole('link', { name: 'Open the account of e2e.nurse' }).click();
    await shell.h1('User e2e.nurse').waitFor();
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

  test('reads the table of roles and permissions with data classes', async ({ page, shell }) => {
    await shell.nav.getByRole('link', { name: 'Roles and permissions' }).click();
    await shell.h1('Roles and permissions').waitFor();
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
    await shell.signOut();
  });

  test('the new user must choose a password of their own first', async ({ page, shell }) => {
    const worklist = new Worklist(shell);
    await new SignInPage(shell).signIn('e2e.nurse', oneTimePassword);
    await shell.h1('Parolu dəyiş').waitFor();
    expect(new URL(page.url()).pathname).toBe('/identity/account/password');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Dil', { exact: true }).selectOption('en');
    await shell.h1('Change password').waitFor();

    await page.getByLabel(/^Current password/).fill(oneTimePassword);
    await page.getByLabel(/^New password/).fill('short');
    await page.getByLabel(/^Repeat the new password/).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The password is too short: use at least 12 characters.').waitFor();

    await page.getByLabel(/^New password/).fill('river stone window 42');
    await page.getByLabel(/^Repeat the new password/).fill('river stone window 42');
    await page.getByRole('button', { name: 'Change password' }).click();
    await worklist.heading('en').waitFor();
    await shell.signOut();
  });
});

describe('a custodial officer', () => {
  test('sees neither administration nor audit, and a direct address says "not allowed"', async ({
    page,
    shell,
  }) => {
    const worklist = new Worklist(shell);
    await new SignInPage(shell).signIn('demo.officer');
    await worklist.heading('az').waitFor();
    const links = await shell.nav.getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Ana səhifə', 'Hesabım', 'Sistemin vəziyyəti']));
    for (const adminOrAudit of [
      'İstifadəçilər',
      'Rollar və səlahiyyətlər',
      'Audit jurnalı',
      'Giriş tarixçəsi hesabatı',
    ])
      expect(links).not.toContain(adminOrAudit);

    await shell.goto('/identity/users');
    await shell.h1('İcazə yoxdur').waitFor();
    expect(await page.getByRole('link', { name: 'İş siyahısına keç' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await shell.goto('/audit/events');
    await shell.h1('İcazə yoxdur').waitFor();
    await expectNoSeriousA11yViolations(page);
    await shell.signOut();
  });
});

describe('two-factor sign-in', () => {
  test('is set up with a QR code, shows ten recovery codes once, then asks for a code at sign-in', async ({
    page,
    shell,
  }) => {
    const worklist = new Worklist(shell);
    await new SignInPage(shell).signIn('demo.psychologist');
    await shell.chooseLanguage('en');
    await shell.nav.getByRole('link', { name: 'My account' }).click();
    await shell.h1('My account').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
    await shell.h1('Two-factor sign-in').waitFor();
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
    await shell.h1('My account').waitFor();
    await page.getByText('On', { exact: true }).waitFor();
    // A working second factor cannot be replaced from a signed-in browser.
    expect(await page.getByRole('link', { name: 'Set up two-factor sign-in' }).count()).toBe(0);

    await shell.signOut();
    await new SignInPage(shell).signIn('demo.psychologist', undefined, { expectCode: true });
    await page.getByRole('heading', { level: 2, name: 'Verification code' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    // The code used to confirm may not be used again: take the next 30-second step's code.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.locator('input[name="code"]').fill(code);
    await page.keyboard.press('Enter');
    await worklist.heading('en').waitFor();
    await shell.signOut();

    // A recovery code works once instead.
    await new SignInPage(shell).signIn('demo.psychologist', undefined, { expectCode: true });
    await page.locator('input[name="code"]').fill(codes[0] ?? '');
    await page.keyboard.press('Enter');
    await worklist.heading('en').waitFor();
    await shell.signOut();
  });
});

describe('the language of each user', () => {
  test('is remembered on the server across sign-out and sign-in', async ({ page, shell }) => {
    const worklist = new Worklist(shell);
    await new SignInPage(shell).signIn('demo.social-worker');
    await worklist.heading('az').waitFor();
    await shell.chooseLanguage('ru');
    await worklist.heading('ru').waitFor();
    await shell.signOut();

    // On this browser the sign-in page stays in Russian. Signing in without choosing, the social
    // worker gets Russian back.
    await shell.h1('Вход в систему').waitFor();
    await new SignInPage(shell).signIn('demo.social-worker');
    await worklist.heading('ru').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await shell.signOut();

    // Choosing English on the sign-in page: English after sign-in, and remembered for the account.
    await page.getByLabel('Язык', { exact: true }).selectOption('en');
    await shell.h1('Sign in').waitFor();
    await expectNoSeriousA11yViolations(page);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/account/language') && r.ok()),
      new SignInPage(shell).signIn('demo.social-worker'),
    ]);
    await worklist.heading('en').waitFor();
    await shell.signOut();

    // …while another user keeps their own language, Azerbaijani.
    await new SignInPage(shell).signIn('demo.nurse');
    await worklist.heading('az').waitFor();
    await shell.signOut();
  });
});
