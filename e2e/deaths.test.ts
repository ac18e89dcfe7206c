/**
 * Deaths in custody in the browser (issue 18 item 5): the governor finds the overdue prosecutor step
 * of the demo death on the worklist, opens the event and records the step (DTH-1, INJ-8); the doctor
 * opens the same event and records the cause of death and the autopsy (DAT-7); the governor sees no
 * clinical content (MED-1) and opens the register; the governor records the return of the body from
 * the worklist's line (INJ-8). axe-core runs on every page visited.
 */
import { describe, expect } from 'vitest';
import { checkPage, test } from './fixtures.ts';
import { enDeaths as en } from './locales.ts';
import { field } from './pages/shell.ts';

test.beforeAll(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

let eventUrl = '';

describe('deaths in custody in the browser', () => {
  test('DTH-1, INJ-8: the governor works through the overdue prosecutor step from the worklist', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('governor', 'en');
    const group = shell.main.getByRole('region', {
      name: new RegExp(`^${en.worklist.deaths_step_prosecutor}`),
    });
    await group.waitFor();
    await group.getByRole('link').first().click();
    await shell.h1(new RegExp(`^${en.kinds.death}: `)).waitFor();
    eventUrl = new URL(page.url()).pathname;
    const row = shell.main.getByRole('row').filter({ hasText: en.steps.prosecutor });
    await row.getByText(en.states.overdue).waitFor();
    await checkPage(page, 'deaths-event-governor');
    // MED-1: the governor sees no clinical section.
    expect(await shell.main.getByRole('heading', { name: en.clinical.title }).count()).toBe(0);
    await row.getByRole('button', { name: `${en.checklist.record}: ${en.steps.prosecutor}` }).click();
    const form = shell.main.getByRole('form', { name: `${en.checklist.record}: ${en.steps.prosecutor}` });
    await field(form, en.checklist.channel).selectOption('letter');
    await field(form, en.checklist.recipient).fill('District prosecutor');
    await field(form, en.checklist.reference).fill('PROS-2026-777');
    await form.getByRole('button', { name: en.checklist.save }).click();
    await row.getByText(en.states.done_late).waitFor();
    await row.getByText(/PROS-2026-777/).waitFor();
    await checkPage(page, 'deaths-event-step-recorded');

    // The list of open events and the register, from the navigation's page.
    await shell.goto('/deaths');
    await shell.h1(en.list.title).waitFor();
    await checkPage(page, 'deaths-list');
    await shell.main.getByRole('link', { name: en.list.register }).click();
    await shell.h1(en.register.title).waitFor();
    await shell.main.getByRole('heading', { name: en.register.indicators }).waitFor();
    await checkPage(page, 'deaths-register');
    await shell.goto('/deaths/record');
    await shell.h1(en.record.title).waitFor();
    await checkPage(page, 'deaths-record');
  });

  test('INJ-8: the governor finds the body awaiting return on the worklist and records its return', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('governor', 'en');
    const group = shell.main.getByRole('region', {
      name: new RegExp(`^${en.worklist.deaths_body_awaiting_return}`),
    });
    await group.waitFor();
    await group.getByRole('link').first().click();
    const form = shell.main.getByRole('form', { name: en.body.record });
    await form.waitFor();
    // The institution's wall-clock time (Asia/Baku, UTC+4), as the form reads it.
    const baku = (hoursAgo: number) =>
      new Date(Date.now() - hoursAgo * 3_600_000 + 4 * 3_600_000).toISOString().slice(0, 16);
    await field(form, en.body.releasedAt).fill(baku(2));
    await field(form, en.body.releaseReference).fill('NPM-2026-118/REL');
    await field(form, en.body.outcome).selectOption('returned');
    await field(form, en.body.returnedAt).fill(baku(1));
    await field(form, en.body.recipientName).fill('Aynur Demo');
    await field(form, en.body.recipientRelation).fill('mother');
    await form.getByRole('button', { name: en.body.save }).click();
    const section = shell.main.getByRole('region', { name: en.body.title });
    await section.getByText(/Aynur Demo \(mother\)/).waitFor();
    await section.getByText(/NPM-2026-118\/REL/).waitFor();
    await checkPage(page, 'deaths-event-body-returned');
  });

  test('DAT-7: the doctor records the cause of death and the autopsy', async ({
    page,
    shell,
    signedInAs,
  }) => {
    await signedInAs('doctor', 'en');
    await shell.goto(eventUrl || '/deaths');
    if (!eventUrl) {
      await shell.h1(en.list.title).waitFor();
      await shell.main.getByRole('link').filter({ hasNotText: en.list.register }).first().click();
    }
    await shell.main.getByRole('heading', { name: en.clinical.title }).waitFor();
    await shell.main.getByText(en.clinical.none).waitFor();
    await checkPage(page, 'deaths-event-doctor');
    const form = shell.main.getByRole('form', { name: en.clinical.title });
    await field(form, en.clinical.causeCode).fill('I46.9');
    await field(form, en.clinical.causeText).fill('Cardiac arrest, cause to be confirmed');
    await field(form, en.clinical.autopsy).selectOption('requested');
    await form.getByRole('button', { name: en.clinical.save }).click();
    await shell.main.getByText(/I46\.9 Cardiac arrest, cause to be confirmed/).waitFor();
    await checkPage(page, 'deaths-event-doctor-cause');
  });
});
