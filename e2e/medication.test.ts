/**
 * Medication in the browser (issue 15, first slice): demo.doctor prescribes a supervised drug from
 * the person's page; demo.nurse follows her worklist to the round and records, from the keyboard and the buttons, a
 * dose given (Enter; mouth check for a supervised dose), one refused with its counselling note (R),
 * and one not available (its button). The custodial officer's worklist says only that the person must
 * attend the dose round (MED-3). axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enMedication as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { bakuWallTime, DoseRound, PrescribeForm } from './pages/medication.ts';
import { PersonPage } from './pages/person.ts';
import { fillIn } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const stamp = Date.now().toString(36).toUpperCase();
const people = [
  { surname: 'Həsənov', given: 'Rauf', prisonNumber: `MED-A-${stamp}`, id: '' },
  { surname: 'Quliyev', given: 'Elnur', prisonNumber: `MED-B-${stamp}`, id: '' },
  { surname: 'Babayev', given: 'Tural', prisonNumber: `MED-C-${stamp}`, id: '' },
];
const name = (p: (typeof people)[number]) => `${p.surname} ${p.given}`;
// Each dose falls due two minutes ago; the prescriptions start 3 h earlier.
// The due instant to the minute (Baku is a whole number of hours from UTC).
const dueAt = new Date(Math.floor((Date.now() - 2 * 60_000) / 60_000) * 60_000);
const dueWall = bakuWallTime(dueAt);
const dueTime = dueWall.slice(11, 16);
const startWall = bakuWallTime(new Date(Date.now() - 3 * 3_600_000));
let pilot1 = '';

describe('medication: prescribing and the dose round', () => {
  test('set-up: the registry officer admits three people into PILOT-1', async ({
    api,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    pilot1 = await institutionId(api, 'PILOT-1');
    for (const p of people) {
      p.id = await admitThroughApi(api, pilot1, {
        surname: p.surname,
        given: p.given,
        birthDate: '1987-06-21',
        prisonNumber: p.prisonNumber,
        admittedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
        arrestedHoursBefore: 24,
        commitmentOrderReference: `QƏR-${p.prisonNumber}`,
        visibleInjuries: 'Yoxdur',
        propertySummary: 'Saat',
        emergencyContact: { name: 'Leyla Həsənova', relation: 'bacı', phone: '+994 50 222 33 44' },
      });
    }
    await shell.signOut();
  });

  test('demo.doctor prescribes a supervised TB drug from the person’s page', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    const person = new PersonPage(shell);
    await person.open(people[0]?.id ?? '', 'medication');
    await shell.main.getByText(en.person.none).waitFor();
    await checkPage(page, 'medication-person-tab-empty');
    await shell.main.getByRole('link', { name: en.person.prescribe }).click();
    await shell.h1(en.prescribe.title, { exact: true }).waitFor();
    const form = new PrescribeForm(shell);
    // Nothing clinical is pre-filled: saving at once is refused in words, field by field.
    await form.save();
    await shell.main.getByText(en.prescribe.checkFields).first().waitFor();
    await form.fill({
      drug: 'Isoniazid 300 mg',
      dose: '1',
      unit: en.units.tablet,
      time: dueTime,
      startAt: startWall,
      indication: 'TB preventive therapy',
    });
    await checkPage(page, 'medication-prescribe');
    await form.save();
    await shell.main.getByRole('table', { name: en.person.caption }).getByText('Isoniazid 300 mg').waitFor();
    await checkPage(page, 'medication-person-tab');
    // A revision: a new version with the new dose, and its reason.
    await shell.main
      .getByRole('link', { name: fillIn(en.person.reviseOf, { drug: 'Isoniazid 300 mg' }) })
      .click();
    await shell.h1(en.prescribe.reviseTitle, { exact: true }).waitFor();
    await form.field(en.prescription.dose).fill('2');
    await form.field(en.prescription.reviseReason).fill('Weight 78 kg: two tablets');
    await checkPage(page, 'medication-revise');
    await shell.main.getByRole('button', { name: en.prescribe.saveRevision }).click();
    await shell.main
      .getByRole('table', { name: en.person.caption })
      .getByText('Weight 78 kg: two tablets')
      .waitFor();
    // Two more people with a supervised dose due now, prescribed through the API.
    const drugs = (await api.get('/api/v1/medication/drugs?limit=100')).json<{
      items: { id: string; code: string }[];
    }>();
    for (const [p, code] of [
      [people[1], 'tld'],
      [people[2], 'rifampicin'],
    ] as const) {
      const res = await api.post(`/api/v1/persons/${p?.id}/prescriptions`, {
        drugId: drugs.items.find((d) => d.code === code)?.id,
        dose: 1,
        doseUnit: 'tablet',
        route: 'oral',
        frequency: 'every_n_hours',
        everyHours: 24,
        firstTime: dueTime,
        delivery: 'supervised',
        startAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        indication: 'Programme treatment',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await shell.signOut();
  });

  test('demo.nurse records given (Enter), refused with a note (R) and not available on the round', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    const dose = new DoseRound(shell);
    // The worklist lists the doses due now (a group of at most five shown: its lines lead to the round
    // holding the dose, as the web test checks); the round of this dose, as its line opens it.
    await shell.goto('/');
    await shell.main.getByText(en.worklist.dose_due, { exact: false }).first().waitFor();
    await shell.goto(`/medication/round?at=${encodeURIComponent(dueAt.toISOString())}`);
    await shell.h1(en.round.title, { exact: true }).waitFor();
    const [a, b, c] = people.map(name) as [string, string, string];
    await dose.row(a).waitFor();
    await checkPage(page, 'medication-round');

    // Given: the row takes the focus, Enter records it.
    await dose.row(a).focus();
    await page.keyboard.press('Enter');
    await dose.recorded(a, en.outcomes.given).waitFor();

    // Refused: R asks for the counselling note; without one it is refused in words.
    await dose.row(b).focus();
    await page.keyboard.press('r');
    await dose.dialog.waitFor();
    await checkPage(page, 'medication-round-refused');
    await dose.dialog.getByRole('button', { name: en.round.saveNotGiven }).click();
    await dose.dialog.getByText(en.errors.note_required).waitFor();
    await dose.dialog
      .getByLabel(new RegExp(en.round.counsellingNote.replace(/[()]/g, '.')))
      .fill('Says the tablets upset his stomach; explained why TB treatment must not stop; doctor informed');
    await dose.dialog.getByRole('button', { name: en.round.saveNotGiven }).click();
    await dose.recorded(b, en.reasons.refused).waitFor();

    // Not available: its button on the row.
    await dose
      .row(c)
      .getByRole('button', { name: fillIn(en.round.notAvailableFor, { name: c }) })
      .click();
    await dose.recorded(c, en.reasons.not_available_stock).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: fillIn(en.round.recorded, { name: c, outcome: en.reasons.not_available_stock }) })
      .waitFor();

    // What was recorded, as the server keeps it.
    const outcomes = [];
    for (const p of people) {
      const res = await api.get(`/api/v1/persons/${p.id}/medication/administrations`);
      outcomes.push(
        res.json<{
          items: { outcome: string; reason: string | null; mouthCheck: boolean; note: string | null }[];
        }>().items[0],
      );
    }
    expect(outcomes[0]).toMatchObject({ outcome: 'given', mouthCheck: true });
    expect(outcomes[1]).toMatchObject({ outcome: 'not_given', reason: 'refused' });
    expect(outcomes[1]?.note).toContain('TB treatment');
    expect(outcomes[2]).toMatchObject({ outcome: 'not_given', reason: 'not_available_stock' });
    await checkPage(page, 'medication-round-recorded');
  });

  test('the pharmacist sees the drug the round lacked on the worklist (MDX-3)', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('pharmacist', 'en');
    await shell.main.getByText(en.worklist.stock_task, { exact: false }).first().waitFor();
    await shell.main
      .getByText(/^Rifampicin 300 mg · \d+ · /)
      .first()
      .waitFor();
    await checkPage(page, 'medication-pharmacist-worklist');
  });

  test('the custodial officer gets no medication page and no drug name', async ({
    api,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    await expect.poll(async () => await shell.nav.getByRole('link', { name: en.nav.round }).count()).toBe(0);
    const res = await api.get(`/api/v1/persons/${people[0]?.id}/medication`);
    expect(res.status).toBe(403);
    const worklist = await api.get('/api/v1/worklist');
    const text = JSON.stringify(worklist.body);
    expect(text).not.toContain('Isoniazid');
    expect(text).not.toContain('Rifampicin');
  });
});
