/**
 * The audit module in the browser: the health manager searches the audit trail and produces a
 * subject-access report; the inspector searches but is not offered the report.
 */
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { expectNoSeriousA11yViolations } from './harness.ts';
import { AuditTrail, SubjectAccessReport } from './pages/audit.ts';
import { SignInPage } from './pages/sign-in.ts';

describe('the health manager', () => {
  test('searches the audit trail and sees events, a page at a time', async ({ page, shell, signedInAs }) => {
    // Leave a trace to find: a refused sign-in and an officer refused a page.
    const signIn = new SignInPage(shell);
    await signIn.open();
    await signIn.submit('demo.officer', 'not the password');
    await page.getByRole('alert').waitFor();
    await signIn.signIn('demo.officer');
    const refused = await page.evaluate(() => fetch('/api/v1/users').then((r) => r.status));
    expect(refused).toBe(403);
    await shell.signOut();

    await signedInAs('health-manager', 'en');
    await shell.h1('Your worklist').waitFor();
    const trail = new AuditTrail(shell);
    await trail.open();
    const table = trail.table;
    // Wait for the rows (header + at least three events), never read them before they render.
    await table.getByRole('row').nth(3).waitFor();
    await expectNoSeriousA11yViolations(page);

    await trail.search({ username: 'demo.officer', outcome: 'denied' });
    await page.waitForURL(/username=demo.officer/);
    // Issue 14 item 7: a refused request reads as words naming its route.
    await table.getByText('Request GET /api/v1/users').first().waitFor();
    // Until the new page of results has replaced the old one, poll: every row is a refusal.
    await expect
      .poll(async () => new Set(await table.locator('tbody tr td:nth-child(8)').allTextContents()), {
        timeout: 15000,
      })
      .toEqual(new Set(['Refused']));
    await expectNoSeriousA11yViolations(page);

    // A time range in the future finds nothing.
    await trail.clear();
    await trail.search({ from: '2099-01-01T00:00' });
    await page.getByText('No events match this search.').waitFor();
  });

  test('produces a subject-access report with a CSV download and a print button', async ({ page, shell }) => {
    const report = new SubjectAccessReport(shell);
    await report.open();
    await expectNoSeriousA11yViolations(page);

    await report.produce();
    await page.getByText('Enter the person identifier.').waitFor();

    await report.produce('person-123');
    await page
      .getByRole('heading', { level: 2, name: 'Access to the medical file of person person-123' })
      .waitFor();
    await page.getByText("Nobody has accessed this person's medical file.").waitFor();
    const csv = page.getByRole('link', { name: /Download as CSV/ });
    expect(await csv.getAttribute('href')).toBe(
      '/api/v1/audit/subject-access.csv?personId=person-123&language=en',
    );
    const download = await page.evaluate(
      async (href) => {
        const response = await fetch(href ?? '');
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          text: await response.text(),
        };
      },
      await csv.getAttribute('href'),
    );
    expect(download.status).toBe(200);
    expect(download.type).toContain('text/csv');
    // In the page's language (issue 14 item 7).
    expect(download.text).toMatch(/"Time \([^)]+\)","User","Role","Action","Action code"/);
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
    await report.produce(person?.id ?? '');
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
      expect(await shell.h1('Subject-access report').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    // The report itself was recorded in the audit trail.
    await shell.nav.getByRole('link', { name: 'Audit trail' }).click();
    await new AuditTrail(shell).search({ personId: 'person-123' });
    // In words, the code beside them for those who search by it (issue 14 item 7).
    await page.getByText('Produced a subject-access report').first().waitFor();
    await page.getByText('audit.subject_access_report').first().waitFor();
    await shell.signOut();
  });
});

describe('the inspector', () => {
  test('searches the audit trail but is not offered the subject-access report', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('inspector', 'en');
    await shell.h1('Your worklist').waitFor();
    expect(await shell.nav.getByRole('link', { name: 'Audit trail' }).isVisible()).toBe(true);
    expect(await shell.nav.getByRole('link', { name: 'Subject-access report' }).count()).toBe(0);
    await shell.goto('/audit/subject-access');
    await shell.h1('Not allowed').waitFor();
    await expectNoSeriousA11yViolations(page);
    await shell.signOut();
  });
});
