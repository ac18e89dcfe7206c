/**
 * Injuries in the browser (issue 18 items 1–3, 7–8): an officer reports a use of force; the doctor,
 * sent from the incident's examination to the form (`?context=after_use_of_force&source=…`), documents an injury with the keyboard alternative to the body
 * chart (INJ-1 … INJ-3, MED-4), records the person's consent and adds a photograph with a scale in
 * the frame (INJ-2), and the system produces the report to the prosecutor and registers its dispatch
 * (INJ-4); the governor sees on the register page only that a report was sent. axe-core runs on
 * every page visited.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enInjuries as en, enForce } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';
import { field } from './pages/shell.ts';

const PNG = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'injury.png');

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

describe('injuries in the browser', () => {
  test('INJ-1 … INJ-4: the doctor documents injuries with a photograph and the system produces the prosecutor report', async ({
    page,
    shell,
    api,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const prisonNumber = `INJ-${Date.now().toString(36).toUpperCase()}`;
    const personId = await admitThroughApi(api, pilot1, {
      surname: 'Qasımov',
      given: 'Rəşad',
      birthDate: '1990-03-14',
      prisonNumber,
      admittedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${prisonNumber}`,
      visibleInjuries: 'Döşdə qançır',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aynur Qasımova', relation: 'bacı', phone: '+994 50 333 44 55' },
    });

    // An officer reports a use of force on the person (the form itself: e2e/force.test.ts).
    await signedInAs('officer', 'en');
    const staff = (await api.get(`/api/v1/staff?institutionId=${pilot1}&limit=200`)).json<{
      items: { id: string }[];
    }>().items;
    const filed = await api.post('/api/v1/force/incidents', {
      occurredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      institutionId: pilot1,
      placeNote: 'Search room',
      personIds: [personId],
      staffIds: [staff[0]?.id],
      account: {
        staffId: staff[0]?.id,
        types: ['physical_hold'],
        reason: 'refusal_of_lawful_order',
        narrative: 'He refused the search and struck out; two of us held him against the wall.',
        durationMinutes: 2,
        deEscalationTried: true,
        deEscalation: 'Asked him three times to stand still.',
        injuriesToStaff: 'no',
        injuriesToPerson: 'unknown',
        witnesses: 'Officer at the door',
      },
    });
    expect(filed.status, filed.body).toBe(201);
    const incidentId = filed.json<{ id: string }>().id;

    await signedInAs('doctor', 'en');
    await new PersonPage(shell).open(personId, 'injuries');
    await shell.main.getByText(en.person.none).waitFor();
    await checkPage(page, 'injuries-person-tab');

    // RST-11: the examination after force is due; the incident page sends the doctor to the form.
    await shell.goto(`/force/incidents/${incidentId}`);
    await shell.main.getByRole('link', { name: new RegExp(enForce.exam.documentInjuries) }).click();
    await shell.h1(en.new.title, { exact: true }).waitFor();
    const main = shell.main;
    await expect.poll(() => field(main, en.record.context).inputValue()).toBe('after_use_of_force');
    await field(main, en.record.personsPresent).fill('The doctor only');
    await main.getByRole('radiogroup', { name: en.record.outOfHearingAndSight }).getByLabel(en.yes).check();
    await field(main, en.record.accountText).fill('Says officers hit him in the chest during the search');
    await main.getByRole('radiogroup', { name: en.record.allegation }).getByLabel(en.yes).check();
    await field(main, en.record.who).fill('Two officers of the search team');
    await field(main, en.record.how).fill('Punched twice in the chest');
    // The keyboard alternative to clicking the body chart: add a lesion, choose its view and region.
    await main.getByRole('button', { name: en.new.addLesion }).click();
    await main.getByLabel('Region of lesion 1').selectOption('chest');
    await main.getByLabel('Type of lesion 1').selectOption('bruise');
    await main.getByLabel('Length of lesion 1 in cm').fill('5');
    await main.getByLabel('Colour of lesion 1').fill('red-purple');
    await main.getByLabel('Estimated age of lesion 1').selectOption('under_24h');
    await field(main, en.record.conclusionLabel).selectOption('highly_consistent');
    await field(main, en.record.cause).selectOption('staff_force');
    await checkPage(page, 'injuries-new-record');
    await main.getByRole('button', { name: en.new.sign }).click();
    await shell.h1(en.record.title, { exact: true }).waitFor();
    await main.getByText(en.reportStates.due).first().waitFor();
    await main.getByText('Punched twice in the chest', { exact: false }).first().waitFor();

    // INJ-2: consent, then a photograph with the scale in frame; its SHA-256 is shown.
    await main
      .getByRole('radiogroup', { name: en.photos.consentQuestion })
      .getByLabel(en.photos.given)
      .check();
    await main.getByRole('button', { name: en.photos.saveConsent }).click();
    await main.getByText(en.photos.consent_given.split(' (')[0] as string).waitFor();
    await main.locator('input[type="file"]').setInputFiles(PNG);
    await main.getByLabel(en.photos.scaleInFrame).check();
    await main.getByRole('button', { name: en.photos.upload }).click();
    await main.getByText('SHA-256:').first().waitFor();
    await checkPage(page, 'injuries-record');

    // INJ-4: the report to the prosecutor, produced as a PDF, and its dispatch registered.
    const recordId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const pdf = await page.request.get(
      `${shell.server.url}/api/v1/injuries/records/${recordId}/report.pdf?recipientKind=prosecutor`,
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const dispatch = main.getByRole('form', { name: en.report.dispatch });
    await field(dispatch, en.report.recipient).selectOption('prosecutor');
    await field(dispatch, en.report.channel).selectOption('secure_electronic');
    await field(dispatch, en.report.reference).fill(`PR-${prisonNumber}`);
    await dispatch.getByLabel(en.report.personInformed).check();
    await dispatch.getByRole('button', { name: en.report.register }).click();
    await main.getByText(`reference PR-${prisonNumber}`, { exact: false }).waitFor();
    await main.getByText(en.reportStates.sent_in_time).first().waitFor();

    // INJ-4: a withdrawal is refused in words.
    await main.getByRole('button', { name: en.report.withdraw }).click();
    await main.getByText(en.errors.report_withdrawal_refused).waitFor();
    await checkPage(page, 'injuries-record-reported');

    // RST-11: the record answered the examination after force, in the same transaction.
    await shell.goto(`/force/incidents/${incidentId}`);
    await shell.main.getByText(enForce.examState.done).first().waitFor();
    await shell.main.getByRole('link', { name: enForce.exam.injuryRecord }).click();
    await shell.h1(en.record.title, { exact: true }).waitFor();

    // The governor sees that a report was sent, never the record.
    await signedInAs('governor', 'en');
    await shell.goto('/injuries/register');
    await shell.h1(en.register.title, { exact: true }).waitFor();
    await main.getByText(`PR-${prisonNumber}`).waitFor();
    expect(await main.getByText('Punched twice').count()).toBe(0);
    await checkPage(page, 'injuries-register-governor');

    await signedInAs('health-manager', 'en');
    await shell.goto('/injuries/recipients');
    await shell.h1(en.recipients.title, { exact: true }).waitFor();
    await checkPage(page, 'injuries-recipients');
  });
});
