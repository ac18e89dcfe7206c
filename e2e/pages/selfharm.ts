/**
 * Self-harm care plans (issue 17 item 4): the concern form, the ward check list (two key presses
 * per check), the plan with the clinician's part, the review and post-incident review forms.
 */
import type { Locator } from 'playwright-core';
import { enSelfharm as en } from '../locales.ts';
import { field, fillIn, type Shell } from './shell.ts';

/** A wall-clock time in Baku (UTC+4, no daylight saving) `minutes` from now, for a datetime-local box. */
export const bakuLocal = (minutesFromNow: number) =>
  new Date(Date.now() + 4 * 3_600_000 + minutesFromNow * 60_000).toISOString().slice(0, 16);

export class SelfharmPages {
  constructor(readonly shell: Shell) {}

  field(label: string): Locator {
    return field(this.shell.main, label);
  }

  /** SSH-1: the concern, in one screen: the person, what prompted it, what was seen, what was done. */
  async raiseConcern(prisonNumber: string, surname: string, seen: string, action: string): Promise<void> {
    await this.shell.navigate(en.nav.concern, en.concern.title);
    await this.field(en.concern.person).fill(surname);
    await this.shell.main.getByRole('button', { name: new RegExp(prisonNumber) }).click();
    await this.field(en.concern.context).selectOption({ label: en.contexts.said_or_wrote });
    await this.field(en.concern.seenOrHeard).fill(seen);
    await this.field(en.concern.immediateAction).fill(action);
    // An hour ago (the assessment and the first review followed it).
    await this.field(en.concern.raisedAt).fill(bakuLocal(-60));
  }

  async submit(name: string): Promise<void> {
    await this.shell.main.getByRole('button', { name, exact: true }).click();
  }

  /** The ward list's row of a person. */
  wardRow(name: string): Locator {
    return this.shell.main.locator('tr[data-plan]').filter({ hasText: name });
  }

  async openWard(): Promise<void> {
    await this.shell.navigate(en.nav.ward, en.ward.title, { exact: true });
  }

  /** SSH-1: a check in two key presses: the row's number, then what was seen (1–6). */
  async checkByKeys(row: Locator, outcome: string): Promise<void> {
    const number = ((await row.locator('td').first().textContent()) ?? '').trim();
    const keyboard = this.shell.page.keyboard;
    await keyboard.press(number);
    await keyboard.press(outcome);
  }

  recorded(name: string, seen: string): Locator {
    return this.shell.main.getByRole('status').filter({ hasText: fillIn(en.ward.recorded, { name, seen }) });
  }

  /** The review form's fields, filled as a clinician would (nothing is pre-filled). */
  async fillReview(review: {
    reviewedAt: string;
    decision: 'continue' | 'close';
    risk: 'low' | 'raised' | 'high';
    interval: string;
    trigger?: string;
    nextReviewAt?: string;
  }): Promise<void> {
    await this.field(en.review.reviewedAt).fill(review.reviewedAt);
    await this.field(fillIn(en.review.participantName, { n: 1 })).fill('Demo Psychologist');
    await this.field(fillIn(en.review.discipline, { n: 1 })).selectOption({
      label: en.disciplines.psychologist,
    });
    await this.field(fillIn(en.review.participantName, { n: 2 })).fill('Demo Officer');
    await this.field(fillIn(en.review.discipline, { n: 2 })).selectOption({
      label: en.disciplines.custodial,
    });
    await this.field(en.review.decision).selectOption({ label: en.decisions[review.decision] });
    await this.field(en.clinical.riskLevel).selectOption({ label: en.riskLevels[review.risk] });
    await this.field(en.review.mode).selectOption({ label: en.modes.intermittent });
    await this.field(en.review.intervalMinutes).fill(review.interval);
    await this.field(en.review.conversationsPerDay).fill('3');
    if (review.trigger) {
      await this.field(fillIn(en.careMap.trigger, { n: 1 })).fill(review.trigger);
      await this.shell.main.getByRole('checkbox', { name: en.careMap.shareWithOfficers }).first().check();
    }
    if (review.nextReviewAt) await this.field(en.review.nextReviewAt).fill(review.nextReviewAt);
  }
}
