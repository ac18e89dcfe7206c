/**
 * The browser tests' fixtures (ADR 0025), so that a module's e2e file holds its story and nothing
 * else:
 *
 *   import { test } from './fixtures.ts';
 *   test('the nurse …', async ({ signedInAs, shell }) => {
 *     await signedInAs('nurse', 'en');
 *     await shell.navigate('Screenings');
 *   });
 *
 * - `server`: the built server. `test` uses the one the global setup started for the whole run
 *   (global-setup.ts); `testOnFreshServer` starts one of the file's own, on a fresh seeded
 *   database, for a file whose assertions need demo data no other file has touched.
 * - `browserTimeZone`: the zone the browser runs in, America/New_York unless a file overrides it
 *   (`test.extend('browserTimeZone', { scope: 'file' }, async () => 'UTC')`): never the
 *   institution's, so that a time shown in the browser's zone fails (issue 14).
 * - `browser`, `page`: Debian chromium with a fresh profile and one page, kept for the whole file,
 *   so the tests of a file tell one story in order (sign in, act, sign out).
 * - `shell`: the page object of the frame every page shares (header, navigation, main, headings).
 * - `signedInAs(role, language?)`: signs the page in as the role's demo account, signing out
 *   whoever is signed in, and switches to the language when one is given.
 * - `api`: calls to the API as the signed-in page (its session cookie, and its CSRF token on writes).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import {
  type Browser,
  chooseLanguage,
  DEFAULT_BROWSER_TIME_ZONE,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningServer,
  SIGN_OUT,
  signIn,
  signOut,
  startServer,
} from './harness.ts';
import { Shell } from './pages/shell.ts';

export type Language = 'az' | 'en' | 'ru';

/** The roles of the demo accounts the tests use (`demo.<role>`, password `custodia-demo`). */
export type DemoRole =
  | 'admin'
  | 'doctor'
  | 'governor'
  | 'health-manager'
  | 'inspector'
  | 'nurse'
  | 'officer'
  | 'pharmacist'
  | 'psychologist'
  | 'registry-officer'
  | 'social-worker';

export interface ApiAnswer {
  status: number;
  ok: boolean;
  body: string;
  json<T>(): T;
}

export interface ApiClient {
  get(url: string): Promise<ApiAnswer>;
  post(url: string, data?: unknown): Promise<ApiAnswer>;
  put(url: string, data?: unknown): Promise<ApiAnswer>;
}

/** The header that carries the session's CSRF token (web/src/app/api.ts). */
const CSRF_HEADER = 'x-csrf-token';

function apiClient(server: RunningServer, page: Page): ApiClient {
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<ApiAnswer> => {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      const session = await page.request.get(`${server.url}/api/v1/auth/session`);
      headers[CSRF_HEADER] = ((await session.json()) as { csrfToken: string }).csrfToken;
    }
    const response = await page.request.fetch(`${server.url}${url}`, {
      method,
      headers,
      ...(data === undefined ? {} : { data }),
    });
    const body = await response.text();
    return { status: response.status(), ok: response.ok(), body, json: <T>() => JSON.parse(body) as T };
  };
  return {
    get: (url) => call('GET', url),
    post: (url, data) => call('POST', url, data),
    put: (url, data) => call('PUT', url, data),
  };
}

/** The address of the shared server the global setup started. */
function sharedServer(): RunningServer {
  const url = inject('e2eServerUrl');
  if (!url) throw new Error('No shared e2e server: run the e2e project, whose global setup starts it.');
  return {
    url,
    output: () => '(the shared server: its output is in the global setup)',
    // Stopped by the global setup after the last file, never by one file.
    stop: async () => {},
  };
}

export const test = base
  .extend('server', { scope: 'file' }, async (): Promise<RunningServer> => sharedServer())
  // Issue 14: the browser's time zone (New York unless a file says otherwise), never Baku's.
  .extend('browserTimeZone', { scope: 'file' }, async (): Promise<string> => DEFAULT_BROWSER_TIME_ZONE)
  .extend('browser', { scope: 'file' }, async ({ browserTimeZone }, { onCleanup }): Promise<Browser> => {
    const browser = await launchBrowser(browserTimeZone);
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('page', { scope: 'file' }, async ({ browser }): Promise<Page> => browser.newPage())
  .extend('shell', { scope: 'file' }, async ({ page, server }) => new Shell(page, server))
  .extend('api', { scope: 'file' }, async ({ page, server }) => apiClient(server, page))
  .extend(
    'signedInAs',
    { scope: 'file' },
    async ({ page, server }) =>
      async (role: DemoRole, language?: Language): Promise<void> => {
        if (!page.url().startsWith(server.url)) await page.goto(`${server.url}/`);
        const signOutButton = page.getByRole('banner').getByRole('button', { name: SIGN_OUT });
        const username = page.locator('input[name="username"]');
        // Wait until the page shows which it is (signed in or not), never read it half-rendered.
        await username.or(signOutButton).first().waitFor();
        if (await signOutButton.isVisible()) await signOut(page);
        await signIn(page, `demo.${role}`);
        if (language) {
          const select = page.getByRole('banner').getByRole('combobox');
          if ((await select.inputValue()) !== language) await chooseLanguage(page, language);
        }
      },
  );

/** `test` with a server of the file's own, on a fresh seeded database, stopped after the file. */
export const testOnFreshServer = test.extend(
  'server',
  { scope: 'file' },
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern; these have none.
  async ({}, { onCleanup }): Promise<RunningServer> => {
    const server = await startServer();
    onCleanup(() => server.stop());
    return server;
  },
);

const screenshotDir = process.env.E2E_SCREENSHOTS;

/**
 * axe-core on the page as it is now (no serious or critical violation), and a screenshot named
 * `name` when E2E_SCREENSHOTS=<dir> is set.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, name);
}

/** A screenshot named `name`, when E2E_SCREENSHOTS=<dir> is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
