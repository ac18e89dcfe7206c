/**
 * Admission screening in the browser (issue 5), as the people in PRODUCT.md do it: the registry
 * officer admits a person into PILOT-1 (set up through the API with the signed-in page's cookie and
 * CSRF token); the nurse finds the screening due on the screenings page, tries to complete it blank
 * (ADM-2: the problems are listed and the focus moves to the first), fills it in with an injury on
 * the body chart (ADM-4) and a positive TB symptom screen, completes it and sees the isolation alert
 * and the TB work-up (ADM-6); the doctor signs it, then amends it; the custodial officer sees only the
 * health alert on the person page, never the medical record or a diagnosis (MED-3). axe-core runs on
 * every page visited. Set E2E_SCREENSHOTS=<dir> to keep screenshots of the pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../web/src/modules/clinical/screening/locales/en.json';
import {
  type Browser,
  chooseLanguage,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningServer,
  repoRoot,
  SIGN_OUT,
  signIn,
  signOut,
  startServer,
} from './harness.ts';

/** The header that carries the session's CSRF token (web/src/app/api.ts). */
const CSRF_HEADER = 'x-csrf-token';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  // The smallest laptop screen the prisons use (the form must work at 1366×768).
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const screenshotDir = process.env.E2E_SCREENSHOTS;
async function check(name: string): Promise<void> {
  await expectNoSeriousA11yViolations(page);
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `screening-${name}.png`), fullPage: true });
}

const main = () => page.getByRole('main');
const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const section = (key: keyof typeof en.sections) =>
  main().getByRole('region', { name: en.sections[key], exact: true });
/** A radio group by the start of its label (a required one ends with an asterisk). */
const group = (scope: Locator, label: string) =>
  scope.getByRole('radiogroup', { name: new RegExp(`^${literal(label)}( \\*)?$`) });
async function choose(scope: Locator, label: string, option: string) {
  await group(scope, label).getByRole('radio', { name: option, exact: true }).check();
}
async function assessed(key: keyof typeof en.sections) {
  await choose(section(key), en.sectionStatus.label, en.sectionStatus.assessed);
}

/** Signs in and works in English (each demo account remembers its own language). */
async function signInInEnglish(username: string) {
  // Whoever is still signed in (an earlier step that failed half-way) signs out first.
  const signOutButton = page.getByRole('banner').getByRole('button', { name: SIGN_OUT });
  if (await signOutButton.isVisible()) await signOut(page);
  await signIn(page, username);
  const language = page.getByRole('banner').getByRole('combobox');
  if ((await language.inputValue()) !== 'en') await chooseLanguage(page, 'en');
}

/** A call to the API as the signed-in page (its session cookie and CSRF token). */
async function api(method: 'GET' | 'POST', url: string, data?: unknown) {
  const session = await page.request.get(`${server.url}/api/v1/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${server.url}${url}`, {
    method,
    headers: { [CSRF_HEADER]: csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  return { status: response.status(), body: await response.text() };
}

const stamp = Date.now().toString(36).toUpperCase();
const newcomer = {
  surname: 'Qəhrəmanov',
  given: 'Elçin',
  patronymic: 'Rauf oğlu',
  prisonNumber: `SCR-${stamp}`,
};
const fullName = `${newcomer.surname} ${newcomer.given} ${newcomer.patronymic}`;
let personId = '';
let screeningUrl = '';

/** The clinical module's own labels (the person page's tabs), when its catalogue is there. */
function clinicalCatalogue(): Record<string, unknown> | null {
  const file = path.join(repoRoot, 'web', 'src', 'modules', 'clinical', 'locales', 'en.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
}
function label(catalogue: Record<string, unknown> | null, key: string): string | null {
  let value: unknown = catalogue;
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return typeof value === 'string' ? value : null;
}

describe('admission screening in the browser', () => {
  it('the registry officer admits a new person into PILOT-1 (API setup as the signed-in officer)', async () => {
    await page.goto(`${server.url}/`);
    await signInInEnglish('demo.registry-officer');
    const institutions = JSON.parse((await api('GET', '/api/v1/institutions')).body) as {
      items: { id: string; code: string }[];
    };
    const pilot1 = institutions.items.find((i) => i.code === 'PILOT-1');
    expect(pilot1).toBeTruthy();
    const admittedAt = new Date(Date.now() - 60 * 60_000).toISOString();
    const admitted = await api('POST', '/api/v1/persons', {
      person: {
        surnameLatin: newcomer.surname,
        givenNameLatin: newcomer.given,
        patronymicLatin: newcomer.patronymic,
        birthDate: '1991-06-12',
        sex: 'male',
        citizenship: 'AZ',
        language: 'az',
        interpreterNeeded: false,
        prisonNumber: newcomer.prisonNumber,
      },
      admission: {
        institutionId: pilot1?.id,
        admittedAt,
        commitmentOrderReference: `QƏR-2026-${stamp}`,
        issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
        legalBasis: 'CM 177.2',
        legalStatus: 'remand',
        arrestedAt: new Date(Date.parse(admittedAt) - 48 * 3_600_000).toISOString(),
        arrestPlace: 'Bakı',
        visibleInjuries: 'Sol qolda göyərmə',
        illTreatmentComplaints: 'Yoxdur',
        propertySummary: 'Saat, kəmər',
        familyMembers: [],
        emergencyContact: {
          name: 'Aynur Qəhrəmanova',
          relation: 'həyat yoldaşı',
          phone: '+994 50 765 43 21',
        },
        informationGivenInLanguage: true,
      },
      confirmedNotDuplicate: true,
    });
    expect(admitted.status, admitted.body).toBe(201);
    personId = (JSON.parse(admitted.body) as { id: string }).id;
    await signOut(page);
  });

  it('the nurse sees the screening due, is stopped on a blank form, completes it with a positive TB screen and sees the isolation alert', async () => {
    await signInInEnglish('demo.nurse');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: en.nav.screenings, exact: true })
      .first()
      .click();
    await h1(en.list.title).waitFor();
    const row = main().getByRole('row').filter({ hasText: newcomer.prisonNumber });
    await row.waitFor();
    // Due, said in words (ADM-1: 24 hours from admission), with the person linked to their page.
    await row.getByText(en.state.due, { exact: true }).waitFor();
    await row.getByRole('link', { name: `${newcomer.surname} ${newcomer.given}` }).waitFor();
    await check('list');

    await row.getByRole('link', { name: en.kinds.admission_screening }).click();
    await h1(en.kinds.admission_screening).waitFor();
    await check('task');
    await main().getByRole('button', { name: en.task.start, exact: true }).click();
    await page.waitForURL(/\/clinical\/screenings\/[^/]+$/);
    await main().getByRole('button', { name: en.form.complete, exact: true }).waitFor();
    screeningUrl = page.url();
    expect(screeningUrl).toMatch(/\/clinical\/screenings\/[^/]+$/);
    await check('form-blank');

    // ADM-2: every section blank; the problems are listed and the focus is on the first.
    await main().getByRole('button', { name: en.form.complete, exact: true }).click();
    await main().getByRole('alert').filter({ hasText: en.form.problemsTitle }).waitFor();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe('screening-healthNeeds-status');
    await check('form-problems');

    // Health needs and medication (ADM-2a, ADM-8).
    await assessed('healthNeeds');
    const needs = section('healthNeeds');
    await needs.getByLabel(en.fields.currentMedication).fill('Nothing regular');
    for (const field of [
      'onOpioidSubstitution',
      'onAntiretroviral',
      'onTbTreatment',
      'otherEssentialMedication',
    ] as const)
      await choose(needs, en.fields[field], en.no);

    // Injuries (ADM-4): one on the body chart, by keyboard, and the ill-treatment question.
    await assessed('injuries');
    const injuries = section('injuries');
    const arm = injuries.getByRole('button', {
      name: en.injuries.regionButton
        .replace('{{side}}', en.injuries.views.front)
        .replace('{{region}}', en.regions.arm_left)
        .replace('{{count}}', '0'),
    });
    await arm.focus();
    await page.keyboard.press('Enter');
    const injury = injuries.getByRole('group', { name: en.injuries.injury.replace('{{n}}', '1') });
    await injury.waitFor();
    await injury
      .getByLabel(new RegExp(`^${literal(en.injuries.description)}`))
      .fill('Bruise 3 × 2 cm, bluish, about two days old');
    await injury.getByLabel(en.injuries.personsAccount).fill('Says he fell on the stairs');
    await choose(injury, en.injuries.consistency, en.injuries.consistencies.consistent);
    await choose(injuries, en.injuries.illTreatment, en.injuries.illTreatments.denied);

    // Mental health (ADM-9).
    await assessed('mentalHealth');
    const mind = section('mentalHealth');
    await choose(mind, en.mentalHealth.suicideScreen, en.mentalHealth.screens.negative);
    await choose(mind, en.fields.previousSelfHarm, en.no);
    await choose(mind, en.mentalHealth.withdrawal, en.mentalHealth.withdrawals.none);

    // TB (ADM-6): cough and night sweats make TB presumptive; no X-ray here, with the reason.
    await assessed('tuberculosis');
    const tb = section('tuberculosis');
    for (const [field, answer] of [
      ['cough', en.yes],
      ['fever', en.no],
      ['nightSweats', en.yes],
      ['weightLoss', en.no],
      ['haemoptysis', en.no],
      ['contactWithTb', en.no],
    ] as const)
      await choose(tb, en.fields[field], answer);
    await choose(tb, en.tuberculosis.chestXray, en.tuberculosis.xrays.not_available);
    await tb.getByLabel(en.tuberculosis.chestXrayReason).fill('No X-ray unit on site until Monday');
    await tb.getByText(en.tuberculosis.presumptiveTitle).waitFor();

    // Blood-borne infections (ADM-7): offered, accepted or declined.
    await assessed('bloodBorne');
    const blood = section('bloodBorne');
    await choose(blood, en.bloodBorne.hiv, en.bloodBorne.offers.accepted);
    await choose(blood, en.bloodBorne.hepatitisB, en.bloodBorne.offers.declined);
    await choose(blood, en.bloodBorne.hepatitisC, en.bloodBorne.offers.accepted);
    await choose(blood, en.bloodBorne.sti, en.bloodBorne.offers.declined);

    // Fitness (ADM-10).
    await assessed('fitness');
    const fitness = section('fitness');
    await choose(fitness, en.fitness.work, en.fitness.results.fit);
    await choose(fitness, en.fitness.exercise, en.fitness.results.fit);
    await choose(fitness, en.fitness.activities, en.fitness.results.fit_with_restrictions);
    // A man's form has no women's section.
    expect(await section('women').count()).toBe(0);

    await main().getByRole('button', { name: en.form.saveDraft, exact: true }).click();
    await main()
      .getByText(new RegExp(`^${literal(en.form.saved.split('{{')[0] ?? '')}`))
      .waitFor();
    await check('form-filled');

    await main().getByRole('button', { name: en.form.complete, exact: true }).click();
    await main().getByText(en.status.completed, { exact: true }).waitFor();
    const result = main().getByRole('region', { name: en.result.title });
    await result
      .getByText(en.alerts.infection_control.replace('{{precaution}}', en.alerts.precautions.airborne))
      .waitFor();
    await result.getByRole('link', { name: en.kinds.tb_diagnostic }).waitFor();
    await check('completed');
    await signOut(page);
  });

  it('the doctor signs the completed screening, then amends it', async () => {
    await signInInEnglish('demo.doctor');
    await page.goto(screeningUrl);
    await h1(en.form.title).waitFor();
    await main().getByRole('button', { name: en.sign.button, exact: true }).click();
    await main().getByText(en.status.signed, { exact: true }).waitFor();
    await check('signed');

    await main().getByRole('button', { name: en.corrections.amend, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: en.corrections.amend });
    await dialog.waitFor();
    await dialog
      .getByLabel(new RegExp(`^${literal(en.corrections.reason)}`))
      .fill('X-ray done the next morning; adding its result');
    await dialog
      .getByLabel(new RegExp(`^${literal(en.corrections.text)}`))
      .fill('Chest X-ray on 29 November: abnormal, right upper zone. TB work-up continues.');
    await check('amend-dialog');
    await dialog.getByRole('button', { name: en.corrections.submit, exact: true }).click();
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    const record = main().getByRole('region', { name: en.corrections.title });
    await record.getByText(en.corrections.kinds.amendment, { exact: true }).waitFor();
    await record.getByText(/adding its result/).waitFor();
    await check('amended');

    // The medical record tab, and its history of readings (MED-1), paged in when asked for.
    const clinical = clinicalCatalogue();
    await page.goto(`${server.url}/registry/persons/${personId}?tab=medical-record`);
    await main()
      .getByRole('heading', { name: label(clinical, 'chart.vitals') ?? '' })
      .waitFor();
    await check('medical-record');
    await main()
      .getByRole('button', { name: label(clinical, 'history.show') ?? '', exact: true })
      .click();
    await main()
      .getByRole('radio', { name: label(clinical, 'history.labs') ?? '' })
      .waitFor({ state: 'attached' });
    await check('medical-record-history');
    await signOut(page);
  });

  it('the custodial officer sees only the health alert on the person page: no medical record, no diagnosis (MED-3)', async () => {
    await signInInEnglish('demo.officer');
    await page.goto(`${server.url}/registry/persons/${personId}`);
    await h1(fullName).waitFor();
    const clinical = clinicalCatalogue();
    const alertsTab = label(clinical, 'tabs.alerts');
    const recordTab = label(clinical, 'tabs.record');
    if (alertsTab) {
      // The health-alert tab of the person page (built by the clinical module).
      await main().getByRole('tab', { name: alertsTab }).click();
      await main()
        .getByText(/airborne/i)
        .first()
        .waitFor();
    }
    if (recordTab) expect(await main().getByRole('tab', { name: recordTab }).count()).toBe(0);
    await check('officer-person');
    const text = ((await main().textContent()) ?? '').toLowerCase();
    for (const word of ['tubercul', 'cough', 'night sweats', 'x-ray', 'bruise', 'screening'])
      expect(text, `the officer's page must not show "${word}"`).not.toContain(word);

    // And the server answers the same: the alert, nothing of the record.
    const alerts = await api('GET', `/api/v1/persons/${personId}/health-alerts`);
    expect(alerts.status).toBe(200);
    expect(JSON.parse(alerts.body).items).toContainEqual(
      expect.objectContaining({
        detail: { kind: 'infection_control', precaution: 'airborne' },
        active: true,
      }),
    );
    expect(alerts.body).not.toMatch(/tubercul|cough|encounter|ADM-6/i);
    expect((await api('GET', `/api/v1/persons/${personId}/chart`)).status).toBe(403);
  });
});
