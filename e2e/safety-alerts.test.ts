/**
 * Issue 14 item 4 (MED-3) in the browser: a doctor shares two health alerts for a person ("observe
 * every 15 minutes", airborne isolation); demo.officer then meets them where he acts — the person
 * search results, the person's page header, the restraint start form (whose room list puts the safe
 * rooms first and filters by typing, item 11) and the live board — in words, never as codes, and with
 * no diagnosis. axe-core runs on every page visited (checkPage).
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enClinical, enRegistry, enRestraint } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { RestraintBoard } from './pages/board.ts';
import { PersonPage } from './pages/person.ts';
import { chooseRoom, roomInput, roomOptions } from './pages/start.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

const stamp = Date.now().toString(36).toUpperCase();
const person = { surname: 'Xəbərdarov', given: 'Kamran', prisonNumber: `ALR-${stamp}`, id: '' };
const observe = enClinical.alerts.text.observation.replace('{{minutes}}', '15');
const airborne = enClinical.alerts.text.infection_control.replace(
  '{{precaution}}',
  enClinical.alerts.precautions.airborne,
);
let pilot1 = '';

describe('health alerts where custodial staff act (MED-3)', () => {
  test('set-up: the person is admitted, and the doctor shares two health alerts', async ({
    api,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    pilot1 = await institutionId(api, 'PILOT-1');
    person.id = await admitThroughApi(api, pilot1, {
      surname: person.surname,
      given: person.given,
      birthDate: '1987-06-01',
      prisonNumber: person.prisonNumber,
      admittedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${person.prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aynur Xəbərdarova', relation: 'bacı', phone: '+994 50 111 22 33' },
    });
    await shell.signOut();
    await signedInAs('doctor', 'en');
    const startsAt = new Date(Date.now() - 60 * 60_000).toISOString();
    for (const detail of [
      { kind: 'observation', intervalMinutes: 15 },
      { kind: 'infection_control', precaution: 'airborne' },
    ]) {
      // PHC-6: an isolation order carries its infectious reason and period.
      const order =
        detail.kind === 'infection_control'
          ? { isolationReason: 'tuberculosis', endsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() }
          : {};
      const res = await api.post(`/api/v1/persons/${person.id}/health-alerts`, {
        detail,
        startsAt,
        ...order,
      });
      expect(res.status, res.body).toBe(201);
    }
    await shell.signOut();
  });

  test('the officer sees the alerts in the search results and on the person page', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    await shell.goto(`/registry/persons?q=${encodeURIComponent(person.prisonNumber)}`);
    const row = shell.main.getByRole('row').filter({ hasText: person.prisonNumber });
    const inRow = row.getByRole('list', { name: enClinical.alerts.title });
    await inRow.getByText(observe, { exact: true }).waitFor();
    await inRow.getByText(airborne, { exact: true }).waitFor();
    await checkPage(page, 'alerts-search');

    await new PersonPage(shell).open(person.id);
    const header = shell.main.getByRole('list', { name: enClinical.alerts.title }).first();
    await header.getByText(observe, { exact: true }).waitFor();
    await header.getByText(airborne, { exact: true }).waitFor();
    await checkPage(page, 'alerts-person');
  });

  test('the officer sees them on the restraint start form, whose room list offers the safe rooms first and filters by typing', async ({
    page,
    shell,
  }) => {
    const main = shell.main;
    await shell.goto(`/restraint/start?person=${encodeURIComponent(person.id)}`);
    await shell.h1(enRestraint.start.title, { exact: true }).waitFor();
    const alerts = main.getByRole('list', { name: enClinical.alerts.title });
    await alerts.getByText(observe, { exact: true }).waitFor();
    await alerts.getByText(airborne, { exact: true }).waitFor();
    await checkPage(page, 'alerts-start');

    // RST-16: the room list opens with the seclusion rooms, safe cells and medical rooms first.
    await roomInput(main).click();
    const first = roomOptions(page).first();
    await first.waitFor();
    const suitable = [
      enRegistry.cellTypes.seclusion,
      enRegistry.cellTypes.safe,
      enRegistry.cellTypes.medical,
    ];
    const labels = await roomOptions(page).allTextContents();
    const firstOther = labels.findIndex((l) => !suitable.some((kind) => l.endsWith(kind)));
    const lastSuitable = labels.findLastIndex((l) => suitable.some((kind) => l.endsWith(kind)));
    expect(lastSuitable).toBeGreaterThanOrEqual(0);
    if (firstOther >= 0) expect(firstOther).toBeGreaterThan(lastSuitable);
    // No kind is written as a code.
    expect(labels.join(' ')).not.toMatch(/\(|_/);
    await checkPage(page, 'alerts-start-rooms');
    await page.keyboard.press('Escape');
    expect(await chooseRoom(page, main, enRegistry.cellTypes.safe)).toContain(enRegistry.cellTypes.safe);
  });

  test('the officer sees them on the live board, beside the person under restraint', async ({
    api,
    page,
    shell,
  }) => {
    const staff = (await api.get(`/api/v1/staff?institutionId=${pilot1}&limit=5`)).json<{
      items: { id: string }[];
    }>();
    const detail = (await api.get(`/api/v1/institutions/${pilot1}`)).json<{
      units: { cells: { id: string; cellType: string }[] }[];
    }>();
    const cell = detail.units.flatMap((u) => u.cells).filter((c) => c.cellType === 'safe')[2];
    const started = await api.post(`/api/v1/persons/${person.id}/restraint-episodes`, {
      types: ['seclusion'],
      cellId: cell?.id,
      inViewOfOthers: false,
      startedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
      authorisation: { kind: 'emergency_start' },
      harm: 'harm_to_self',
      harmDescription: 'Banging his head against the door',
      lessRestrictiveTried: ['verbal_de_escalation'],
      lessRestrictiveDescription: 'Talked to him through the hatch',
      personPreferences: 'Could not say',
      appliedBy: [staff.items[0]?.id],
      supervisorId: staff.items[1]?.id,
      supervisionPosition: 'doorway',
    });
    expect(started.status, started.body).toBe(201);
    const board = new RestraintBoard(shell);
    await board.open();
    const row = board.row(person.prisonNumber);
    await row.getByText(observe, { exact: true }).waitFor();
    await row.getByText(airborne, { exact: true }).waitFor();
    await checkPage(page, 'alerts-board');
    await shell.signOut();
  });
});
