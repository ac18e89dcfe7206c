/**
 * Mental health in the browser (issue 17 items 1–3, ADR 0043): the psychologist opens the referral
 * inbox with the demo's overdue referral in red (MHS-1), opens it with its assessment form, hands the
 * tablet to the person for a PHQ-9 in large text (MHT-1) and sees the score charted, records a group
 * session register with a cause of the regime coded apart (MHS-2, MHT-3), and reads the month's
 * report; an officer refers a person and reads nothing back. axe-core runs on every page.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enMentalhealth as en } from './locales.ts';
import { answerAll, bakuLocal, fillRegister } from './pages/mentalhealth.ts';
import { field } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

/** The prison number of the demo's overdue referral (PILOT-1), for the officer's referral. */
let prisonNumber = '';

describe('mental health in the browser', () => {
  test('MHS-1, MHT-1: the psychologist opens the inbox and completes a PHQ-9 with the person in self-report mode', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('psychologist', 'en');
    await shell.navigate(en.nav.inbox, en.inbox.title, { exact: true });
    const overdue = shell.main.getByRole('row').filter({ hasText: en.escalation.overdue });
    await overdue.first().waitFor();
    await checkPage(page, 'mentalhealth-inbox');
    const link = overdue.first().getByRole('link');
    prisonNumber = ((await link.textContent()) ?? '').split('·').pop()?.trim() ?? '';
    await link.click();
    await shell.h1(en.referral.title).waitFor();
    await shell.main.getByRole('region', { name: en.assessment.title }).waitFor();
    await checkPage(page, 'mentalhealth-referral');

    await shell.main.getByRole('link', { name: en.instruments.open }).click();
    await shell.h1(en.instruments.title).waitFor();
    await field(shell.main, en.instruments.instrument).selectOption({ value: 'phq9' });
    await field(shell.main, en.instruments.language).selectOption({ value: 'en' });
    await shell.main.getByText(en.mode.self_report, { exact: true }).click();
    await checkPage(page, 'mentalhealth-instruments');
    await shell.main.getByRole('button', { name: en.instruments.startSelf }).click();
    await shell.h1(en.instruments.selfTitle).waitFor();
    const form = shell.main.getByRole('region', { name: /PHQ-9/ });
    // The licensed wording, unchanged.
    await form.getByText('Little interest or pleasure in doing things').waitFor();
    await answerAll(form, 'Several days', 8);
    await form.getByRole('radiogroup').nth(8).getByRole('radio', { name: 'Not at all', exact: true }).check();
    await checkPage(page, 'mentalhealth-self-report');
    await form.getByRole('button', { name: en.instruments.finish }).click();
    await shell.main.getByText(en.instruments.thanks).waitFor();
    // The person sees no score; the member of staff asks for it.
    expect(await shell.main.getByText(/Total score \d/).count()).toBe(0);
    await shell.main.getByRole('button', { name: en.instruments.showResult }).click();
    await shell.main.getByText('Total score 8', { exact: false }).waitFor();
    const scores = shell.main.getByRole('region', { name: en.scores.title });
    await scores.getByRole('img', { name: en.scores.chartTitle }).waitFor();
    await scores.getByRole('cell', { name: 'PHQ9' }).first().waitFor();
    await checkPage(page, 'mentalhealth-scores');
  });

  test('MHS-2, MHT-3: the psychologist records a group session register; the report shows the regime apart', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('psychologist', 'en');
    await shell.navigate(en.nav.courses, en.courses.title, { exact: true });
    await checkPage(page, 'mentalhealth-courses');
    await shell.main.getByRole('link', { name: 'CBT-based group: low mood' }).click();
    await shell.h1(en.course.title).waitFor();
    const enrolled = shell.main.getByRole('region', { name: en.course.enrolments }).getByRole('row');
    await enrolled.nth(1).waitFor();
    const people = (await enrolled.count()) - 1;
    const codes = Array.from({ length: people }, (_, i) =>
      i === 1 ? en.attendance.prevented_by_regime : en.attendance.attended,
    );
    await fillRegister(shell.main, bakuLocal(1), codes);
    await checkPage(page, 'mentalhealth-course');
    await shell.main.getByRole('button', { name: en.course.saveSession }).click();
    await shell.main.getByText(en.course.sessionSaved).waitFor();
    const sessions = shell.main.getByRole('region', { name: en.course.sessions });
    await expect
      .poll(() => sessions.getByText(en.attendance.prevented_by_regime, { exact: false }).count())
      .toBeGreaterThan(1);

    await shell.navigate(en.nav.report, en.report.title, { exact: true });
    await shell.main.getByRole('rowheader', { name: en.attendance.prevented_by_regime }).waitFor();
    await shell.main.getByText(en.report.notSuppressed).waitFor();
    await checkPage(page, 'mentalhealth-report');
  });

  test('MHS-1: an officer refers a person and sees no mental-health page', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    expect((await api.get('/api/v1/mentalhealth/referrals')).status).toBe(403);
    await expect.poll(() => shell.nav.getByRole('link', { name: en.nav.inbox, exact: true }).count()).toBe(0);
    await shell.navigate(en.nav.refer, en.refer.title, { exact: true });
    await field(shell.main, en.person.label).fill(prisonNumber);
    await shell.main
      .getByRole('button', { name: new RegExp(prisonNumber) })
      .first()
      .click();
    await field(shell.main, en.refer.reason).fill('Gave away his belongings and stopped eating');
    await field(shell.main, en.fields.urgency).selectOption({ label: en.urgency.h24 });
    await checkPage(page, 'mentalhealth-refer');
    await shell.main.getByRole('button', { name: en.refer.save }).click();
    await shell.main.getByText(en.refer.sent).waitFor();
  });
});
