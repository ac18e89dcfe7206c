import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningServer,
  seriousA11yViolations,
  signIn,
  signOut,
  startServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
/** The locale files the browser asked for, as `language/namespace`, in order (ADR 0023). */
const localeFiles: string[] = [];
const localesIn = (language: string) =>
  localeFiles.filter((file) => file.startsWith(`${language}/`)).map((file) => file.slice(3));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('request', (request) => {
    const locale = /\/assets\/locale-([a-z]+)\.([a-z]+)-[^/]*\.js$/.exec(new URL(request.url()).pathname);
    if (locale) localeFiles.push(`${locale[2]}/${locale[1]}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const htmlLang = () => page.evaluate(() => document.documentElement.lang);

describe('the shell in the browser', () => {
  it('loads at / in Azerbaijani with the sign-in page, and signs in by keyboard', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sistemə giriş' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Custodia' }).isVisible()).toBe(true);
    expect(await htmlLang()).toBe('az');
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
    await page.getByRole('heading', { level: 1, name: 'İş siyahınız' }).waitFor();
    // The demo has people in transit for two days: the doctor's worklist lists them.
    await page.getByText(/^Vaxtı çatmış tapşırıqlar: \d+\.$/).waitFor();
    expect(await page.getByRole('banner').getByText('Demo · Doctor').isVisible()).toBe(true);
    expect(await page.title()).toBe('İş siyahınız · Custodia');
    await expectNoSeriousA11yViolations(page);
  });

  it('switches to English, then Russian, and remembers the choice across a reload', async () => {
    const inUse = localesIn('az');
    expect(inUse.length).toBeGreaterThan(2);
    expect(localesIn('en')).toEqual([]);
    await page.getByLabel('Dil').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Your worklist' }).waitFor();
    // The switch downloaded every namespace in use, in English, and nothing in Russian.
    expect(localesIn('en').sort()).toEqual(expect.arrayContaining(inUse));
    expect(localesIn('ru')).toEqual([]);
    await page.getByText(/^Tasks due: \d+\.$/).waitFor();
    expect(await page.getByText('Health care and humane management in prisons').isVisible()).toBe(true);
    expect(await htmlLang()).toBe('en');
    await expectNoSeriousA11yViolations(page);

    // Signed in, the choice is also remembered for the user on the server.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/account/language') && r.ok()),
      page.getByLabel('Language').selectOption('ru'),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Ваш список задач' }).waitFor();
    await page.getByText(/^Задач к выполнению: \d+\.$/).waitFor();
    expect(await page.getByRole('navigation', { name: 'Основная навигация' }).isVisible()).toBe(true);
    expect(await htmlLang()).toBe('ru');
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ваш список задач' }).waitFor();
    expect(await htmlLang()).toBe('ru');
    expect(await page.getByLabel('Язык').inputValue()).toBe('ru');

    // Back to English for the rest of the file.
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Your worklist' }).waitFor();
  });

  it('reaches the system status page from the navigation and shows the database engine', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'System status' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
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

  it('shows a translated not-found page for an unknown address', async () => {
    await page.goto(`${server.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByRole('link', { name: 'Go to your worklist' }).isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Language').selectOption('az');
    await page.getByRole('heading', { level: 1, name: 'Səhifə tapılmadı' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('offers a skip link to the main content as the first stop of the keyboard', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Əsas məzmuna keç');
    expect(await focused.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('on a narrow screen, opens the navigation from the menu button and keeps it out of Tab order when closed', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await page.goto(`${server.url}/`);
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
      await page.getByRole('heading', { level: 1, name: 'Sistemin vəziyyəti' }).waitFor();
      expect(await nav.getAttribute('inert')).not.toBeNull();
      await expectNoSeriousA11yViolations(page);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('keeps the system status page open without sign-in, and nothing else', async () => {
    await signOut(page);
    await page.goto(`${server.url}/platform/status`);
    await page.getByRole('heading', { level: 1, name: 'Sistemin vəziyyəti' }).waitFor();
    await page.getByText('İşləyir').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sistemə giriş' }).waitFor();
    await signIn(page, 'demo.doctor');
    await page.getByRole('heading', { level: 1, name: 'İş siyahınız' }).waitFor();
  });

  it('hides the header and navigation when printed', async () => {
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
  it('reports a serious violation, also on a page whose CSP forbids inline scripts', async () => {
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
