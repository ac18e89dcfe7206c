/**
 * The registry's planned release date and what hangs on it (ADR 0050), in the browser: the registry
 * officer records the planned release on the person page; the nurse then finds the TB screening at
 * release on the worklist (PHC-9); a positive screen puts the person under airborne isolation, and
 * the registry officer's placement in a shared cell is refused in words, then recorded with the
 * reason the dialog offers (ADM-6). axe-core runs on every page visited.
 */
import { describe } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enRegistry as en, enProgrammes } from './locales.ts';
import { admitThroughApi, institutionId } from './pages/admission.ts';
import { PersonPage } from './pages/person.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let person = '';
let sharedCell = '';
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Baku' });

describe('the planned release date, the TB screening at release and the placement guard', () => {
  test('the registry officer records the planned release date on the person page', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    const pilot1 = await institutionId(api, 'PILOT-1');
    const stamp = Date.now().toString(36).toUpperCase();
    person = await admitThroughApi(api, pilot1, {
      surname: 'Azadolov',
      given: 'Rəşad',
      birthDate: '1984-06-02',
      prisonNumber: `REL-${stamp}`,
      admittedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      arrestedHoursBefore: 24,
      commitmentOrderReference: `QƏR-REL-${stamp}`,
      visibleInjuries: 'Yoxdur',
      propertySummary: 'Saat',
      emergencyContact: { name: 'Aygün Quliyeva', relation: 'bacı', phone: '+994 50 555 12 12' },
    });
    const detail = (await api.get(`/api/v1/institutions/${pilot1}`)).json<{
      units: { cells: { id: string; cellType: string; occupants: number; certifiedCapacity: number }[] }[];
    }>();
    sharedCell =
      detail.units
        .flatMap((u) => u.cells)
        // A shared ordinary cell with room: people already in it (the empty ones are left to the
        // files that need a cell of their own, e.g. the contact list of e2e/programmes.test.ts).
        .find((c) => c.cellType === 'ordinary' && c.occupants > 0 && c.occupants < c.certifiedCapacity)?.id ??
      '';
    if (!sharedCell) throw new Error('the demo institution has no shared ordinary cell with room');
    await new PersonPage(shell).open(person);
    await shell.main.getByRole('button', { name: en.person.plannedReleaseChange }).click();
    await shell.main.getByLabel(en.person.plannedRelease).fill(today());
    await shell.main.getByRole('button', { name: en.person.plannedReleaseSave }).click();
    await shell.main.getByText(en.person.plannedReleaseSaved).waitFor();
    await checkPage(page, 'registry-planned-release');
  });

  test('PHC-9: the nurse finds the TB screening at release on the worklist, and records a positive screen', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('nurse', 'en');
    await shell.main
      .getByRole('region', { name: new RegExp(`^${enProgrammes.worklist.tb_release_screen}`) })
      .waitFor();
    await checkPage(page, 'worklist-release-screen');
    const res = await api.post(`/api/v1/persons/${person}/tb-screens`, {
      method: 'symptom',
      occasion: 'release',
      screenedOn: today(),
      result: 'positive',
      cough2Weeks: true,
    });
    if (res.status !== 201) throw new Error(`screen: ${res.status}`);
  });

  test('ADM-6: the placement in a shared cell is refused in words, then recorded with the reason', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('registry-officer', 'en');
    await new PersonPage(shell).open(person);
    await shell.main.getByRole('button', { name: en.actions.placement }).click();
    const dialog = page.getByRole('dialog', { name: en.actions.placement });
    await dialog.getByLabel(new RegExp(`^${en.actionForms.cell}`)).selectOption(sharedCell);
    await dialog.getByRole('button', { name: en.actionForms.submit }).click();
    await dialog.getByText(enProgrammes.errors.airborne_isolation_shared_cell).waitFor();
    await checkPage(page, 'registry-placement-guard');
    await dialog
      .getByLabel(new RegExp(`^${en.actionForms.placementGuardReason}`))
      .fill('Isolation room under repair; the doctor agreed');
    await dialog.getByRole('button', { name: en.actionForms.submit }).click();
    await shell.main.getByText(`Recorded: ${en.eventTypes.placement}.`).waitFor();
  });
});
