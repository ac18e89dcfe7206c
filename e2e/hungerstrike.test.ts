/**
 * Hunger strikes in the browser (issue 17 items 5–8): the nurse sees today's offer on her worklist,
 * opens a hunger strike from a person's tab as declared four days ago, and records the fifth day's
 * observations — assessment done, weight taken, vital signs refused (HUN-5: each done or refused,
 * nothing pre-filled). She looks at the advance instructions and the refeeding protocol of the
 * record and at the list of strikes; the governor reads the report by duration with small counts
 * suppressed (DAT-6). axe-core runs on every page visited.
 */
import { describe } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enHungerstrike as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { HungerStrikePages, wallTimeDaysAgo } from './pages/hungerstrike.ts';
import { PersonPage } from './pages/person.ts';
import { fillIn } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

describe('hunger strikes in the browser', () => {
  test('HUN-1, HUN-5: a nurse opens a hunger strike and records day-5 observations, one refused', async ({
    page,
    shell,
    api,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const prisonNumber = `HUN-${Date.now().toString(36).toUpperCase()}`;
    const personId = await admitThroughApi(api, pilot1, {
      surname: 'Orucov',
      given: 'Elvin',
      birthDate: '1987-06-21',
      prisonNumber,
      admittedAt: new Date(Date.now() - 10 * 24 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Leyla Orucova', relation: 'həyat yoldaşı', phone: '+994 50 111 22 33' },
    });

    await signedInAs('nurse', 'en');
    // The demo strike's offer of today is on the nurse's worklist, and leads to its record.
    await shell.main
      .getByRole('heading', { name: new RegExp(en.worklist.hungerstrike_daily_offer) })
      .waitFor();

    const hunger = new HungerStrikePages(shell);
    await new PersonPage(shell).open(personId, 'hunger-strikes');
    await shell.main.getByText(en.person.none).waitFor();
    await checkPage(page, 'hungerstrike-person-tab');

    // HUN-1: declared four days ago (day 1), food refused.
    await hunger.open(wallTimeDaysAgo(4, '08:30:00'), 'food');
    await checkPage(page, 'hungerstrike-open');
    await hunger.save();
    await shell.main.getByText(fillIn(en.sheet.today, { day: 5 }), { exact: false }).waitFor();
    await shell.main.getByText(en.sheet.measurementsDue, { exact: false }).waitFor();
    await checkPage(page, 'hungerstrike-record');

    // HUN-5: past 72 hours, weight and vital signs must be recorded, each done or refused.
    await hunger.recordDay({ assessment: 'done', fluids: 'yes', weightKg: 71.3, vitals: 'refused' });
    const row = hunger.sheetRow(5);
    await row.getByText(fillIn(en.sheet.kg, { kg: 71.3 })).waitFor();
    await row.getByText(en.sheet.refused, { exact: true }).waitFor();
    await shell.main.getByText(en.sheet.offerDone, { exact: false }).waitFor();
    await checkPage(page, 'hungerstrike-record-day-5');

    await hunger.page('instructions');
    await shell.main.getByText(en.instructions.none).waitFor();
    await checkPage(page, 'hungerstrike-instructions');
    await hunger.page('refeeding');
    await shell.main.getByText(en.refeeding.none).waitFor();
    await checkPage(page, 'hungerstrike-refeeding');

    await shell.navigate(en.nav.list, en.list.title, { exact: true });
    await shell.main.getByRole('link', { name: new RegExp(prisonNumber) }).waitFor();
    await checkPage(page, 'hungerstrike-list');

    // DAT-6: the governor reads the report by duration, small counts suppressed.
    await signedInAs('governor', 'en');
    await shell.navigate(en.nav.report, en.report.title, { exact: true });
    await shell.main.getByText(fillIn(en.report.suppressed, { n: 4 })).waitFor();
    await checkPage(page, 'hungerstrike-report');
  });
});
