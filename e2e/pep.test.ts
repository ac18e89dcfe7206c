/**
 * Post-exposure prophylaxis in the browser (BBV-2; ADR 0049): a nurse reports a needlestick exposure
 * of 30 h ago on the person's programme tab; the PEP deadline shows there and on the doctor's
 * worklist; the doctor starts the 28-day course; the nurse records a hepatitis B vaccine dose and the
 * next falls due (PHC-11); the "PEP within 72 h" report counts it. axe-core
 * runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enProgrammes as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { field } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let person = '';
/** A `datetime-local` value in Baku (UTC+4, no daylight saving) `hours` ago. */
const bakuInput = (hoursAgo: number) =>
  new Date(Date.now() - hoursAgo * 3_600_000 + 4 * 3_600_000).toISOString().slice(0, 16);

describe('post-exposure prophylaxis in the browser', () => {
  test('setup: a person admitted', async ({ api, signedInAs }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const stamp = Date.now().toString(36).toUpperCase();
    person = await admitThroughApi(api, pilot1, {
      surname: 'Ekspozov',
      given: 'Ramil',
      birthDate: '1987-06-21',
      prisonNumber: `PEP-${stamp}`,
      admittedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-PEP-${stamp}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aygün Quliyeva', relation: 'bacı', phone: '+994 50 555 12 13' },
    });
    expect(person).toBeTruthy();
  });

  test('BBV-2: a nurse reports an exposure of 30 h ago; the PEP deadline shows on the tab', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(person, 'programmes');
    await shell.main.getByRole('heading', { name: en.pep.title }).waitFor();
    await checkPage(page, 'pep-tab-empty');
    const form = shell.main.getByRole('form', { name: en.pep.report });
    await field(form, en.pep.exposedAt).fill(bakuInput(30));
    await field(form, en.pep.type).selectOption('needlestick');
    await field(form, en.pep.source).selectOption('unknown');
    await form.getByRole('button', { name: en.pep.reportSubmit }).click();
    const c = shell.main.getByTestId('pep-case');
    await c.getByTestId('pep-deadline').getByText(en.pep.alert.overdue).waitFor();
    await checkPage(page, 'pep-tab-deadline');
  });

  test('BBV-2: the doctor sees the PEP deadline on the worklist and starts the 28-day course', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    await shell.goto('/');
    const group = shell.main.getByRole('region', { name: new RegExp(`^${en.worklist.pep_deadline}`) });
    await group.getByText('Ekspozov', { exact: false }).first().waitFor();
    await checkPage(page, 'pep-worklist');
    await new PersonPage(shell).open(person, 'programmes');
    const form = shell.main.getByRole('form', { name: en.pep.start });
    await field(form, en.pep.firstDose).fill(bakuInput(0.1));
    await field(form, en.pep.regimen).selectOption('TLD');
    await form.getByRole('button', { name: en.pep.startSubmit }).click();
    const c = shell.main.getByTestId('pep-case');
    await c.getByTestId('pep-course').getByText('TLD', { exact: false }).waitFor();
    expect(await c.getByTestId('pep-deadline').count()).toBe(0);
    await checkPage(page, 'pep-tab-started');
  });

  test('PHC-11: the nurse offers hepatitis B vaccination and records dose 1; dose 2 falls due', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(person, 'programmes');
    const offer = shell.main.getByRole('form', { name: en.hepb.offer });
    await field(offer, en.hepb.immunity).selectOption('non_immune');
    await field(offer, en.hepb.schedule).selectOption('accelerated');
    await field(offer, en.hepb.decision).selectOption('accepted');
    await offer.getByRole('button', { name: en.hepb.offerSubmit }).click();
    const course = shell.main.getByTestId('hepb-course');
    const dose = course.getByRole('form', { name: en.hepb.recordDose.replace('{{n}}', '1') });
    await field(dose, en.hepb.outcome).selectOption('given');
    await field(dose, en.hepb.batch).fill('HBV-E2E-1');
    await dose.getByRole('button', { name: en.hepb.doseSubmit }).click();
    await course.getByRole('cell', { name: 'HBV-E2E-1' }).waitFor();
    await course
      .getByTestId('hepb-next')
      .getByText(/^Dose 2 of 4/)
      .waitFor();
    await checkPage(page, 'hepb-course');
  });

  test('BBV-2: the PEP within 72 h report counts the case', async ({ page, shell, signedInAs }) => {
    await signedInAs('doctor', 'en');
    await shell.goto('/pep/report');
    await shell.h1(en.pepReport.title).waitFor();
    const exposures = shell.main
      .getByTestId('pep-report')
      .getByRole('row', { name: new RegExp(`^${en.pepReport.exposures}`) })
      .getByRole('cell')
      .first();
    await expect.poll(async () => Number(await exposures.textContent())).toBeGreaterThanOrEqual(1);
    await shell.main.getByText(en.pepReport.definition).waitFor();
    await checkPage(page, 'pep-report');
  });
});
