/**
 * Chlamydia and gonorrhoea by risk and the hepatitis C referral letter in the browser (issue 16 item 4;
 * ADM-7, WOM-3, BBV-3; ADR 0054): a nurse records the STI risk assessment of a young person on the
 * programme tab (the tests accepted, the NAAT ordered); the doctor finds the referral letter links in
 * the hepatitis C part once a release is planned, and the link gives a PDF. axe-core runs on every
 * page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enProgrammes as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { ProgrammePages, todayInBaku } from './pages/programmes.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let person = '';
let episode = '';

describe('STI by risk and the hepatitis C letter in the browser', () => {
  test('setup: a young person admitted (the STI risk assessment opens) with a planned release', async ({
    api,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const stamp = Date.now().toString(36).toUpperCase();
    person = await admitThroughApi(api, pilot1, {
      surname: 'Gəncəliyev',
      given: 'Rəşad',
      birthDate: '2004-02-11',
      prisonNumber: `STI-${stamp}`,
      admittedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-STI-${stamp}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Leyla Əliyeva', relation: 'ana', phone: '+994 50 555 13 13' },
    });
    const release = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await api.put(`/api/v1/persons/${person}/planned-release`, { plannedReleaseDate: release })).status,
    ).toBe(204);
  });

  test('ADM-7, WOM-3: the nurse records the STI risk assessment: young age from the record, symptoms asked, the NAAT accepted', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(person, 'programmes');
    await shell.main.getByRole('heading', { name: en.sti.title }).waitFor();
    await shell.main.getByTestId('sti-pending').waitFor();
    await shell.main.getByText(en.sti.risks.under_age).first().waitFor();
    await checkPage(page, 'sti-pending');
    const pages = new ProgrammePages(shell);
    const form = pages.form(en.sti.form.title);
    await form.getByLabel(en.sti.risks.symptoms).check();
    await pages.choose(form, en.sti.form.decision, 'accepted');
    await form.getByLabel(en.bbv.offer.preTestCounselling).check();
    await form.getByLabel(en.bbv.tests.ct_naat).check();
    await form.getByLabel(en.bbv.tests.ng_naat).check();
    await form.getByRole('button', { name: en.sti.form.submit }).click();
    const history = shell.main.getByTestId('sti-assessments');
    await history.getByText(en.sti.decisions.accepted, { exact: true }).waitFor();
    await shell.main.getByTestId('bbv-tests').getByText(en.bbv.tests.ct_naat, { exact: true }).waitFor();
    await checkPage(page, 'sti-assessed');

    // The hepatitis C results of the same person, through the API (the browser story is in bbv.test.ts).
    const offer = await api.post(`/api/v1/persons/${person}/bbv-offers`, {
      offeredOn: todayInBaku(),
      decision: 'accepted',
      tests: ['hcv_ab'],
      preTestCounselling: true,
    });
    const [ab] = offer.json<{ testIds: string[] }>().testIds;
    await api.post(`/api/v1/bbv-tests/${ab}/result`, { resultOn: todayInBaku(), result: 'reactive' });
    const rna = await api.post(`/api/v1/persons/${person}/bbv-tests`, {
      test: 'hcv_rna',
      sampleOn: todayInBaku(),
    });
    const res = await api.post(`/api/v1/bbv-tests/${rna.json<{ id: string }>().id}/result`, {
      resultOn: todayInBaku(),
      result: 'detected',
    });
    episode = res.json<{ episodeId: string }>().episodeId;
    expect(episode).toBeTruthy();
  });

  test('BBV-3: the doctor starts DAA and finds the referral letter links in the hepatitis C part; the link gives a PDF', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    expect(
      (
        await api.post(`/api/v1/bbv-episodes/${episode}/treatment`, {
          regimenCode: 'sof_vel_12w',
          startOn: todayInBaku(),
        })
      ).status,
    ).toBe(200);
    await new PersonPage(shell).open(person, 'programmes');
    const letter = shell.main.getByTestId('bbv-episode-hcv').getByTestId('hcv-letter');
    await letter.waitFor();
    await checkPage(page, 'hcv-letter');
    const href = (await letter
      .getByRole('link', { name: en.bbv.letter.in.ru })
      .getAttribute('href')) as string;
    expect(href).toContain('language=ru');
    const pdf = await api.get(href);
    expect(pdf.status).toBe(200);
    expect(pdf.body.startsWith('%PDF')).toBe(true);
  });
});
