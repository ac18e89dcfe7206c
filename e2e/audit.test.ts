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

const nav = () => page.getByRole('navigation', { name: 'Main navigation' });
const h1 = (name: string) => page.getByRole('heading', { level: 1, name });

describe('the health manager', () => {
  it('searches the audit trail and sees events, a page at a time', async () => {
    // Leave a trace to find: a refused sign-in and an officer refused a page.
    await page.goto(`${server.url}/`);
    await page.locator('input[name="username"]').fill('demo.officer');
    await page.locator('input[name="password"]').fill('not the password');
    await page.locator('input[name="password"]').press('Enter');
    await page.getByRole('alert').waitFor();
    await signIn(page, 'demo.officer');
    const refused = await page.evaluate(() => fetch('/api/v1/users').then((r) => r.status));
    expect(refused).toBe(403);
    await signOut(page);

    await signIn(page, 'demo.health-manager');
    await chooseLanguage(page, 'en');
    await h1('Your worklist').waitFor();
    await nav().getByRole('link', { name: 'Audit trail' }).click();
    await h1('Audit trail').waitFor();
    const table = page.getByRole('table', { name: 'Audit events, newest first' });
    // Wait for the rows (header + at least three events), never read them before they render.
    await table.getByRole('row').nth(3).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: 'User name' }).fill('demo.officer');
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('denied');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/username=demo.officer/);
    await table.getByText('GET /api/v1/users').waitFor();
    // Until the new page of results has replaced the old one, poll: every row is a refusal.
    await expect
      .poll(async () => new Set(await table.locator('tbody tr td:nth-child(8)').allTextContents()), {
        timeout: 15000,
      })
      .toEqual(new Set(['Refused']));
    await expectNoSeriousA11yViolations(page);

    // A time range in the future finds nothing.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('From').fill('2099-01-01T00:00');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No events match this search.').waitFor();
  });

  it('produces a subject-access report with a CSV download and a print button', async () => {
    await nav().getByRole('link', { name: 'Subject-access report' }).click();
    await h1('Subject-access report').waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Produce the report' }).click();
    await page.getByText('Enter the person identifier.').waitFor();

    await page.getByRole('textbox', { name: /^Person identifier/ }).fill('person-123');
    await page.getByRole('button', { name: 'Produce the report' }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Access to the medical file of person person-123' })
      .waitFor();
    await page.getByText("Nobody has accessed this person's medical file.").waitFor();
    const csv = page.getByRole('link', { name: /Download as CSV/ });
    expect(await csv.getAttribute('href')).toBe('/api/v1/audit/subject-access.csv?personId=person-123');
    const download = await page.evaluate(async () => {
      const response = await fetch('/api/v1/audit/subject-access.csv?personId=person-123');
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      };
    });
    expect(download.status).toBe(200);
    expect(download.type).toContain('text/csv');
    expect(download.text).toContain('"time","user","role"');
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(true);
    await page.getByText('The registry has no person with this identifier').waitFor();
    expect(await page.getByRole('link', { name: /Download as PDF/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);

    // For a person of the registry: who they are, and the PDF to hand to them.
    const person = await page.evaluate(async () => {
      const response = await fetch('/api/v1/persons?limit=1');
      const body = (await response.json()) as { items: { id: string; prisonNumber: string }[] };
      return body.items[0];
    });
    expect(person).toBeDefined();
    await page.getByRole('textbox', { name: /^Person identifier/ }).fill(person?.id ?? '');
    await page.getByRole('button', { name: 'Produce the report' }).click();
    await page.getByText(`Person: ${person?.prisonNumber}`, { exact: false }).waitFor();
    const pdf = page.getByRole('link', { name: /Download as PDF/ });
    expect(await pdf.getAttribute('href')).toBe(
      `/api/v1/audit/subject-access.pdf?personId=${person?.id}&lang=en`,
    );
    const pdfAnswer = await page.evaluate(
      async (href) => {
        const response = await fetch(href ?? '');
        return { status: response.status, type: response.headers.get('content-type') };
      },
      await pdf.getAttribute('href'),
    );
    expect(pdfAnswer).toEqual({ status: 200, type: 'application/pdf' });
    await expectNoSeriousA11yViolations(page);

    // On paper: the report and its heading, no header, navigation, form or buttons.
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('banner').isVisible()).toBe(false);
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Produce the report' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      expect(await h1('Subject-access report').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    // The report itself was recorded in the audit trail.
    await nav().getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('textbox', { name: 'Person identifier' }).fill('person-123');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('audit.subject_access_report').first().waitFor();
    await signOut(page);
  });
});

describe('the inspector', () => {
  it('searches the audit trail but is not offered the subject-access report', async () => {
    await signIn(page, 'demo.inspector');
    await chooseLanguage(page, 'en');
    await h1('Your worklist').waitFor();
    expect(await nav().getByRole('link', { name: 'Audit trail' }).isVisible()).toBe(true);
    expect(await nav().getByRole('link', { name: 'Subject-access report' }).count()).toBe(0);
    await page.goto(`${server.url}/audit/subject-access`);
    await h1('Not allowed').waitFor();
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  });
});
