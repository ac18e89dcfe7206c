/**
 * Medication orders (issue 15 items 2 and 7; ADR 0045): demo.nurse records a doctor's verbal
 * (telephone) order from the person's medication tab; demo.doctor follows the worklist line to the
 * orders page and countersigns it; the prescription letter for release (the registry's planned date,
 * ADR 0055) downloads as a PDF. axe-core
 * runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enMedication as en } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { bakuWallTime, PrescribeForm } from './pages/medication.ts';
import { PersonPage } from './pages/person.ts';
import { fillIn } from './pages/shell.ts';
import { Worklist } from './pages/worklist.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const stamp = Date.now().toString(36).toUpperCase();
const person = { surname: 'Nəsirov', given: 'Vüsal', prisonNumber: `ORD-${stamp}`, id: '' };
const name = `${person.surname} ${person.given}`;
const drug = 'Isoniazid 300 mg';

describe('medication orders: a verbal order countersigned, the release letter', () => {
  test('set-up: the registry officer admits a person into PILOT-1', async ({ api, shell, signedInAs }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    person.id = await admitThroughApi(api, pilot1, {
      surname: person.surname,
      given: person.given,
      birthDate: '1990-04-12',
      prisonNumber: person.prisonNumber,
      admittedAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-${person.prisonNumber}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aygün Nəsirova', relation: 'ana', phone: '+994 50 333 44 55' },
    });
    // ADR 0055: the planned release date is the registry's (ADR 0050), a week ahead.
    const inAWeek = bakuWallTime(new Date(Date.now() + 7 * 86_400_000)).slice(0, 10);
    expect(
      (await api.put(`/api/v1/persons/${person.id}/planned-release`, { plannedReleaseDate: inAWeek })).status,
    ).toBe(204);
    await shell.signOut();
  });

  test('demo.nurse records demo.doctor’s verbal order from the person’s medication tab', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await new PersonPage(shell).open(person.id, 'medication');
    await shell.main.getByText(en.person.none).waitFor();
    await shell.main.getByRole('link', { name: en.orders.verbal.record }).click();
    await shell.h1(en.orders.verbal.title, { exact: true }).waitFor();
    const form = new PrescribeForm(shell);
    // Nothing is pre-filled: saving at once is refused in words.
    await shell.main.getByRole('button', { name: en.orders.verbal.save }).click();
    await shell.main.getByText(en.prescribe.checkFields).first().waitFor();
    await form.field(en.orders.verbal.orderedBy).fill('demo.nurse');
    await form.fill({
      drug,
      dose: '1',
      unit: en.units.tablet,
      time: '08:00',
      startAt: bakuWallTime(new Date(Date.now() - 3_600_000)),
      indication: 'TB preventive therapy (telephone order)',
    });
    await checkPage(page, 'medication-verbal-order');
    // A nurse is not a prescriber: the server refuses her name on the field.
    await shell.main.getByRole('button', { name: en.orders.verbal.save }).click();
    await shell.main.getByText(en.errors.orderer_not_prescriber).waitFor();
    await form.field(en.orders.verbal.orderedBy).fill('demo.doctor');
    await shell.main.getByRole('button', { name: en.orders.verbal.save }).click();
    await shell.main.getByRole('table', { name: en.person.caption }).getByText(drug).first().waitFor();
    await checkPage(page, 'medication-verbal-order-recorded');
    await shell.signOut();
  });

  test('demo.doctor countersigns it from the worklist; the release letter downloads as PDF', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    const group = new Worklist(shell).group(new RegExp(en.worklist.verbal_order_countersign));
    await group.waitFor();
    await group.getByRole('link', { name: new RegExp(`${name}.*${drug.split(' ')[0]}`) }).click();
    await shell.h1(en.orders.title, { exact: true }).waitFor();
    // MDX-5: the demo's in-possession supply whose review date is today is listed to review.
    await shell.main.getByRole('heading', { name: en.orders.possessionReview.title }).waitFor();
    await shell.main
      .getByRole('link', { name: new RegExp(`^${en.orders.possessionReview.open.split('{{')[0]}`) })
      .first()
      .waitFor();
    await checkPage(page, 'medication-orders');
    await shell.main
      .getByRole('button', { name: fillIn(en.orders.countersign.signFor, { name, drug }) })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: fillIn(en.orders.countersign.signed, { drug }) })
      .waitFor();
    expect(
      await shell.main
        .getByRole('button', { name: fillIn(en.orders.countersign.signFor, { name, drug }) })
        .count(),
    ).toBe(0);
    await checkPage(page, 'medication-orders-signed');

    // The release: the registry's date (ADR 0055), linked from the person's tab; then the letter in English.
    await new PersonPage(shell).open(person.id, 'medication');
    await shell.main.getByRole('link', { name: en.orders.release.registryLink }).waitFor();
    await checkPage(page, 'medication-person-release');
    const href = await shell.main
      .getByRole('link', { name: en.orders.release.letterIn.en })
      .getAttribute('href');
    const pdf = await page.evaluate(async (url) => {
      const response = await fetch(url ?? '');
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, href);
    expect(pdf).toMatchObject({
      status: 200,
      type: expect.stringContaining('application/pdf'),
      head: '%PDF-',
    });
    // The letter is prepared: the orders page says so.
    await shell.goto('/medication/orders');
    await shell.main.getByText(en.orders.release.prepared, { exact: true }).first().waitFor();
    // The demo's release whose date the registry moved after its letter: prepare it again.
    await shell.main
      .getByText(en.orders.release.outdated.split('{{')[0] as string)
      .first()
      .waitFor();
    await checkPage(page, 'medication-orders-release');
    const orders = (await api.get('/api/v1/medication/orders')).json<{
      countersignatures: { personId: string }[];
    }>();
    expect(orders.countersignatures.some((c) => c.personId === person.id)).toBe(false);
  });

  test('demo.doctor opens the reconciliation of an arrival; the health manager the institution’s settings', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    // The arrival of the person admitted above opened it (due today); its worklist group is there.
    await new Worklist(shell).group(new RegExp(en.worklist.medication_reconciliation)).waitFor();
    const orders = (await api.get('/api/v1/medication/orders')).json<{
      reconciliations: { id: string; personId: string }[];
    }>();
    const task = orders.reconciliations.find((r) => r.personId === person.id);
    await shell.goto(`/medication/reconciliations/${encodeURIComponent(task?.id ?? '')}`);
    await shell.h1(en.orders.reconcile.pageTitle, { exact: true }).waitFor();
    // Nothing is pre-chosen: completing at once asks for a decision on each prescription.
    await shell.main.getByRole('button', { name: en.orders.reconcile.complete }).click();
    await shell.main.getByRole('alert').filter({ hasText: en.orders.reconcile.choose }).waitFor();
    await checkPage(page, 'medication-reconcile');
    await shell.signOut();

    await signedInAs('health-manager', 'en');
    await shell.navigate(en.nav.settings, en.orders.settings.title, { exact: true });
    await shell.main.getByRole('switch', { name: en.orders.settings.feldsher }).waitFor();
    await checkPage(page, 'medication-settings');
  });
});
