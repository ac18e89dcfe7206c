/**
 * The browser harness: the real built server on a fresh seeded SQLite database, Debian chromium
 * driven by playwright-core, and axe-core on every page a test visits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverMain = path.join(repoRoot, 'server', 'dist', 'main.js');
const webDist = path.join(repoRoot, 'web', 'dist');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface RunningServer {
  /** The base address, without a trailing slash: `http://127.0.0.1:41234`. */
  url: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

function assertBuilt(): void {
  const missing = [serverMain, path.join(webDist, 'index.html')].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The e2e tests run against the built app, but ${missing.map((f) => path.relative(repoRoot, f)).join(' and ')} ` +
        'is missing. Run `npm run build` first (or `npm run test:e2e`, which builds).',
    );
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      const body = (await response.json()) as { status?: string };
      if (response.ok && body.status === 'ok') return;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/api/health did not answer ok in time (last: ${last})`);
}

/**
 * Starts `custodia start` on a free port with a fresh SQLite database holding the demo data, and
 * waits until /api/health answers ok. Builds nothing: run `npm run build` first.
 */
export async function startServer(options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  assertBuilt();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-'));
  const child = spawn(
    process.execPath,
    [serverMain, 'start', '--port', '0', '--host', '127.0.0.1', '--seed-demo-if-empty'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        CUSTODIA_DATABASE_URL: `sqlite:${path.join(dataDir, 'e2e.db')}`,
        CUSTODIA_STORAGE_DIR: path.join(dataDir, 'files'),
        CUSTODIA_WEB_DIR: webDist,
        // The tests sign in far more often than a person would: lift the per-minute limit.
        CUSTODIA_SIGN_IN_PER_MINUTE: '1000',
        LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + timeoutMs;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not print its address within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout?.on('data', (chunk: string) => {
        output += chunk;
        const match = /Open (http:\/\/[^\s/]+)\//.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited before listening (code ${code}, signal ${signal})`));
      });
    });
    await waitForHealth(url, child, deadline);
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(
      `Could not start the Custodia server: ${(error as Error).message}\n--- server output ---\n${output}`,
    );
  }
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian chromium, headless, with a fresh profile (so no language or storage leaks between runs).
 * Playwright refuses --user-data-dir in args: the profile is the first argument instead.
 */
/**
 * Issue 14: the browser's own time zone in the tests, never the institution's (Asia/Baku), so that a
 * time shown in the browser's zone instead of the institution's fails a test.
 */
export const DEFAULT_BROWSER_TIME_ZONE = 'America/New_York';

export async function launchBrowser(timezoneId: string = DEFAULT_BROWSER_TIME_ZONE): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    timezoneId,
    // No animations (the app respects reduced motion): axe never reads a dialog half faded in.
    reducedMotion: 'reduce',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The password of every demo account (`--seed-demo-if-empty`). */
export const DEMO_PASSWORD = 'custodia-demo';

/** The sign-out button in any of the three languages. */
export const SIGN_OUT = /^(Çıxış|Sign out|Выйти)$/;

/**
 * Signs in through the sign-in page (any language) and waits until the sign-in form has gone — or,
 * for an account with two-factor sign-in, until the code field appears.
 */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  options: { expectCode?: boolean } = {},
): Promise<void> {
  const usernameField = page.locator('input[name="username"]');
  await usernameField.fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="password"]').press('Enter');
  if (options.expectCode) {
    await page.locator('input[name="code"]').waitFor();
  } else {
    await usernameField.waitFor({ state: 'detached' });
    await page.getByRole('banner').getByRole('button', { name: SIGN_OUT }).waitFor();
  }
}

/** Signs out from the header and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: SIGN_OUT }).click();
  await page.locator('input[name="username"]').waitFor();
}

/** Signed in: switches the language from the header and waits until the server has remembered it. */
export async function chooseLanguage(page: Page, language: 'az' | 'en' | 'ru'): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/account/language') && r.ok()),
    page.getByRole('banner').getByRole('combobox').selectOption(language),
  ]);
}

let axeSource: string | undefined;

function loadAxeSource(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('axe-core');
    axeSource = fs.readFileSync(path.join(path.dirname(entry), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

/** The axe-core violations on the current page whose impact is serious or critical. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated rather than added as a <script>: works under a Content-Security-Policy without
  // 'unsafe-inline', because it runs through the DevTools protocol, not the page's own loader.
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.evaluate(loadAxeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails with a readable list (rule, impact, help, elements) when axe finds a serious problem. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Check the page once its queries have settled, not half-loaded: no loading indicator left.
  await page.locator('.mantine-Loader-root').first().waitFor({ state: 'detached', timeout: 30_000 });
  const violations = await seriousA11yViolations(page);
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.flatMap((n) => [
      `    at ${n.target.map(String).join(' > ')}`,
      ...(n.failureSummary ?? '')
        .split('\n')
        .slice(1)
        .filter((line) => line.trim())
        .map((line) => `       ${line.trim()}`),
    ]),
  ]);
  throw new Error(`Accessibility problems on ${page.url()}:\n${lines.join('\n')}`);
}
