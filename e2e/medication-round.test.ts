/**
 * The dose round beyond the first slice (ADR 0046), in the browser: the officer marks a person not
 * brought to the round (regime) from the attendance list, and the nurse sees it on the round; the
 * network goes down in the middle of the round, the nurse records two doses that wait on the tablet,
 * another health worker records one of them meanwhile through the API, and on reconnection one is
 * sent with its real time and the other is shown as a conflict with the other record. Then the round
 * reports, as the nurse and as the governor. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enMedication as en, enRounds as rounds } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { bakuWallTime, DoseRound } from './pages/medication.ts';
import { fillIn, literal } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const stamp = Date.now().toString(36).toUpperCase();
const people = [
  { surname: 'Nəsirov', given: 'Orxan', prisonNumber: `RND-A-${stamp}`, id: '', prescription: '' },
  { surname: 'Cəfərov', given: 'Vüqar', prisonNumber: `RND-B-${stamp}`, id: '', prescription: '' },
  { surname: 'Mirzəyev', given: 'Samir', prisonNumber: `RND-C-${stamp}`, id: '', prescription: '' },
];
const name = (p: (typeof people)[number]) => `${p.surname} ${p.given}`;
const minute = (at: number) => new Date(Math.floor(at / 60_000) * 60_000);
// A and B: due two minutes ago (the round now); C: due in ten minutes (still to be brought).
const dueAt = minute(Date.now() - 2 * 60_000);
const soonAt = minute(Date.now() + 10 * 60_000);
let pilot1 = '';

/** Another health worker, signed in from elsewhere (the API, outside the tablet that lost its network). */
async function asOtherNurse(server: string) {
  const signIn = await fetch(`${server}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo.feldsher', password: 'custodia-demo' }),
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.getSetCookie().find((c) => c.startsWith('custodia_session=')) ?? '').split(
    ';',
  )[0];
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return (url: string, body: unknown) =>
    fetch(`${server}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie ?? '', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
}

describe('medication: the round offline, the officer’s mark, the reports', () => {
  test('set-up: three people in PILOT-1, each with a supervised TB drug', async ({
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
        birthDate: '1990-04-12',
        prisonNumber: p.prisonNumber,
        admittedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
        arrestedHoursBefore: 24,
        commitmentOrderReference: `QƏR-${p.prisonNumber}`,
        visibleInjuries: 'Yoxdur',
        propertySummary: 'Saat',
        emergencyContact: { name: 'Aygün Nəsirova', relation: 'ana', phone: '+994 50 333 44 55' },
      });
    }
    await shell.signOut();
    await signedInAs('doctor', 'en');
    const drugs = (await api.get('/api/v1/medication/drugs?limit=100')).json<{
      items: { id: string; code: string }[];
    }>();
    for (const [i, p] of people.entries()) {
      const res = await api.post(`/api/v1/persons/${p.id}/prescriptions`, {
        drugId: drugs.items.find((d) => d.code === 'rhze')?.id,
        dose: 1,
        doseUnit: 'tablet',
        route: 'oral',
        frequency: 'every_n_hours',
        everyHours: 24,
        firstTime: bakuWallTime(i === 2 ? soonAt : dueAt).slice(11, 16),
        delivery: 'supervised',
        startAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        indication: 'Pulmonary TB',
      });
      expect(res.status, res.body).toBe(201);
      p.prescription = res.json<{ id: string }>().id;
    }
    await shell.signOut();
  });

  test('MDX-3: the officer marks a person not brought to the round (regime), seeing no drug', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    const c = people[2] as (typeof people)[number];
    await shell.navigate(rounds.nav.attendance, rounds.attendance.title, { exact: true });
    const row = shell.main.getByRole('row', { name: new RegExp(literal(c.prisonNumber)) });
    await row.waitFor();
    await checkPage(page, 'medication-attendance');
    await expect
      .poll(async () => (await shell.main.textContent())?.includes('Rifampicin') ?? true)
      .toBe(false);
    await row.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(rounds.attendance.note).fill('Wing B locked down after a search');
    await checkPage(page, 'medication-attendance-mark');
    await dialog.getByRole('button', { name: rounds.attendance.save }).click();
    await row.getByText(rounds.attendance.markedBadge).waitFor();
    await shell.signOut();
  });

  test('the round survives a lost network: two doses wait, one is sent with its time, one conflicts and is shown', async ({
    api,
    page,
    server,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    const dose = new DoseRound(shell);
    const [a, b] = people as [(typeof people)[number], (typeof people)[number]];
    // The officer's mark on C's row of its round.
    await shell.goto(`/medication/round?at=${encodeURIComponent(soonAt.toISOString())}`);
    await dose
      .row(name(people[2] as (typeof people)[number]))
      .getByText(new RegExp(`^${literal(rounds.notBrought.badge.split(':')[0] ?? '')}`))
      .waitFor();

    await shell.goto(`/medication/round?at=${encodeURIComponent(dueAt.toISOString())}`);
    await dose.row(name(a)).waitFor();
    await dose.row(name(b)).waitFor();

    await page.context().setOffline(true);
    const pressedAt = Date.now();
    await dose.row(name(a)).focus();
    await page.keyboard.press('Enter');
    await dose.row(name(a)).getByText(rounds.offline.waiting).waitFor();
    await dose.row(name(b)).focus();
    await page.keyboard.press('Enter');
    await dose.row(name(b)).getByText(rounds.offline.waiting).waitFor();
    const queue = shell.main.getByRole('region', { name: fillIn(rounds.offline.title, { count: '2' }) });
    await queue.waitFor();
    await shell.main.getByText(rounds.offline.offlineNow).waitFor();
    await checkPage(page, 'medication-round-offline');

    // Meanwhile another health worker records B's dose (refused) from elsewhere.
    const other = await asOtherNurse(server.url);
    const res = await other(`/api/v1/medication/prescriptions/${b.prescription}/administrations`, {
      dueAt: dueAt.toISOString(),
      outcome: 'not_given',
      reason: 'refused',
      note: 'Refused at the door; counselled',
    });
    expect(res.status).toBe(201);

    const reconnectedAt = Date.now();
    await page.context().setOffline(false);
    // A is sent and shows as given; B stays, shown with the other record, never dropped.
    await dose.recorded(name(a), en.outcomes.given).waitFor();
    await shell.main
      .getByText(
        new RegExp(
          `^Not sent: Demo · Feldsher recorded this dose at \\d{2}:\\d{2}: ${literal(en.reasons.refused)}\\.$`,
        ),
      )
      .waitFor();
    await checkPage(page, 'medication-round-conflict');
    const history = (await api.get(`/api/v1/persons/${a.id}/medication/administrations`)).json<{
      items: { outcome: string; givenAt: string; recordedAt: string }[];
    }>();
    const given = history.items[0];
    expect(given?.outcome).toBe('given');
    // Its real time: pressed while offline, before the connection came back.
    expect(Date.parse(given?.givenAt ?? '')).toBeGreaterThanOrEqual(pressedAt - 1000);
    expect(Date.parse(given?.givenAt ?? '')).toBeLessThanOrEqual(reconnectedAt);
    // The nurse has seen the conflict: it leaves the tablet.
    await shell.main
      .getByRole('button', { name: fillIn(rounds.offline.dismissFor, { name: name(b) }) })
      .click();
    await expect.poll(async () => await queue.count()).toBe(0);
  });

  test('issue 15 item 8: the round report for the nurse, the regime report for the governor (DAT-6)', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await page.context().setOffline(false);
    await shell.navigate(rounds.nav.reports, rounds.reports.title, { exact: true });
    await shell.main.getByRole('heading', { name: rounds.reports.daysTitle }).waitFor();
    await shell.main.getByRole('heading', { name: rounds.reports.adherenceTitle }).waitFor();
    await checkPage(page, 'medication-reports');
    await shell.signOut();
    await signedInAs('governor', 'en');
    await shell.navigate(rounds.nav.reports, rounds.reports.title, { exact: true });
    await shell.main.getByRole('heading', { name: rounds.reports.regimeTitle }).waitFor();
    await shell.main.getByText(fillIn(rounds.reports.suppressionNote, { max: '4' })).waitFor();
    expect(await shell.main.getByRole('heading', { name: rounds.reports.adherenceTitle }).count()).toBe(0);
    expect(await shell.main.textContent()).not.toContain(people[0]?.surname);
    await checkPage(page, 'medication-reports-governor');
  });
});
