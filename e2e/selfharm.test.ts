/**
 * Self-harm care plans in the browser (issue 17 item 4; SSH-1, MHS-3, MHS-8): an officer raises a
 * concern in one screen; the psychologist assesses and, at the first case review, sets intermittent
 * checks (an interval over 15 minutes without an exception is refused in words); the officer sees the
 * missed check red on the ward list and on the home worklist, records checks in two key presses and
 * by a tap, and never sees the clinical part; an attempted suicide opens a post-incident review whose
 * recommendation becomes an action; a review closes the plan. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enSelfharm as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { bakuLocal, SelfharmPages } from './pages/selfharm.ts';
import { fillIn } from './pages/shell.ts';
import { Worklist } from './pages/worklist.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const prisonNumber = `SH-${stamp}`;
const surname = `Selfharmov${stamp}`;
let name = '';
let planPath = '';
let personId = '';

describe('self-harm care plans in the browser', () => {
  test('SSH-1: an officer raises a concern in one screen', async ({ page, shell, api, signedInAs }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    personId = await admitThroughApi(api, pilot1, {
      surname,
      given: 'Test',
      birthDate: '1990-03-04',
      prisonNumber,
      admittedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      arrestedHoursBefore: 30,
      commitmentOrderReference: `QƏR-${stamp}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Ana', relation: 'ana', phone: '+994501234567' },
    });

    await signedInAs('officer', 'en');
    const pages = new SelfharmPages(shell);
    await pages.raiseConcern(
      prisonNumber,
      surname,
      'Said after the phone call that he would end it tonight.',
      'Kept in sight, belt and laces removed, health care called.',
    );
    await checkPage(page, 'selfharm-concern');
    await pages.submit(en.concern.save);
    await shell.h1(en.plan.title).waitFor();
    planPath = new URL(page.url()).pathname;
    name = ((await shell.h1(en.plan.title).textContent()) ?? '').replace(`${en.plan.title}: `, '').trim();
    await shell.main.getByText(en.status.awaiting_assessment).waitFor();
    // MED-3: the officer's view has no clinical part.
    expect(await shell.main.getByRole('heading', { name: en.clinical.title }).count()).toBe(0);
    await checkPage(page, 'selfharm-plan-officer');
  });

  test('SSH-1, MHS-3: the psychologist assesses and sets intermittent checks at the first review', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('psychologist', 'en');
    const pages = new SelfharmPages(shell);
    await shell.goto(planPath);
    await shell.main.getByRole('heading', { name: en.clinical.title }).waitFor();
    await pages.field(en.assessment.assessedAt).fill(bakuLocal(-30));
    await pages
      .field(en.assessment.narrative)
      .fill('Hopeless since the phone call; thoughts of ending his life, no plan.');
    await pages.field(en.assessment.workingDiagnosis).fill('F43.2 Adjustment disorder');
    await checkPage(page, 'selfharm-plan-clinician');
    await pages.submit(en.assessment.save);
    await shell.main.getByText('Hopeless since the phone call', { exact: false }).waitFor();

    await shell.main.getByRole('link', { name: en.review.first }).click();
    await shell.h1(en.review.first).waitFor();
    // The review took place 20 minutes ago: the first check (15 minutes after it) is missed now.
    await pages.fillReview({
      reviewedAt: bakuLocal(-20),
      decision: 'continue',
      risk: 'high',
      interval: '20',
      trigger: 'Talk of the phone call',
      nextReviewAt: bakuLocal(24 * 60),
    });
    await checkPage(page, 'selfharm-review');
    await pages.submit(en.review.save);
    // MHS-3: more than 15 minutes without an exception is refused, in words; nothing is written.
    await shell.main.getByText(en.errors.observation_exception_reason_required).first().waitFor();
    await pages.field(en.review.intervalMinutes).fill('15');
    await pages.submit(en.review.save);
    await shell.h1(en.plan.title).waitFor();
    await shell.main
      .getByText(fillIn(en.ward.intermittent, { minutes: 15 }))
      .first()
      .waitFor();
    await shell.main.getByText(en.status.open, { exact: true }).waitFor();
  });

  test('SSH-1, MHS-3: the missed check is red on the ward list and the home worklist; the officer records checks in two key presses', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    const pages = new SelfharmPages(shell);
    const worklist = new Worklist(shell);
    await worklist.heading('en').waitFor();
    const missed = worklist.group(new RegExp(`^${en.worklist.selfharm_check_missed}`));
    await missed.getByText(prisonNumber, { exact: false }).waitFor();
    await missed.getByText('Overdue').first().waitFor();
    await checkPage(page, 'selfharm-home-worklist');

    await pages.openWard();
    const row = pages.wardRow(name);
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-missed')).toBe('true');
    await row.getByText(en.ward.missed).waitFor();
    // The triggers the officer must know, never the diagnosis or the assessment.
    await row.getByText('Talk of the phone call').waitFor();
    expect(await shell.main.getByText('F43.2', { exact: false }).count()).toBe(0);
    await checkPage(page, 'selfharm-ward');

    await pages.checkByKeys(row, '2');
    await pages.recorded(name, en.seen.settled).waitFor();
    await expect.poll(() => row.getAttribute('data-missed')).toBe('false');
    await row.getByText(en.ward.onTime).waitFor();
    // A tap on a large button records one too.
    await row.getByRole('button', { name: `3 · ${en.outcome['3']}: ${name}` }).click();
    await pages.recorded(name, en.seen.asleep_breathing).waitFor();

    await shell.goto(planPath);
    await shell.h1(en.plan.title).waitFor();
    await shell.main.getByRole('cell', { name: en.seen.asleep_breathing }).first().waitFor();
    expect(await shell.main.getByText('Hopeless since the phone call', { exact: false }).count()).toBe(0);
  });

  test('MHS-8, SSH-1: an attempted suicide opens a post-incident review; a review closes the plan', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('psychologist', 'en');
    const pages = new SelfharmPages(shell);
    await shell.goto(planPath);
    await shell.main.getByRole('heading', { name: en.clinical.title }).waitFor();
    await pages.field(en.incident.kind).selectOption({ label: en.incidentKinds.attempted_suicide });
    await pages.field(en.incident.occurredAt).fill(bakuLocal(-5));
    await pages
      .field(en.incident.description)
      .fill('Found with a ligature at the window; cut down, first aid given.');
    await pages.submit(en.incident.save);
    await shell.main.getByText(en.incident.saved).waitFor();
    await shell.main.getByText(en.alerts.post_incident_review_due, { exact: false }).first().waitFor();

    await shell.main.getByRole('link', { name: en.postIncident.open }).click();
    await shell.h1(en.postIncident.title).waitFor();
    await pages
      .field(en.postIncident.findings)
      .fill('A ligature point at the window grille was missed at the cell search.');
    await pages.field(fillIn(en.careMap.action, { n: 1 })).fill('Replace the window grilles on the wing');
    await pages.field(fillIn(en.careMap.owner, { n: 1 })).fill('Deputy governor');
    await pages.field(fillIn(en.careMap.dueDate, { n: 1 })).fill(bakuLocal(14 * 24 * 60).slice(0, 10));
    await checkPage(page, 'selfharm-post-incident');
    await pages.submit(en.postIncident.save);
    await shell.h1(en.plan.title).waitFor();
    await shell.main.getByText('Replace the window grilles on the wing', { exact: false }).waitFor();

    await shell.main.getByRole('link', { name: en.review.new }).click();
    await shell.h1(en.review.new).waitFor();
    await pages.fillReview({ reviewedAt: bakuLocal(-1), decision: 'close', risk: 'low', interval: '15' });
    await pages.submit(en.review.save);
    await shell.h1(en.plan.title).waitFor();
    await shell.main.getByText(en.status.post_closure).first().waitFor();
    await checkPage(page, 'selfharm-plan-closed');
  });

  test('MHS-4 and the report: an officer records bad news; the re-screening prompts of the new arrival and of the bad news; plans and missed checks per wing', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    await shell.goto(`/registry/persons/${encodeURIComponent(personId)}?tab=selfharm`);
    await shell.main.getByRole('link', { name: en.badNews.title }).click();
    await shell.h1(en.badNews.title).waitFor();
    const pages = new SelfharmPages(shell);
    await pages.field(en.badNews.kind).selectOption({ label: en.badNewsKinds.death_in_family });
    await checkPage(page, 'selfharm-bad-news');
    await pages.submit(en.badNews.save);
    await page.waitForURL(/\/registry\/persons\//);

    await signedInAs('psychologist', 'en');
    await shell.navigate(en.nav.prompts, en.prompts.title);
    const rows = shell.main.getByRole('row').filter({ hasText: prisonNumber });
    await rows.getByText(en.moments.admission, { exact: false }).waitFor();
    await rows.getByText(en.moments.bad_news, { exact: false }).waitFor();
    await checkPage(page, 'selfharm-prompts');
    await shell.navigate(en.nav.report, en.report.title);
    await shell.main.getByRole('rowheader', { name: en.report.total }).waitFor();
    await checkPage(page, 'selfharm-report');
  });
});
