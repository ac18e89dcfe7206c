/**
 * The shell in the browser: the sign-in page and the worklist in three languages, the system status
 * page, the not-found page, keyboard use and printing. On a server of its own: it reads the
 * language the demo doctor's account starts with.
 */
import { describe, expect } from 'vitest';
import { testOnFreshServer as test } from './fixtures.ts';
import { expectNoSeriousA11yViolations, seriousA11yViolations } from './harness.ts';
import { SignInPage } from './pages/sign-in.ts';
import { Worklist } from './pages/worklist.ts';

/** The locale files the browser asked for, as `language/namespace`, in order (ADR 0023). */
const localeFiles: string[] = [];
const localesIn = (language: string) =>
  localeFiles.filter((file) => file.startsWith(`${language}/`)).map((file) => file.slice(3));

describe('the shell in the browser', () => {
  test('loads at / in Azerbaijani with the sign-in page, and signs in by keyboard', async ({
    page,
    shell,
  }) => {
    page.on('request', (request) => {
      const locale = /\/assets\/locale-([a-z]+)\.([a-z]+)-[^/]*\.js$/.exec(new URL(request.url()).pathname);
      if (locale) localeFiles.push(`${locale[2]}/${locale[1]}`);
    });
    await new SignInPage(shell).open();
    await shell.h1('Sistemə giriş').waitFor();
    expect(await shell.banner.getByRole('link', { name: 'Custodia' }).isVisible()).toBe(true);
    expect(await shell.htmlLang()).toBe('az');
    expect(await page.title()).toBe('Sistemə giriş · Custodia');
    // No demo note: the server does not say it is a demo.
    expect(await page.getByText(/demo/i).count()).toBe(0);
    // One language, the shell's strings and the public navigation entry's module only.
    await page.getByRole('link', { name: 'Sistemin vəziyyəti' }).waitFor();
    expect([...localeFiles].sort()).toEqual(['az/common', 'az/platform']);
    await expectNoSeriousA11yViolations(page);

    // By keyboard alone: the user name field has the focus, Tab leads to the password, Enter submits.
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'username');
    await page.keyboard.type('demo.doctor');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type('custodia-demo');
    await page.keyboard.press('Enter');
    const worklist = new Worklist(shell);
    await worklist.heading('az').waitFor();
    // The demo has people in transit for two days: the doctor's worklist lists them.
    await worklist.tasksDue('az').waitFor();
    expect(await shell.banner.getByText('Demo · Doctor').isVisible()).toBe(true);
    expect(await page.title()).toBe('İş siyahınız · Custodia');
    await expectNoSeriousA11yViolations(page);
  });

  test('switches to English, then Russian, and remembers the choice across a reload', async ({
    page,
    shell,
  }) => {
    const worklist = new Worklist(shell);
    const inUse = localesIn('az');
    expect(inUse.length).toBeGreaterThan(2);
    expect(localesIn('en')).toEqual([]);
    await page.getByLabel('Dil', { exact: true }).selectOption('en');
    await worklist.heading('en').waitFor();
    // The switch downloaded every namespace in use, in English, and nothing in Russian.
    expect(localesIn('en').sort()).toEqual(expect.arrayContaining(inUse));
    expect(localesIn('ru')).toEqual([]);
    await worklist.tasksDue('en').waitFor();
    expect(await page.getByText('Health care and humane management in prisons').isVisible()).toBe(true);
    expect(await shell.htmlLang()).toBe('en');
    await expectNoSeriousA11yViolations(page);

    // Signed in, the choice is also remembered for the user on the server.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/account/language') && r.ok()),
      page.getByLabel('Language', { exact: true }).selectOption('ru'),
    ]);
    await worklist.heading('ru').waitFor();
    await worklist.tasksDue('ru').waitFor();
    expect(await page.getByRole('navigation', { name: 'Основная навигация' }).isVisible()).toBe(true);
    expect(await shell.htmlLang()).toBe('ru');
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await worklist.heading('ru').waitFor();
    expect(await shell.htmlLang()).toBe('ru');
    expect(await page.getByLabel('Язык', { exact: true }).inputValue()).toBe('ru');

    // Back to English for the rest of the file.
    await page.getByLabel('Язык', { exact: true }).selectOption('en');
    await worklist.heading('en').waitFor();
  });

  test('reaches the system status page from the navigation and shows the database engine', async ({
    page,
    shell,
  }) => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'System status' })
      .click();
    await shell.h1('System status').waitFor();
    expect(new URL(page.url()).pathname).toBe('/platform/status');
    const engine = page.getByRole('row', { name: /Database engine/ });
    await engine.getByText(/sqlite/i).waitFor();
    expect(
      await page
        .getByRole('row', { name: /Service/ })
        .getByText('Working')
        .isVisible(),
    ).toBe(true);
    expect(
      await page
        .getByRole('row', { name: /Version/ })
        .getByText('0.1.0')
        .isVisible(),
    ).toBe(true);
    expect(
      await page
        .getByRole('navigation')
        .getByRole('link', { name: 'System status' })
        .getAttribute('aria-current'),
    ).toBe('page');
    await expectNoSeriousA11yViolations(page);
  });

  test('shows a translated not-found page for an unknown address', async ({ page, shell }) => {
    await shell.goto('/no/such/page');
    await shell.h1('Page not found').waitFor();
    expect(await page.getByRole('link', { name: 'Go to your worklist' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Language', { exact: true }).selectOption('az');
    await shell.h1('Səhifə tapılmadı').waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  test('offers a skip link to the main content as the first stop of the keyboard', async ({
    page,
    shell,
  }) => {
    await shell.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Əsas məzmuna keç');
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  test('on a narrow screen, opens the navigation from the menu button and keeps it out of Tab order when closed', async ({
    page,
    shell,
  }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await shell.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      // An inert element leaves the accessibility tree, so find it by id rather than by role.
      const nav = page.locator('#main-navigation');
      expect(await nav.getAttribute('inert')).not.toBeNull();
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        expect(
          await page.evaluate(() => document.activeElement?.closest('#main-navigation') ?? null),
        ).toBeNull();
      }
      // Tab wrapped round to the skip link, which now covers the menu button: leave it.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const menu = page.getByRole('button', { name: 'Naviqasiyanı aç' });
      await menu.click();
      const close = page.getByRole('button', { name: 'Naviqasiyanı bağla' });
      expect(await close.getAttribute('aria-expanded')).toBe('true');
      expect(await nav.getAttribute('inert')).toBeNull();
      await nav.getByRole('link', { name: 'Sistemin vəziyyəti' }).click();
      await shell.h1('Sistemin vəziyyəti').waitFor();
      expect(await nav.getAttribute('inert')).not.toBeNull();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('keeps the system status page open without sign-in, and nothing else', async ({ page, shell }) => {
    await shell.signOut();
    await shell.goto('/platform/status');
    await shell.h1('Sistemin vəziyyəti').waitFor();
    await page.getByText('İşləyir').waitFor();
    await expectNoSeriousA11yViolations(page);
    const signIn = new SignInPage(shell);
    await signIn.open();
    await shell.h1('Sistemə giriş').waitFor();
    await signIn.signIn('demo.doctor');
    await new Worklist(shell).heading('az').waitFor();
  });

  test('hides the header and navigation when printed', async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('the accessibility check itself', () => {
  test('reports a serious violation, also on a page whose CSP forbids inline scripts', async ({
    browser,
  }) => {
    const probe = await browser.newPage();
    try {
      await probe.setContent(
        `<!doctype html><html lang="en"><head><title>probe</title>
        <meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head>
        <body><main><h1>Probe</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>`,
      );
      const ids = (await seriousA11yViolations(probe)).map((v) => v.id);
      expect(ids).toContain('image-alt');
      await expect(expectNoSeriousA11yViolations(probe)).rejects.toThrow(/image-alt \(critical\)/);
    } finally {
      await probe.close();
    }
  });
});
