/**
 * Restraint and seclusion in the browser (issue 6), as a ward uses it: the custodial officer starts
 * an emergency seclusion from the person's page; the board shows an episode started 20 minutes
 * earlier with its observation overdue, in red and in words (RST-6); the officer records an
 * observation in two presses; the doctor approves the emergency start (RST-2); the officer ends it
 * and records the debrief (RST-9); the governor finds it in the register and the monthly report
 * (RST-10, RST-15). axe-core runs on every page visited.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../web/src/modules/restraint/locales/en.json';
import {
  type Browser,
  chooseLanguage,
  expectNoSeriousA11yViolations,
  launchBrowser,
  type RunningServer,
  SIGN_OUT,
  signIn,
  signOut,
  startServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => page.getByRole('main');
const h1 = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });

async function signInInEnglish(username: string) {
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
    headers: { 'x-csrf-token': csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  return { status: response.status(), body: await response.text() };
}

const stamp = Date.now().toString(36).toUpperCase();
const people = [
  { surname: 'Nəzərov', given: 'Vüsal', prisonNumber: `RST-A-${stamp}`, id: '' },
  { surname: 'Səfərov', given: 'Orxan', prisonNumber: `RST-B-${stamp}`, id: '' },
];
let pilot1 = '';
let episodeUrl = '';

describe('restraint and seclusion in the browser', () => {
  it('set-up: the registry officer admits two people into PILOT-1', async () => {
    await page.goto(`${server.url}/`);
    await signInInEnglish('demo.registry-officer');
    const institutions = JSON.parse((await api('GET', '/api/v1/institutions')).body) as {
      items: { id: string; code: string }[];
    };
    pilot1 = institutions.items.find((i) => i.code === 'PILOT-1')?.id ?? '';
    for (const p of people) {
      const admittedAt = new Date(Date.now() - 5 * 3_600_000).toISOString();
      const res = await api('POST', '/api/v1/persons', {
        person: {
          surnameLatin: p.surname,
          givenNameLatin: p.given,
          birthDate: '1989-03-14',
          sex: 'male',
          citizenship: 'AZ',
          language: 'az',
          interpreterNeeded: false,
          prisonNumber: p.prisonNumber,
        },
        admission: {
          institutionId: pilot1,
          admittedAt,
          commitmentOrderReference: `QƏR-${p.prisonNumber}`,
          issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
          legalBasis: 'CM 177.2',
          legalStatus: 'remand',
          arrestedAt: new Date(Date.parse(admittedAt) - 24 * 3_600_000).toISOString(),
          arrestPlace: 'Bakı',
          visibleInjuries: 'Yoxdur',
          illTreatmentComplaints: 'Yoxdur',
          propertySummary: 'Saat',
          familyMembers: [],
          emergencyContact: { name: 'Aynur Nəzərova', relation: 'bacı', phone: '+994 50 111 22 33' },
          informationGivenInLanguage: true,
        },
        confirmedNotDuplicate: true,
      });
      expect(res.status, res.body).toBe(201);
      p.id = (JSON.parse(res.body) as { id: string }).id;
    }
    await signOut(page);
  });

  it('the officer starts an emergency seclusion from the person page', async () => {
    await signInInEnglish('demo.officer');
    await page.goto(`${server.url}/registry/persons/${people[0]?.id}?tab=restraint`);
    await main().getByRole('link', { name: en.board.start }).click();
    await h1(en.start.title).waitFor();
    await main().getByText(`${people[0]?.surname} ${people[0]?.given}`, { exact: false }).first().waitFor();
    await main().getByRole('checkbox', { name: en.types.seclusion, exact: true }).check();
    const room = main().getByLabel(en.start.room);
    await expect.poll(async () => (await room.locator('option').count()) > 1).toBe(true);
    const safe = await room.evaluate(
      (select) => [...(select as HTMLSelectElement).options].find((o) => o.text.includes('(safe)'))?.value,
    );
    await room.selectOption(safe ?? { index: 1 });
    await main().getByLabel(en.start.harm).selectOption('harm_to_others');
    await main().getByLabel(en.start.harmDescription).fill('Threatening two officers with a broken tray');
    await main().getByRole('checkbox', { name: en.measures.verbal_de_escalation }).check();
    await main()
      .getByLabel(en.start.lessRestrictiveDescription)
      .fill('Twenty minutes of talking; quiet room offered');
    await main().getByLabel(en.start.preferences).fill('Asks not to be held down');
    const applied = main().getByLabel(en.start.appliedBy);
    await expect.poll(async () => (await applied.locator('option').count()) > 2).toBe(true);
    await applied.selectOption({ index: 1 });
    await main().getByLabel(en.start.supervisor).selectOption({ index: 2 });
    await main().getByLabel(en.start.supervisionPosition).selectOption('doorway'); // RST-5
    await expectNoSeriousA11yViolations(page);
    await main().getByRole('button', { name: en.start.submit, exact: true }).click();
    await page.waitForURL(/\/restraint\/episodes\/[^/]+$/);
    episodeUrl = page.url();
    await h1(en.episode.title).waitFor();
    await main().getByText(en.prompt.awaitingApproval).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('the board shows an episode started 20 minutes ago with its observation overdue in red, and an observation takes two presses', async () => {
    // An episode typed in after the fact (RST-1: up to 2 hours later, with the reason).
    const staff = JSON.parse((await api('GET', `/api/v1/staff?institutionId=${pilot1}&limit=5`)).body) as {
      items: { id: string }[];
    };
    const detail = JSON.parse((await api('GET', `/api/v1/institutions/${pilot1}`)).body) as {
      units: { cells: { id: string; cellType: string }[] }[];
    };
    const cell = detail.units.flatMap((u) => u.cells).filter((c) => c.cellType === 'safe')[1];
    const late = await api('POST', `/api/v1/persons/${people[1]?.id}/restraint-episodes`, {
      types: ['seclusion'],
      cellId: cell?.id,
      inViewOfOthers: false,
      startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      lateEntryReason: 'Both officers were needed at the door',
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
    expect(late.status, late.body).toBe(201);

    await page.getByRole('navigation').getByRole('link', { name: en.nav.board, exact: true }).first().click();
    await h1(en.board.title).waitFor();
    const lateRow = main()
      .getByRole('row')
      .filter({ hasText: people[1]?.prisonNumber ?? '' });
    const overdue = lateRow.getByText(/Observation: OVERDUE by/);
    await overdue.waitFor();
    expect(await overdue.evaluate((el) => el.closest('[data-state]')?.getAttribute('data-state'))).toBe(
      'red',
    );
    await expectNoSeriousA11yViolations(page);

    const name = `${people[0]?.surname} ${people[0]?.given}`;
    await main()
      .getByRole('button', { name: `${en.board.observe}: ${name}` })
      .click();
    const save = page.getByRole('dialog').getByRole('button', { name: en.observation.save });
    await expect.poll(() => save.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await main().getByText(en.observation.saved).waitFor();
    await signOut(page);
  });

  it('the doctor approves the emergency start', async () => {
    await signInInEnglish('demo.doctor');
    await page.goto(episodeUrl);
    await h1(en.episode.title).waitFor();
    await main().getByRole('button', { name: en.episode.approve }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(en.start.assessment).fill('Seen at the door: acute agitation, risk to others');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: en.episode.actions }).click();
    await main().getByText(en.episode.recorded).waitFor();
    expect(await main().getByText(en.prompt.awaitingApproval).count()).toBe(0);
    await signOut(page);
  });

  it('the officer ends it and records the debrief with the person', async () => {
    await signInInEnglish('demo.officer');
    await page.goto(episodeUrl);
    await main().getByRole('button', { name: en.episode.end, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(en.episode.reason).selectOption('no_longer_needed');
    await dialog.getByRole('button', { name: en.episode.actions }).click();
    await main().getByText(en.episode.recorded).waitFor();
    await main().getByText(en.episode.closed, { exact: true }).first().waitFor();
    await main().getByRole('button', { name: en.episode.debriefPerson }).click();
    await page
      .getByRole('dialog')
      .getByLabel(en.episode.text)
      .fill('Talked it through; the noise set him off');
    await page.getByRole('dialog').getByRole('button', { name: en.episode.actions }).click();
    await main().getByText(en.episode.recorded).waitFor();
    await main().getByText(en.episode.kinds.debrief_person).first().waitFor();
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  });

  it('the governor finds it in the register and in the monthly report', async () => {
    await signInInEnglish('demo.governor');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: en.nav.register, exact: true })
      .first()
      .click();
    await h1(en.register.title).waitFor();
    const episodeId = episodeUrl.split('/').at(-1) ?? '';
    await main().locator(`a[href$="${episodeId}"]`).first().waitFor();
    await main().getByRole('link', { name: en.register.csv }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: en.nav.reports, exact: true })
      .first()
      .click();
    await h1(en.report.title).waitFor();
    const total = main()
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: en.report.total }) });
    await total.waitFor();
    const episodes = (await total.getByRole('cell').first().textContent())?.trim() ?? '';
    // DAT-6: the governor reads the report from outside the health service, so a count from 1 to 4
    // is not shown, and the page says why; a larger count is shown as it is.
    if (/^\d+$/.test(episodes)) expect(Number(episodes)).toBeGreaterThanOrEqual(5);
    else {
      expect(episodes).toBe('•');
      await main()
        .getByText(/Counts from 1 to 4, and the counts from which they could be worked out/)
        .waitFor();
    }
    await expectNoSeriousA11yViolations(page);
  });
});
