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

interface PersonItem {
  id: string;
  prisonNumber: string;
  status: string;
  institution: { code: string } | null;
}

const REASON = 'Collapsed during transfer, own doctor cannot be reached';
const NOTE = 'Checked with the duty doctor: the access was justified.';

/** A person held in PILOT-2 (outside demo.doctor's institution), found by the national inspector. */
let person: PersonItem;

describe('break the glass', () => {
  it('the inspector (national scope) finds a person held in PILOT-2', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'demo.inspector');
    const response = await page.request.get(`${server.url}/api/v1/persons?limit=100`);
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: PersonItem[] };
    const found = items.find((p) => p.institution?.code === 'PILOT-2' && p.status === 'in_custody');
    expect(found).toBeDefined();
    person = found as PersonItem;
    await signOut(page);
  });

  it('a doctor of PILOT-1 cannot open that person, then breaks the glass with a reason and sees the expiry', async () => {
    await signIn(page, 'demo.doctor');
    await chooseLanguage(page, 'en');
    const before = await page.request.get(`${server.url}/api/v1/persons/${person.id}`);
    expect(before.ok()).toBe(false);

    await nav().getByRole('link', { name: 'Break the glass' }).click();
    await h1('Break the glass: emergency access').waitFor();
    await page.getByText('For emergencies only').waitFor();
    await expectNoSeriousA11yViolations(page);

    // The shared schema is checked before sending: a short reason is refused with a message.
    await page.getByRole('textbox', { name: /^Prison number/ }).fill(person.prisonNumber);
    await page.getByRole('textbox', { name: /^Reason/ }).fill('Chest pain');
    await page.getByRole('button', { name: 'Break the glass' }).click();
    await page.getByText('Describe the reason in at least 20 characters.').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: /^Reason/ }).fill(REASON);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/break-glass') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Break the glass' }).click(),
    ]);
    expect(answer.status()).toBe(201);
    const granted = page.getByRole('status').filter({ hasText: 'Emergency access granted' });
    await granted.getByText(/You can open this person’s record until \d\d\/\d\d\/\d{4}/).waitFor();
    const link = granted.getByRole('link', { name: 'Open the person’s record' });
    expect(await link.getAttribute('href')).toBe(`/registry/persons/${person.id}`);
    await expectNoSeriousA11yViolations(page);

    // The grant opens the person's record on the server.
    const after = await page.request.get(`${server.url}/api/v1/persons/${person.id}`);
    expect(after.status()).toBe(200);
    await signOut(page);
  });

  it('the health manager sees the access on the review list and marks it reviewed', async () => {
    await signIn(page, 'demo.health-manager');
    await chooseLanguage(page, 'en');
    await nav().getByRole('link', { name: 'Break-the-glass review' }).click();
    await h1('Break-the-glass review').waitFor();
    const item = page.getByRole('listitem').filter({ hasText: REASON });
    await item.waitFor();
    expect(await item.getByRole('heading', { name: /demo\.doctor/ }).isVisible()).toBe(true);
    expect(await item.getByRole('link', { name: person.prisonNumber }).getAttribute('href')).toBe(
      `/registry/persons/${person.id}`,
    );
    await expectNoSeriousA11yViolations(page);

    await item.getByRole('textbox', { name: /^Review note/ }).fill(NOTE);
    await item.getByRole('button', { name: 'Mark reviewed' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByText('No emergency access awaits review.').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('switch', { name: 'Show reviewed accesses too' }).check();
    const reviewed = page.getByRole('listitem').filter({ hasText: REASON });
    await reviewed.getByText(NOTE).waitFor();
    await reviewed.getByText(/^demo\.health-manager, /).waitFor();
    expect(await reviewed.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  });
});
