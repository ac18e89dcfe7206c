/**
 * Confidential requests and complaints in the browser (issue 18 item 6, ADR 0038): a nurse enters a
 * request from the sealed box and triages it (MED-5); an officer cannot see it, only open the kiosk
 * for a person (MED-5); a complaint alleging ill-treatment, registered by registry staff, shows the
 * examination due at once to the doctor, linked to the injury form (INJ-4, RES-7); the governor
 * reads the month's register with small counts suppressed (DAT-6). axe-core runs on every page.
 */
import { describe, expect } from 'vitest';
import { type ApiClient, checkPage, test } from './fixtures.ts';
import { enRequests as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { field, fillIn, type Shell } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

/** A wall-clock time in Baku, as a datetime-local input takes it, `hours` before now. */
function bakuLocal(hoursBefore: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Baku',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - hoursBefore * 3_600_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

let prisonNumber = '';
let personId = '';
let requestPath = '';

async function admit(api: ApiClient, surname: string): Promise<{ id: string; number: string }> {
  const pilot1 = await institutionId(api, 'PILOT-1');
  const number = `REQ-${Date.now().toString(36).toUpperCase()}`;
  const id = await admitThroughApi(api, pilot1, {
    surname,
    given: 'Rauf',
    birthDate: '1984-03-14',
    prisonNumber: number,
    admittedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
    arrestedHoursBefore: 24,
    commitmentOrderReference: `QƏR-${number}`,
    visibleInjuries: 'Yoxdur',
    propertySummary: 'Saat',
    emergencyContact: { name: 'Aynur Məlikova', relation: 'bacı', phone: '+994 50 222 33 44' },
  });
  return { id, number };
}

/** Chooses the person of a form by their prison number. */
async function choosePerson(shell: Shell, number: string): Promise<void> {
  await field(shell.main, en.person.label).fill(number);
  await shell.main.getByRole('button', { name: new RegExp(number) }).click();
}

describe('requests and complaints in the browser', () => {
  test('MED-5: a nurse enters a request from the box and triages it', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const admitted = await admit(api, 'Məlikov');
    prisonNumber = admitted.number;
    personId = admitted.id;

    await signedInAs('nurse', 'en');
    await shell.navigate(en.nav.health, en.health.title, { exact: true });
    await checkPage(page, 'requests-health-list');
    await shell.main.getByRole('link', { name: en.health.enter }).click();
    await shell.h1(en.enter.title).waitFor();
    await choosePerson(shell, prisonNumber);
    await field(shell.main, en.fields.text).fill('Toothache for a week; cannot chew on the left side');
    await field(shell.main, en.fields.urgency).selectOption({ label: en.urgency.routine });
    await field(shell.main, en.fields.boxOpenedAt).fill(bakuLocal(1));
    await checkPage(page, 'requests-enter');
    await shell.main.getByRole('button', { name: en.enter.save }).click();
    await shell.h1(en.request.title).waitFor();
    requestPath = new URL(page.url()).pathname;
    await shell.main.getByText('Toothache for a week; cannot chew on the left side').waitFor();
    await shell.main.getByText('Demo · Nurse', { exact: false }).first().waitFor();

    const triage = shell.main.getByRole('region', { name: en.triage.title });
    await field(triage, en.fields.outcome).selectOption({ label: en.outcome.advice_given });
    await checkPage(page, 'requests-request');
    await triage.getByRole('button', { name: en.triage.save }).click();
    await shell.main.getByText(en.outcome.advice_given).first().waitFor();
    await shell.main.getByText(en.triage.inTime, { exact: false }).waitFor();
  });

  test('MED-5: an officer cannot see the request; the kiosk only sends', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('officer', 'en');
    const id = requestPath.split('/').pop() ?? '';
    expect((await api.get(`/api/v1/health-requests/${id}`)).status).toBe(403);
    expect((await api.get('/api/v1/health-requests')).status).toBe(403);
    await expect
      .poll(() => shell.nav.getByRole('link', { name: en.nav.health, exact: true }).count())
      .toBe(0);
    await shell.navigate(en.nav.kiosk, en.kiosk.title, { exact: true });
    await checkPage(page, 'requests-kiosk-locked');
    await choosePerson(shell, prisonNumber);
    await shell.main.getByRole('button', { name: en.kiosk.handOver }).click();
    await field(shell.main, en.kiosk.text).fill('I need new glasses');
    await shell.main.getByRole('radio', { name: en.kiosk.urgencies.routine }).check();
    await checkPage(page, 'requests-kiosk-person');
    await shell.main.getByRole('button', { name: en.kiosk.send }).click();
    await shell.main.getByText(en.kiosk.sent).waitFor();
    // Locked again: the words are not shown back.
    expect(await shell.main.getByText('I need new glasses').count()).toBe(0);
  });

  test('INJ-4, RES-7: a complaint alleging ill-treatment shows the examination due to the doctor', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    await shell.navigate(en.nav.complaints, en.complaints.title, { exact: true });
    await checkPage(page, 'requests-complaints');
    await shell.main.getByRole('link', { name: en.complaints.register }).click();
    await shell.h1(en.newComplaint.title).waitFor();
    await choosePerson(shell, prisonNumber);
    await field(shell.main, en.fields.addressee).selectOption({ label: en.addressee.governor });
    await field(shell.main, en.fields.category).selectOption({ label: en.category.ill_treatment });
    await field(shell.main, en.fields.text).fill('Says he was hit by staff during the evening count');
    await field(shell.main, en.fields.receivedAt).fill(bakuLocal(0.5));
    await shell.main.getByRole('checkbox', { name: new RegExp(`^${en.fields.allegation}`) }).check();
    await field(shell.main, en.fields.dispatchChannel).selectOption({ label: en.dispatch.electronic });
    await checkPage(page, 'requests-new-complaint');
    await shell.main.getByRole('button', { name: en.newComplaint.save }).click();
    await shell.main.getByText(en.newComplaint.saved).waitFor();

    await signedInAs('doctor', 'en');
    const due = shell.main.getByRole('region', {
      name: new RegExp(`^${en.worklist.requests_allegation_examination}`),
    });
    await due.waitFor();
    await due.getByRole('link').first().click();
    await shell.h1(en.examination.title).waitFor();
    await shell.main.getByText(/Due at once/).waitFor();
    const link = shell.main.getByRole('link', { name: en.examination.document });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/injuries\/persons\/[^/]+\/new\?context=allegation&source=/);
    // The doctor sees that an examination is due, not the complaint's words.
    expect(await shell.main.getByText('hit by staff').count()).toBe(0);
    await checkPage(page, 'requests-examination');
    expect(personId).not.toBe('');
  });

  test('RES-7, DAT-6: the governor opens a complaint and reads the month’s register', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('governor', 'en');
    await shell.navigate(en.nav.complaints, en.complaints.title, { exact: true });
    await shell.main
      .getByRole('link', { name: new RegExp(prisonNumber) })
      .first()
      .click();
    await shell.h1(en.complaint.title).waitFor();
    await shell.main.getByText(en.complaint.dispatches).first().waitFor();
    await checkPage(page, 'requests-complaint');
    await shell.navigate(en.nav.register, en.register.title, { exact: true });
    await shell.main.getByText(fillIn(en.register.suppressedNote, { n: 4 })).waitFor();
    await checkPage(page, 'requests-register');
  });
});
