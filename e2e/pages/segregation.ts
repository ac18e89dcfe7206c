/**
 * Segregation (issue 18 item 4): the wing list of separated people with today's minutes typed in
 * each row, a placement's page with its timeline and the clinician's visit form, and the start form.
 */
import type { Locator } from 'playwright-core';
import { enSegregation as en } from '../locales.ts';
import { field, fillIn, type Shell } from './shell.ts';

export class SegregationPages {
  constructor(readonly shell: Shell) {}

  /** Opens the wing list from the navigation. */
  async openWingList(): Promise<void> {
    await this.shell.navigate(en.nav.wing, en.wing.title, { exact: true });
  }

  /** The wing list's row of a placement on this day (`Day 13`), the first if several. */
  rowOnDay(day: number): Locator {
    return this.shell.main
      .getByRole('row')
      .filter({ hasText: fillIn(en.wing.dayNumber, { day }) })
      .first();
  }

  /** The name of the person of a row (its first link). */
  async nameIn(row: Locator): Promise<string> {
    return (await row.getByRole('link').first().textContent()) ?? '';
  }

  /**
   * SEG-1, SEG-9, SEG-10: today's minutes typed in a row, as an officer does: three numbers with Tab
   * between them, then Enter. Waits for the saved notice.
   */
  async recordToday(
    row: Locator,
    name: string,
    minutes: { out: number; outdoor: number; contact: number },
  ): Promise<void> {
    await row.getByRole('textbox', { name: `${en.wing.outOfCellMinutes}: ${name}` }).click();
    const keyboard = this.shell.page.keyboard;
    await keyboard.type(String(minutes.out));
    await keyboard.press('Tab');
    await keyboard.type(String(minutes.outdoor));
    await keyboard.press('Tab');
    await keyboard.type(String(minutes.contact));
    await keyboard.press('Enter');
    await row
      .getByRole('status')
      .filter({ hasText: fillIn(en.wing.saved, { name }) })
      .waitFor();
  }

  /** A flag of a row or a page, in words. */
  flag(scope: Locator, alert: keyof typeof en.alerts): Locator {
    return scope.getByText(en.alerts[alert], { exact: true });
  }

  /** Opens a placement from its row and waits for its heading. */
  async openFrom(row: Locator, name: string): Promise<void> {
    await row.getByRole('link', { name }).click();
    await this.shell.h1(`${en.placement.title}: ${name}`).waitFor();
  }

  /** The timeline's rows of one type of entry. */
  timelineRows(type: keyof typeof en.timeline.types): Locator {
    return this.shell.main
      .getByRole('region', { name: en.timeline.title })
      .getByRole('row')
      .filter({ hasText: en.timeline.types[type] });
  }

  /** SEG-5: the clinician's visit: seen, adverse effect or not, a note; waits for the saved notice. */
  async recordHealthVisit(visit: { seen: boolean; adverseEffect: boolean; note: string }): Promise<void> {
    const form = this.shell.main.getByRole('region', { name: en.visit.title });
    const answer = (yes: boolean) => (yes ? en.yes : en.no);
    await form
      .getByRole('radiogroup', { name: new RegExp(`^${en.visit.seen}`) })
      .getByRole('radio', { name: answer(visit.seen) })
      .check();
    await form
      .getByRole('radiogroup', { name: new RegExp(`^${en.visit.adverseEffect.split(':')[0]}`) })
      .getByRole('radio', { name: answer(visit.adverseEffect) })
      .check();
    await field(form, en.visit.note).fill(visit.note);
    await form.getByRole('button', { name: en.visit.save }).click();
    await form.getByRole('status').filter({ hasText: en.visit.saved }).waitFor();
  }

  /** The health visits with their content (health care only). */
  get healthVisits(): Locator {
    return this.shell.main.getByRole('region', { name: en.visits.title });
  }
}
