/**
 * HIV, hepatitis and syphilis tests in the browser (issue 16 item 4; BBV-1, BBV-3; ADR 0048): a nurse
 * offers the tests at entry on the person's programme tab (pre-test counselling recorded), records a
 * reactive hepatitis C antibody and a detected RNA (the episode opens); the doctor sees the hepatitis C
 * cascade count it. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enProgrammes as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { ProgrammePages, todayInBaku } from './pages/programmes.ts';
import { field } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let person = '';

describe('blood-borne infections in the browser', () => {
  test('setup: a person admitted (the entry offer opens)', async ({ api, signedInAs }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const stamp = Date.now().toString(36).toUpperCase();
    person = await admitThroughApi(api, pilot1, {
      surname: 'Qanlıyev',
      given: 'Elçin',
      birthDate: '1981-07-02',
      prisonNumber: `BBV-${stamp}`,
      admittedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-BBV-${stamp}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aygün Quliyeva', relation: 'bacı', phone: '+994 50 555 12 12' },
    });
  });

  test('BBV-1, BBV-3: the nurse offers the tests and records a reactive HCV antibody and a detected RNA', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(person, 'programmes');
    await shell.main.getByRole('heading', { name: en.bbv.title }).waitFor();
    await shell.main.getByTestId('bbv-pending-offer').waitFor();
    await checkPage(page, 'bbv-offer-pending');
    const pages = new ProgrammePages(shell);
    const offer = pages.form(en.bbv.offer.title);
    await pages.choose(offer, en.bbv.offer.decision, 'accepted');
    await offer.getByLabel(en.bbv.offer.preTestCounselling).check();
    await offer.getByLabel(en.bbv.tests.hcv_ab).check();
    await offer.getByLabel(en.bbv.tests.hiv).check();
    await offer.getByRole('button', { name: en.bbv.offer.submit }).click();
    const tests = shell.main.getByTestId('bbv-tests');
    await tests.getByText(en.bbv.tests.hcv_ab, { exact: true }).waitFor();

    const result = pages.form(en.bbv.resultTitle);
    const recordResult = async (testWord: string, answer: string) => {
      const select = field(result, en.bbv.order.test);
      const option = select.locator('option', { hasText: testWord }).first();
      await select.selectOption((await option.getAttribute('value')) as string);
      await field(result, en.bbv.resultOn).fill(todayInBaku());
      await field(result, en.bbv.result).selectOption(answer);
      await result.getByRole('button', { name: en.bbv.resultSubmit }).click();
    };
    await recordResult(en.bbv.tests.hcv_ab, 'reactive');
    await tests.getByText(en.bbv.results.reactive, { exact: true }).waitFor();

    const order = pages.form(en.bbv.order.title);
    await pages.choose(order, en.bbv.order.test, 'hcv_rna');
    await order.getByRole('button', { name: en.bbv.order.submit }).click();
    await tests.getByText(en.bbv.tests.hcv_rna, { exact: true }).waitFor();
    await recordResult(en.bbv.tests.hcv_rna, 'detected');
    await tests.getByText(en.bbv.results.detected, { exact: true }).waitFor();
    await checkPage(page, 'bbv-results');
  });

  test('the doctor sees the hepatitis C episode and the cascade counts it', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    await new PersonPage(shell).open(person, 'programmes');
    await shell.main.getByTestId('bbv-episode-hcv').waitFor();
    await checkPage(page, 'bbv-episode');
    await shell.goto('/bbv/cascade');
    await shell.h1(en.cascade.title).waitFor();
    const viraemic = shell.main
      .getByTestId('cascade-hcv')
      .getByRole('row', { name: new RegExp(`^${en.cascade.steps.hcv.viraemic.replace(/[()]/g, '\\$&')}`) })
      .getByRole('cell')
      .first();
    await expect.poll(async () => Number(await viraemic.textContent())).toBeGreaterThanOrEqual(1);
    await shell.main.getByText(en.cascade.definitions.hcv.cured).waitFor();
    await checkPage(page, 'bbv-cascade');
  });
});
