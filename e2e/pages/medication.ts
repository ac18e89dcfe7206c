/**
 * Medication (issue 15): the prescribing form, the person's medication tab and the dose round, found
 * the way a doctor and a nurse find them (labels, roles, accessible names).
 */
import type { Locator } from 'playwright-core';
import { enMedication as en } from '../locales.ts';
import { field, fillIn, literal, type Shell } from './shell.ts';

/** The wall-clock time in Baku of an instant, as `YYYY-MM-DDTHH:MM`. */
export function bakuWallTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Baku',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export class PrescribeForm {
  constructor(readonly shell: Shell) {}

  field(label: string): Locator {
    return field(this.shell.main, label);
  }

  /** Picks an option of a Mantine select (its list opens in a portal outside the main region). */
  async choose(label: string, option: string): Promise<void> {
    await this.field(label).click();
    await this.shell.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Fills the form for a supervised drug given once a day at `time`, from `startAt` (Baku wall time). */
  async fill(order: {
    drug: string;
    dose: string;
    unit: string;
    time: string;
    startAt: string;
    indication: string;
  }) {
    const p = en.prescription;
    await this.field(p.drug).fill(order.drug.split(' ')[0] ?? order.drug);
    await this.shell.page.getByRole('option', { name: order.drug, exact: true }).click();
    await this.field(p.dose).fill(order.dose);
    await this.choose(p.unit, order.unit);
    await this.choose(p.frequency, fillIn(en.frequencies.every_n_hours, { hours: 'N' }));
    await this.field(p.everyHours).fill('24');
    await this.field(p.firstTime).fill(order.time);
    await this.shell.main.getByRole('radio', { name: en.delivery.supervised }).check();
    await this.field(p.start).fill(order.startAt);
    await this.field(p.indication).fill(order.indication);
  }

  async save(): Promise<void> {
    await this.shell.main.getByRole('button', { name: en.prescribe.save, exact: true }).click();
  }
}

export class DoseRound {
  constructor(readonly shell: Shell) {}

  async open(): Promise<void> {
    await this.shell.navigate(en.nav.round, en.round.title, { exact: true });
  }

  /** The row of a person's due dose (its accessible name starts with the person's name). */
  row(name: string): Locator {
    return this.shell.main.getByRole('row', { name: new RegExp(`^${literal(name)}: `) });
  }

  /** The record cell's text of a person's row once recorded. */
  recorded(name: string, outcome: string): Locator {
    return this.row(name).getByText(new RegExp(`^${literal(outcome)} \\d{2}:\\d{2}$`));
  }

  /** The not-given dialog. */
  get dialog(): Locator {
    return this.shell.page.getByRole('dialog');
  }
}
