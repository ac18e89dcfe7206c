/**
 * Segregation in the browser (issue 18 item 4): the officer records today for the person on day 13
 * of disciplinary solitary from the wing list, in a few key presses, and the day-13 pre-alert shows
 * (SEG-1, SEG-2); the officer sees that health visits happened, never their content (MED-1); a
 * nurse finds the daily visit due on the worklist and records it (SEG-5); the governor signs a
 * placement for a newly admitted person (SEG-2), downloads the record for oversight (SEG-13) and
 * opens the month's register with its daily compliance (issue 18 item 7); a disciplinary placement
 * is refused for a pregnant woman, in words (SEG-4); the governor marks a cell constantly lit on the
 * institution page and the registry then refuses to place anyone there (SEG-12). axe-core runs on
 * every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enSegregation as en, enRegistry } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { SegregationPages } from './pages/segregation.ts';
import { field, fillIn } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let dayThirteen = '';
let placementUrl = '';

describe('segregation in the browser', () => {
  test('SEG-1, SEG-2: the officer records today from the wing list; the day-13 pre-alert shows', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    const pages = new SegregationPages(shell);
    await pages.openWingList();
    const row = pages.rowOnDay(13);
    await row.waitFor();
    dayThirteen = await pages.nameIn(row);
    await expect.poll(() => pages.flag(row, 'day_record_due').count()).toBe(1);
    await checkPage(page, 'segregation-wing');
    await pages.recordToday(row, dayThirteen, { out: 60, outdoor: 60, contact: 30 });
    await pages.flag(row, 'pre_alert_day_13').waitFor();
    await pages.flag(row, 'solitary_day').waitFor();
    await pages.flag(row, 'contact_short').waitFor();
    await expect.poll(() => pages.flag(row, 'day_record_due').count()).toBe(0);
    await row.getByText('Out of cell 60 min · outdoors 60 min · contact 30 min').waitFor();

    await pages.openFrom(row, dayThirteen);
    placementUrl = new URL(page.url()).pathname;
    await pages.flag(shell.main, 'pre_alert_day_13').first().waitFor();
    const days = pages.timelineRows('day');
    await days.filter({ hasText: 'Demo · Custodial officer' }).first().waitFor();
    // MED-1: the officer sees that health visits happened, not what was found.
    await pages.timelineRows('health_visit').first().getByText(en.timeline.visitHappened).waitFor();
    expect(await pages.healthVisits.count()).toBe(0);
    expect(await shell.main.getByText('no complaints (demonstration)').count()).toBe(0);
    await checkPage(page, 'segregation-placement-officer');
  });

  test('SEG-5: a nurse finds the daily segregation visit due on the worklist and records it', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    const pages = new SegregationPages(shell);
    const due = shell.main.getByRole('region', {
      name: new RegExp(`^${en.worklist.segregation_health_visit_due}`),
    });
    await due.waitFor();
    await due.getByRole('link').first().waitFor();
    await shell.goto(placementUrl);
    await shell.h1(`${en.placement.title}: ${dayThirteen}`).waitFor();
    await pages.flag(shell.main, 'health_visit_due').first().waitFor();
    await pages.healthVisits.getByText('no complaints (demonstration)').first().waitFor();
    await pages.recordHealthVisit({
      seen: true,
      adverseEffect: false,
      note: 'Sleeping poorly; reviewed today',
    });
    await pages.healthVisits.getByText('Sleeping poorly; reviewed today').waitFor();
    await expect.poll(() => pages.flag(shell.main, 'health_visit_due').count()).toBe(0);
    await pages.timelineRows('health_visit').filter({ hasText: 'Demo · Nurse' }).last().waitFor();
    await checkPage(page, 'segregation-placement-nurse');
  });

  test('SEG-2: the governor signs an administrative placement for a newly admitted person', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const prisonNumber = `SEG-${Date.now().toString(36).toUpperCase()}`;
    const personId = await admitThroughApi(api, pilot1, {
      surname: 'Hüseynov',
      given: 'Elvin',
      birthDate: '1987-07-21',
      prisonNumber,
      admittedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Leyla Hüseynova', relation: 'bacı', phone: '+994 50 222 33 44' },
    });
    await signedInAs('governor', 'en');
    // From the person's page: the segregation tab, empty, and its "Start a placement".
    await new PersonPage(shell).open(personId, 'segregation');
    await shell.main.getByText(en.person.none).waitFor();
    await checkPage(page, 'segregation-person-tab');
    await shell.main.getByRole('link', { name: en.wing.start }).click();
    await shell.h1(en.start.title, { exact: true }).waitFor();
    await shell.main.getByText(`Hüseynov Elvin · ${prisonNumber}`).waitFor();
    await checkPage(page, 'segregation-start');
    await field(shell.main, en.start.kind).selectOption('administrative');
    await field(shell.main, en.placement.reason).fill('Pending investigation of a threat against staff');
    const end = new Date(Date.now() + 10 * 86_400_000);
    // The institution's wall-clock time (Asia/Baku, UTC+4), as the form reads it.
    const wall = new Date(end.getTime() + 4 * 3_600_000).toISOString().slice(0, 19);
    await field(shell.main, en.placement.plannedEndAt).fill(wall);
    await shell.main.getByRole('button', { name: en.start.save }).click();
    await shell.h1(`${en.placement.title}: Hüseynov Elvin`).waitFor();
    await shell.main.getByText(en.kinds.administrative).first().waitFor();
    await checkPage(page, 'segregation-placement-governor');

    // SEG-13: the governor downloads the record for the national preventive mechanism and the CPT.
    const pages = new SegregationPages(shell);
    await pages.openWingList();
    await shell.main.getByRole('row').filter({ hasText: prisonNumber }).waitFor();
    const href = await shell.main.getByRole('link', { name: en.export.csv }).getAttribute('href');
    const csv = await api.get(href ?? '');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Pending investigation of a threat against staff');
    expect(csv.body).not.toContain('Sleeping poorly');
    await checkPage(page, 'segregation-wing-governor');

    // Issue 18 item 7: the month's register with its daily compliance, from the navigation.
    await shell.navigate(en.nav.register, en.register.title, { exact: true });
    await shell.main.getByRole('row').filter({ hasText: prisonNumber }).waitFor();
    await shell.main.getByRole('row').filter({ hasText: en.register.total }).first().waitFor();
    // DAT-6: the governor is outside the health service: the page says what is left out.
    await shell.main.getByRole('note').waitFor();
    await checkPage(page, 'segregation-register');
    const registerCsv = await shell.main.getByRole('link', { name: en.register.csv }).getAttribute('href');
    const file = await api.get(registerCsv ?? '');
    expect(file.status).toBe(200);
    expect(file.body).toContain('Solitary days (SEG-1)');
    expect(file.body).toContain(prisonNumber);
  });

  test('SEG-4: a disciplinary placement is refused for a pregnant woman, in words, and nothing is written', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const prisonNumber = `SEG-W-${Date.now().toString(36).toUpperCase()}`;
    const admittedAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    const admitted = await api.post('/api/v1/persons', {
      person: {
        surnameLatin: 'Əliyeva',
        givenNameLatin: 'Nigar',
        birthDate: '1994-04-02',
        sex: 'female',
        citizenship: 'AZ',
        language: 'az',
        interpreterNeeded: false,
        prisonNumber,
      },
      admission: {
        institutionId: pilot1,
        admittedAt,
        commitmentOrderReference: `QƏR-${prisonNumber}`,
        issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
        legalBasis: 'CM 177.2',
        legalStatus: 'remand',
        arrestedAt: new Date(Date.parse(admittedAt) - 24 * 3_600_000).toISOString(),
        arrestPlace: 'Bakı',
        visibleInjuries: 'Yoxdur',
        illTreatmentComplaints: 'Yoxdur',
        propertySummary: 'Saat',
        familyMembers: [],
        emergencyContact: { name: 'Rəna Əliyeva', relation: 'ana', phone: '+994 50 333 44 55' },
        informationGivenInLanguage: true,
      },
      confirmedNotDuplicate: true,
    });
    expect(admitted.status, admitted.body).toBe(201);
    const personId = admitted.json<{ id: string }>().id;
    // The doctor records the pregnancy as a functional flag (MED-3): a pregnancy diet.
    await signedInAs('doctor', 'en');
    const alert = await api.post(`/api/v1/persons/${personId}/health-alerts`, {
      detail: { kind: 'special_diet', diet: 'pregnancy' },
      startsAt: admittedAt,
    });
    expect(alert.status, alert.body).toBe(201);

    await signedInAs('governor', 'en');
    await shell.goto(`/segregation/start?person=${personId}`);
    await shell.main.getByText(`Əliyeva Nigar · ${prisonNumber}`).waitFor();
    await field(shell.main, en.start.kind).selectOption('disciplinary');
    await field(shell.main, en.placement.reason).fill('Refused to return to her cell');
    await field(shell.main, en.placement.offence).fill('DISC-2026-501');
    const end = new Date(Date.now() + 5 * 86_400_000 + 4 * 3_600_000).toISOString().slice(0, 19);
    await field(shell.main, en.placement.plannedEndAt).fill(end);
    await shell.main.getByRole('button', { name: en.start.save }).click();
    // The director is told why, on the override's field: a protected person needs a reason (MHS-7).
    await shell.main.getByText(en.errors.override_reason_required).waitFor();
    await shell.h1(en.start.title, { exact: true }).waitFor();
    await checkPage(page, 'segregation-start-refused');
    const wing = await api.get(`/api/v1/segregation/wing?institutionId=${pilot1}`);
    expect(wing.body).not.toContain(prisonNumber);
  });

  test('SEG-12: the governor marks a cell constantly lit on the institution page; no one can then be placed there', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const prisonNumber = `SEG-L-${Date.now().toString(36).toUpperCase()}`;
    const personId = await admitThroughApi(api, pilot1, {
      surname: 'Nuriyev',
      given: 'Kamran',
      birthDate: '1989-03-14',
      prisonNumber,
      admittedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aynur Nuriyeva', relation: 'bacı', phone: '+994 50 444 55 66' },
    });
    type CellView = { id: string; code: string; cellType: string; version: number; lighting: string };
    const cellsOf = async () =>
      (await api.get(`/api/v1/institutions/${pilot1}`))
        .json<{ units: { cells: CellView[] }[] }>()
        .units.flatMap((u) => u.cells);
    // A segregation cell if the prison has one free of marks, else any cell of it.
    const adequate = (await cellsOf()).filter((c) => c.lighting === 'adequate');
    const cell = adequate.find((c) => c.cellType === 'segregation') ?? adequate[0];
    expect(cell).toBeTruthy();
    const { id, code } = cell as CellView;

    await signedInAs('governor', 'en');
    await shell.goto(`/registry/institutions/${pilot1}`);
    const cellName = fillIn(enRegistry.structure.cellLabel, { cell: code });
    await shell.main.getByRole('button', { name: `${enRegistry.structure.setLighting} ${cellName}` }).click();
    const dialog = page.getByRole('dialog', {
      name: fillIn(enRegistry.structure.lightingOf, { cell: code }),
    });
    await dialog.waitFor();
    await field(dialog, enRegistry.structure.lighting).selectOption('constantly_lit');
    await field(dialog, enRegistry.structure.lightingSince).fill(new Date().toISOString().slice(0, 10));
    await field(dialog, enRegistry.structure.lightingReason).fill('Lamp wired without a switch');
    await dialog.getByRole('button', { name: enRegistry.structure.save, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = shell.main.locator(`#cell-${id}`);
    await row.getByText(enRegistry.cellLightings.constantly_lit).waitFor();
    await row.getByText(enRegistry.structure.notAllocatable).waitFor();
    await checkPage(page, 'registry-institution-lighting');

    // The registry refuses to place anyone there, in words.
    await signedInAs('registry-officer', 'en');
    const refused = await api.post(`/api/v1/persons/${personId}/events`, {
      type: 'placement',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      cellId: id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('event_cell_lighting');

    // Adequate again, so the other tests find the cell as the demo left it.
    await signedInAs('governor', 'en');
    const now = (await cellsOf()).find((c) => c.id === id) as CellView;
    const restored = await api.put(`/api/v1/cells/${id}/lighting`, {
      lighting: 'adequate',
      since: new Date().toISOString().slice(0, 10),
      reason: 'Switch fitted',
      version: now.version,
    });
    expect(restored.status, restored.body).toBe(200);
  });
});
