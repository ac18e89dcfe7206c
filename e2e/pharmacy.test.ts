/**
 * The pharmacy in the browser (issue 15 item 3; ADR 0040): demo.pharmacist follows the worklist's
 * stock task (MDX-3, from the demo's stock-out) to the stock page, receives the missing drug and
 * resolves the task as received; records the daily controlled-drug count of methadone with a witness;
 * opens the dispense, write-off and report pages. axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enMedication as en } from './locales.ts';
import { institutionId } from './pages/admission.ts';
import { field, fillIn } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

const p = en.pharmacy;
const METFORMIN = 'Metformin 500 mg';
const METHADONE = 'Methadone 10 mg/ml';
const stamp = Date.now().toString(36).toUpperCase();

describe('pharmacy: stock, the stock task, the controlled-drug book', () => {
  test('the pharmacist sees the stock task on the worklist, receives the stock and resolves the task', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('pharmacist', 'en');
    await shell.main.getByText(en.worklist.stock_task, { exact: false }).first().waitFor();
    await shell.main.getByText(en.worklist.controlled_incident, { exact: false }).first().waitFor();
    await checkPage(page, 'pharmacy-worklist');
    // The task's line (not the stock-out's, which opens the receipt page) opens the stock page.
    await shell.main
      .locator('a[href^="/medication/pharmacy?"]')
      .filter({ hasText: METFORMIN })
      .first()
      .click();
    await shell.h1(p.stock.title).waitFor();
    const task = shell.main.getByText(new RegExp(`^${METFORMIN}: `));
    await task.first().waitFor();
    await checkPage(page, 'pharmacy-stock');

    // Receive the drug that was out of stock.
    await shell.main.getByRole('link', { name: p.links.receive, exact: true }).click();
    await shell.h1(p.receive.title).waitFor();
    await field(shell.main, en.prescription.drug).fill('Metformin');
    await page.getByRole('option', { name: METFORMIN, exact: true }).click();
    await field(shell.main, p.batchNumber).fill(`MF-${stamp}`);
    await field(shell.main, p.expiryDate).fill('2028-03-31');
    await field(shell.main, p.quantity).fill('300');
    await field(shell.main, p.receive.supplier).fill('Central medical warehouse');
    await field(shell.main, p.receive.reference).fill(`INV-${stamp}`);
    await shell.main.getByRole('button', { name: p.receive.submit, exact: true }).click();
    await shell.main
      .getByRole('status')
      .getByText(fillIn(p.receive.done, { quantity: 300 }))
      .waitFor();
    await checkPage(page, 'pharmacy-receive');

    // Back on the stock page: the task resolved as received, with what was done.
    await shell.main.getByRole('link', { name: p.links.stock, exact: true }).click();
    await shell.h1(p.stock.title).waitFor();
    await shell.main
      .getByText(new RegExp(`${METFORMIN}.*MF-${stamp}|MF-${stamp}`))
      .first()
      .waitFor();
    await page.getByLabel(`${p.tasks.resolution}: ${METFORMIN}`).click();
    await page.getByRole('option', { name: p.resolutions.received, exact: true }).click();
    await page.getByLabel(`${p.tasks.note}: ${METFORMIN}`).fill(`Batch MF-${stamp} received`);
    await shell.main.getByRole('button', { name: p.tasks.resolve, exact: true }).first().click();
    await expect.poll(() => task.count()).toBe(0);
    await checkPage(page, 'pharmacy-stock-resolved');
  });

  test('the pharmacist records the daily controlled-drug count with a witness', async ({
    api,
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('pharmacist', 'en');
    await shell.navigate(en.nav.controlled, p.controlledBook.title);
    const pilot1 = await institutionId(api, 'PILOT-1');
    const book = (await api.get(`/api/v1/medication/controlled?institutionId=${pilot1}`)).json<{
      drugs: { drug: { code: string }; bookBalance: number; countedToday: boolean }[];
    }>();
    const methadone = book.drugs.find((d) => d.drug.code === 'methadone');
    expect(methadone?.countedToday).toBe(false);
    await checkPage(page, 'pharmacy-controlled-book');
    await page.getByLabel(`${p.controlledBook.counted}: ${METHADONE}`).fill(String(methadone?.bookBalance));
    await page.getByLabel(`${p.witness}: ${METHADONE}`).fill('demo.nurse');
    await shell.main
      .getByRole('button', { name: fillIn(p.controlledBook.record, { drug: METHADONE }), exact: true })
      .click();
    await shell.main.getByRole('status').getByText(p.controlledBook.balanced).waitFor();
    await shell.main
      .getByText(new RegExp(`^${p.controlledBook.countedToday.split(' (')[0]}`))
      .first()
      .waitFor();
    await checkPage(page, 'pharmacy-controlled-counted');
  });

  test('the dispense, write-off and report pages', async ({ page, shell, signedInAs }) => {
    await signedInAs('pharmacist', 'en');
    await shell.navigate(en.nav.pharmacy, p.stock.title);
    await shell.main.getByRole('link', { name: p.links.dispense, exact: true }).click();
    await shell.h1(p.dispense.title).waitFor();
    await checkPage(page, 'pharmacy-dispense');
    await shell.main.getByRole('link', { name: p.links.writeOff, exact: true }).click();
    await shell.h1(p.writeOff.title).waitFor();
    await checkPage(page, 'pharmacy-write-off');
    await shell.main.getByRole('link', { name: p.links.report, exact: true }).click();
    await shell.h1(p.report.title).waitFor();
    await shell.main.getByRole('link', { name: p.report.pdf }).waitFor();
    await checkPage(page, 'pharmacy-report');
  });
});
