/**
 * Use of force in the browser (issue 18 item 3, INJ-7, RST-11): an officer reports a use of force
 * from the person's page with their own account; the governor finds it on the worklist and reviews
 * it; the doctor finds the examination due on the worklist and records it (out of hearing and sight
 * of non-medical staff, MED-4); the officer then sees that it was done, never what was found
 * (MED-1); the governor reads the monthly register. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enForce as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { field } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const prisonNumber = `UOF-${Date.now().toString(36).toUpperCase()}`;
let incidentPath = '';

describe('use of force in the browser', () => {
  test('INJ-7: the officer reports a use of force with their own account, from the person’s page', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const personId = await admitThroughApi(api, pilot1, {
      surname: 'Məmmədli',
      given: 'Orxan',
      birthDate: '1989-03-14',
      prisonNumber,
      admittedAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aygün Məmmədli', relation: 'bacı', phone: '+994 50 555 66 77' },
    });

    await signedInAs('officer', 'en');
    const staff = (await api.get(`/api/v1/staff?institutionId=${pilot1}&limit=200`)).json<{
      items: { id: string; fullName: string }[];
    }>().items;
    const me = staff.find((s) => staff.filter((x) => x.fullName === s.fullName).length === 1);
    expect(me).toBeTruthy();
    // The list from the navigation, then the person's page with its tab.
    await shell.navigate(en.nav.list, en.list.title, { exact: true });
    await checkPage(page, 'force-list');
    await new PersonPage(shell).open(personId, 'force');
    await shell.main.getByText(en.list.none).waitFor();
    await checkPage(page, 'force-person-tab');
    await shell.main.getByRole('link', { name: en.list.report }).click();
    await shell.h1(en.report.title, { exact: true }).waitFor();
    await shell.main.getByText(`Məmmədli Orxan · ${prisonNumber}`).waitFor();
    await checkPage(page, 'force-report');

    // A time in the future is refused in words, and nothing is written.
    const wall = (ms: number) => new Date(ms + 4 * 3_600_000).toISOString().slice(0, 16);
    await field(shell.main, en.report.occurredAt).fill(wall(Date.now() + 3 * 3_600_000));
    const staffBox = field(shell.main, en.report.staff);
    await staffBox.click();
    await staffBox.fill(me?.fullName ?? '');
    await page.getByRole('option', { name: me?.fullName ?? '' }).click();
    await page.keyboard.press('Escape');
    await field(shell.main, en.report.me).selectOption(me?.id ?? '');
    await shell.main.getByRole('checkbox', { name: en.types.physical_hold }).check();
    await field(shell.main, en.report.reason).selectOption('protect_others');
    await field(shell.main, en.report.narrative).fill(
      'He pushed another prisoner down the stairs; I held his arms until he calmed down.',
    );
    await field(shell.main, en.report.duration).fill('3');
    const answer = (group: string, choice: string) =>
      shell.main
        .getByRole('radiogroup', { name: new RegExp(`^${group.replace(/[?()]/g, '\\$&')}`) })
        .getByRole('radio', { name: choice, exact: true })
        .check();
    await answer(en.report.deEscalationTried, en.injury.no);
    await answer(en.report.injuriesToStaff, en.injury.no);
    await answer(en.report.injuriesToPerson, en.injury.unknown);
    await shell.main.getByRole('button', { name: en.report.save }).click();
    await shell.main.getByText(en.errors.in_the_future).waitFor();
    await checkPage(page, 'force-report-refused');
    const none = await api.get(`/api/v1/force/incidents?personId=${personId}`);
    expect(none.json<{ items: unknown[] }>().items).toEqual([]);

    await field(shell.main, en.report.occurredAt).fill(wall(Date.now() - 30 * 60_000));
    await shell.main.getByRole('button', { name: en.report.save }).click();
    await shell.h1(`${en.incident.title}: Məmmədli Orxan`).waitFor();
    incidentPath = new URL(page.url()).pathname;
    await shell.main.getByText(en.examState.due).first().waitFor();
    await shell.main.getByText(en.decisions.none).first().waitFor();
    await checkPage(page, 'force-incident-officer');
  });

  test('INJ-7: the governor finds the report on the worklist and decides on it', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('governor', 'en');
    const line = shell.main.getByRole('region', { name: new RegExp(`^${en.worklist.force_review_due}`) });
    await line.getByRole('link', { name: new RegExp(prisonNumber) }).click();
    await shell.h1(`${en.review.title}: Məmmədli Orxan`).waitFor();
    await shell.main.getByText('He pushed another prisoner down the stairs', { exact: false }).waitFor();
    await checkPage(page, 'force-review');
    await shell.main.getByRole('radio', { name: en.decisions.justified, exact: true }).check();
    await field(shell.main, en.review.note).fill('Proportionate; the other prisoner was in danger.');
    await shell.main.getByRole('button', { name: en.review.save }).click();
    await shell.main.getByRole('status').filter({ hasText: en.review.saved }).waitFor();
    await shell.main.getByTestId('decision').filter({ hasText: en.decisions.justified }).waitFor();
    await checkPage(page, 'force-review-done');

    // The register of the month, counts suppressed for the governor (DAT-6).
    await shell.navigate(en.nav.register, en.register.title, { exact: true });
    await shell.main.getByRole('table', { name: en.register.caption }).waitFor();
    await checkPage(page, 'force-register');
  });

  test('RST-11, MED-4: the doctor finds the examination due and records it; the officer sees only that it was done', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    const line = shell.main.getByRole('region', {
      name: new RegExp(`^${en.worklist.force_examination_due}`),
    });
    await line.getByRole('link', { name: new RegExp(prisonNumber) }).click();
    await shell.h1(`${en.incident.title}: Məmmədli Orxan`).waitFor();
    const form = shell.main.getByRole('region', { name: en.exam.title });
    await form.getByRole('link', { name: new RegExp(en.exam.documentInjuries) }).waitFor();
    await checkPage(page, 'force-incident-doctor');
    await form.getByRole('radio', { name: en.outcomes.no_injuries }).check();
    await form
      .getByRole('radiogroup', { name: new RegExp(`^${en.exam.nonMedical.replace(/[?()]/g, '\\$&')}`) })
      .getByRole('radio', { name: en.no, exact: true })
      .check();
    await field(form, en.exam.note).fill('Red marks on both wrists; no swelling.');
    await form.getByRole('button', { name: en.exam.save }).click();
    await shell.main
      .getByTestId('examinations')
      .getByText('Red marks on both wrists; no swelling.')
      .waitFor();
    await shell.main.getByText(en.examState.done).first().waitFor();
    await checkPage(page, 'force-incident-examined');

    await signedInAs('officer', 'en');
    await shell.goto(incidentPath);
    await shell.main.getByText(en.examState.done).first().waitFor();
    expect(await shell.main.getByText('Red marks on both wrists').count()).toBe(0);
    expect(await shell.main.getByTestId('examinations').count()).toBe(0);
  });
});
