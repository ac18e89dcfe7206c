/**
 * The structure of a prison in the browser (issue 4; ADR 0009): the governor of PILOT-1 sees the
 * name of their one institution in the shell (no switcher), adds a unit and a cell to their prison
 * — a small cell is flagged at once (RES-8) — and opens the staff directory; the registry officer,
 * who works in three prisons, chooses one in the switcher and the admission form starts from it.
 * In Azerbaijani, the default language. axe-core runs on every page and dialog visited.
 */
import { describe, expect } from 'vitest';
import { testOnFreshServer as test } from './fixtures.ts';
import { expectNoSeriousA11yViolations } from './harness.ts';
import { azRegistry as az, azCommon } from './locales.ts';
import { field, fillIn, literal } from './pages/shell.ts';
import { SignInPage } from './pages/sign-in.ts';

test.beforeAll(async ({ shell }) => {
  await shell.goto('/');
});

const PILOT_1 = 'PILOT-1 · 1 nömrəli Cəzaçəkmə Müəssisəsi';

describe('the governor', () => {
  test('adds a unit and a cell to their prison, and reads the staff directory', async ({ page, shell }) => {
    await new SignInPage(shell).signIn('demo.governor');
    await shell.h1(azCommon.home.title, { exact: true }).waitFor();
    // One institution: its name in the shell, no switcher.
    await shell.nav.getByText(PILOT_1, { exact: true }).waitFor();
    expect(await shell.nav.getByRole('combobox').count()).toBe(0);

    await shell.nav.getByRole('link', { name: az.nav.institutions, exact: true }).click();
    await shell.h1(az.institutions.title, { exact: true }).waitFor();
    // Adding an institution is the administrator's (ADR 0009).
    expect(await shell.main.getByRole('button', { name: az.structure.addInstitution }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);

    await shell.main.getByRole('link', { name: 'PILOT-1', exact: true }).click();
    await shell.h1(PILOT_1, { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);

    // A unit.
    await shell.main.getByRole('button', { name: az.structure.addUnit, exact: true }).click();
    const unitDialog = page.getByRole('dialog', {
      name: fillIn(az.structure.addUnitTo, { institution: 'PILOT-1' }),
    });
    await unitDialog.waitFor();
    await field(unitDialog, az.structure.unitCode).fill('E2E');
    await field(unitDialog, az.structure.unitName).fill('Sınaq bloku');
    await expectNoSeriousA11yViolations(page);
    await unitDialog.getByRole('button', { name: az.structure.save, exact: true }).click();
    await shell.main.getByText(fillIn(az.structure.saved, { what: az.structure.unit })).waitFor();
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    await shell.main.getByRole('heading', { level: 2, name: 'E2E · Sınaq bloku' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    // A cell in it: 7 m² for two people is under 4 m² each, flagged at once (RES-8).
    await shell.main
      .getByRole('button', {
        name: `${az.structure.addCell} ${fillIn(az.structure.toUnit, { unit: 'E2E' })}`,
        exact: true,
      })
      .click();
    const cellDialog = page.getByRole('dialog', {
      name: fillIn(az.structure.addCellTo, { unit: 'E2E · Sınaq bloku' }),
    });
    await cellDialog.waitFor();
    // An area of 0 is refused before anything is sent.
    await field(cellDialog, az.structure.cellCode).fill('E2E-001');
    await field(cellDialog, az.space.capacity).fill('2');
    await field(cellDialog, az.space.area).fill('0');
    await cellDialog.getByRole('button', { name: az.structure.save, exact: true }).click();
    await cellDialog.getByText(az.validation.area_range).waitFor();
    await expectNoSeriousA11yViolations(page);
    await field(cellDialog, az.space.area).fill('7');
    await cellDialog.getByRole('button', { name: az.structure.save, exact: true }).click();
    await shell.main
      .getByText(fillIn(az.structure.spaceFlagged, { flags: az.spaceProblems.below_shared_minimum }), {
        exact: false,
      })
      .waitFor();
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    const table = shell.main.getByRole('table', {
      name: fillIn(az.institutions.cellsCaption, { unit: 'E2E · Sınaq bloku' }),
    });
    const row = table.getByRole('row', { name: /E2E-001/ });
    await row.getByText(az.spaceProblems.below_shared_minimum).waitFor();
    await expectNoSeriousA11yViolations(page);

    // The staff directory.
    await shell.nav.getByRole('link', { name: az.nav.staff, exact: true }).click();
    await shell.h1(az.staff.title, { exact: true }).waitFor();
    await shell.main
      .getByText(/^(Göstərilən əməkdaşlar|Burada qeydə alınmış əməkdaş yoxdur)/)
      .first()
      .waitFor();
    expect(await shell.main.getByRole('button', { name: az.staff.add }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await shell.signOut();
  });
});

describe('the registry officer of three prisons', () => {
  test('chooses an institution in the shell; the admission form starts from it', async ({ page, shell }) => {
    await new SignInPage(shell).signIn('demo.registry-officer');
    await shell.h1(azCommon.home.title, { exact: true }).waitFor();
    const switcher = shell.nav.getByRole('combobox', { name: new RegExp(`^${literal(az.switcher.label)}`) });
    await switcher.waitFor();
    await expectNoSeriousA11yViolations(page);
    const pilot2 = await switcher
      .locator('option', { hasText: 'PILOT-2' })
      .evaluate((el) => (el as HTMLOptionElement).value);
    await switcher.selectOption(pilot2);

    await shell.nav.getByRole('link', { name: az.nav.admit, exact: true }).click();
    await shell.h1(az.admit.title, { exact: true }).waitFor();
    expect(await field(shell.main, az.fields.institution).inputValue()).toBe(pilot2);
    await expectNoSeriousA11yViolations(page);

    // Remembered in this browser after a reload.
    await page.reload();
    await shell.h1(az.admit.title, { exact: true }).waitFor();
    await expect.poll(() => switcher.inputValue()).toBe(pilot2);
    await shell.signOut();
  });
});
