/**
 * The TB programme in the browser (issue 16): a nurse records a positive TB screening on the person's
 * TB tab (ADM-6) and the Xpert and DST results; the doctor registers MDR-TB with the WHO codes (TB-1)
 * and prescribes the BPaLM regimen as directly observed doses (PHC-7); the contact investigation lists
 * the cellmate from the placement history (TB-5); the TB register and the quarterly report show the
 * case (TB-3). axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enProgrammes as en, enRegistry } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { ProgrammePages } from './pages/programmes.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let index = '';
let cellmateName = '';

/** The current quarter, as the report takes it. */
const currentQuarter = () => {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Baku' });
  return `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
};

describe('the TB programme in the browser', () => {
  test('setup: two people admitted and placed in the same cell (the placement history)', async ({
    api,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const stamp = Date.now().toString(36).toUpperCase();
    const admit = (surname: string, n: string) =>
      admitThroughApi(api, pilot1, {
        surname,
        given: 'Tural',
        birthDate: '1985-03-11',
        prisonNumber: `TB-${n}-${stamp}`,
        admittedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
        arrestedHoursBefore: 24,
        commitmentOrderReference: `QƏR-TB-${n}-${stamp}`,
        visibleInjuries: 'Yoxdur',
        propertySummary: 'Saat',
        emergencyContact: { name: 'Aygün Quliyeva', relation: 'bacı', phone: '+994 50 555 12 12' },
      });
    index = await admit('Vərəmov', 'A');
    cellmateName = 'Kontaktov';
    const cellmate = await admit(cellmateName, 'B');
    const detail = (await api.get(`/api/v1/institutions/${pilot1}`)).json<{
      units: { cells: { id: string; cellType: string; occupants: number; certifiedCapacity: number }[] }[];
    }>();
    const cell = detail.units
      .flatMap((u) => u.cells)
      .find((c) => c.cellType === 'ordinary' && c.occupants === 0 && c.certifiedCapacity > 2);
    expect(cell).toBeTruthy();
    for (const [person, days] of [
      [index, 30],
      [cellmate, 20],
    ] as const) {
      const res = await api.post(`/api/v1/persons/${person}/events`, {
        type: 'placement',
        occurredAt: new Date(Date.now() - days * 86_400_000).toISOString(),
        cellId: cell?.id,
      });
      expect(res.status).toBe(201);
    }
  });

  test('ADM-6: a nurse records a positive screen and the test results on the TB tab', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(index, 'programmes');
    await shell.main.getByRole('heading', { name: en.tab.title }).waitFor();
    await checkPage(page, 'programmes-tab-empty');
    const tb = new ProgrammePages(shell);
    await tb.recordScreen('positive');
    const episode = shell.main.getByTestId('tb-episode');
    await episode.getByText(en.episode.isolation).waitFor();
    await tb.recordTest('xpert', { [en.tests.result]: 'detected', [en.tests.rifampicin]: 'detected' });
    await episode.getByText(`${en.tests.rifampicin}: ${en.rif.detected}`).waitFor();
    await tb.recordTest('dst', { [en.drugs.rifampicin]: 'resistant', [en.drugs.isoniazid]: 'resistant' });
    await episode.getByText(`${en.drugs.isoniazid}: ${en.dstResults.resistant}`).waitFor();
    await checkPage(page, 'programmes-tab-presumptive');
  });

  test('TB-1, PHC-7, TB-5: the doctor registers MDR-TB, prescribes BPaLM and finds the cellmate in the contact list', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    await new PersonPage(shell).open(index, 'programmes');
    const tb = new ProgrammePages(shell);
    await tb.register({
      category: 'new',
      bacteriology: 'bacteriologically_confirmed',
      site: 'pulmonary',
      resistance: 'mdr',
    });
    const episode = shell.main.getByTestId('tb-episode');
    await episode.getByTestId('tb-registration').getByText(en.resistance.mdr, { exact: false }).waitFor();
    await episode.getByRole('heading', { name: /^PILOT-1-TB-\d{4}-\d{4}$/ }).waitFor();
    await tb.prescribe('BPaLM');
    await episode.getByTestId('tb-treatment').getByText('BPaLM', { exact: false }).waitFor();
    await episode.getByRole('table', { name: en.monitoring.title }).waitFor();
    await checkPage(page, 'programmes-tab-registered');
    await episode.getByRole('link', { name: en.contacts.open }).click();
    await shell.h1(en.contacts.title).waitFor();
    await shell.main.getByTestId('tb-contacts').getByText(cellmateName, { exact: false }).first().waitFor();
    await checkPage(page, 'programmes-contacts');
  });

  test('TB-3: the TB register and the quarterly report show the case', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    await shell.goto('/tb/register');
    await shell.h1(en.registerPage.title).waitFor();
    await shell.main
      .getByRole('link', { name: /Vərəmov/ })
      .first()
      .waitFor();
    await checkPage(page, 'programmes-register');
    await shell.goto('/tb/report');
    await shell.h1(en.reportPage.title).waitFor();
    const quarter = shell.main.getByLabel(en.reportPage.quarter);
    await quarter.fill(currentQuarter());
    const notifications = shell.main.getByTestId('tb-notifications');
    const bcNew = notifications
      .getByRole('row', { name: new RegExp(`^${en.rows.pulmonary_bc}`) })
      .getByRole('cell')
      .first();
    await expect.poll(async () => Number(await bcNew.textContent())).toBeGreaterThanOrEqual(1);
    await shell.main.getByText(en.definitions.cured).waitFor();
    await checkPage(page, 'programmes-report');
  });

  test('PHC-9: the health manager records a staff member’s TB screening; the staff coverage counts it', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('health-manager', 'en');
    await shell.goto('/tb/report');
    await shell.h1(en.reportPage.title).waitFor();
    const section = shell.main.getByRole('region', { name: en.staffScreen.title });
    // A national reader chooses the institution whose staff they screen.
    await section.getByText(en.staffScreen.chooseInstitution).waitFor();
    const switcher = page.getByLabel(enRegistry.switcher.label);
    const pilot = await switcher.locator('option', { hasText: 'PILOT-1' }).first().getAttribute('value');
    await switcher.selectOption(pilot ?? '');
    const coverage = section.getByTestId('staff-tb-coverage');
    await coverage.waitFor();
    const screened = async () => Number(/: (\d+)/.exec((await coverage.textContent()) ?? '')?.[1] ?? -1);
    const before = await screened();
    const form = section.getByTestId('staff-tb-form');
    const member = form.getByLabel(en.staffScreen.member);
    // The first staff member still due.
    const due = section.getByRole('row').filter({ hasText: en.staffScreen.due }).first();
    const name = ((await due.getByRole('cell').first().textContent()) ?? '').trim();
    const value = await member.locator('option', { hasText: name }).first().getAttribute('value');
    await member.selectOption(value ?? '');
    await form.getByLabel(en.staffScreen.method).selectOption('chest_xray');
    await form.getByRole('button', { name: en.staffScreen.recordSubmit }).click();
    await expect.poll(screened).toBe(before + 1);
    await checkPage(page, 'programmes-report-staff');
  });
});
