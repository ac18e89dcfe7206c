/**
 * Hunger strikes (issue 17 item 5): the person's tab and the open form, the record with its daily
 * sheet and the day's form, and the record's other pages (advance instructions, refeeding).
 */
import type { Locator } from 'playwright-core';
import { enHungerstrike as en } from '../locales.ts';
import { field, fillIn, type Shell } from './shell.ts';

/** A wall-clock time (`YYYY-MM-DDTHH:MM:SS`) in a zone, `days` before today at `time`. */
export function wallTimeDaysAgo(days: number, time: string, zone = 'Asia/Baku'): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const day = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

export class HungerStrikePages {
  constructor(readonly shell: Shell) {}

  /** The record's form for the day. */
  get dayForm(): Locator {
    return this.shell.main.getByRole('form', { name: en.day.title });
  }

  /** HUN-1: opens a strike from the person's tab: the start typed in the institution's time, the type. */
  async open(startedAt: string, type: keyof typeof en.types): Promise<void> {
    const main = this.shell.main;
    await main.getByRole('link', { name: en.person.open }).click();
    await this.shell.h1(en.open.title, { exact: true }).waitFor();
    await field(main, en.open.startedAt).fill(startedAt);
    await field(main, en.open.type).selectOption(type);
  }

  async save(): Promise<void> {
    await this.shell.main.getByRole('button', { name: en.open.save }).click();
    await this.shell.h1(en.record.title, { exact: true }).waitFor();
  }

  /** HUN-5: the day's record: each status chosen, a value where done. */
  async recordDay(values: {
    assessment: 'done' | 'refused';
    fluids: 'yes' | 'no';
    weightKg: number | 'refused';
    vitals: { pulse: number; systolic: number; diastolic: number; temperature: number } | 'refused';
  }): Promise<void> {
    const form = this.dayForm;
    await field(form, en.day.assessment).selectOption(values.assessment);
    await field(form, en.day.fluids).selectOption(values.fluids);
    if (values.weightKg === 'refused') await field(form, en.day.weight).selectOption('refused');
    else {
      await field(form, en.day.weight).selectOption('done');
      await field(form, en.day.kg).fill(String(values.weightKg));
    }
    if (values.vitals === 'refused') await field(form, en.day.vitals).selectOption('refused');
    else {
      await field(form, en.day.vitals).selectOption('done');
      await field(form, en.day.pulse).fill(String(values.vitals.pulse));
      await field(form, en.day.systolic).fill(String(values.vitals.systolic));
      await field(form, en.day.diastolic).fill(String(values.vitals.diastolic));
      await field(form, en.day.temperature).fill(String(values.vitals.temperature));
    }
    await form.getByRole('button', { name: en.day.save }).click();
  }

  /** The daily sheet's row of a day number. */
  sheetRow(day: number): Locator {
    return this.shell.main
      .getByRole('table', { name: new RegExp(en.sheet.caption.split(' (')[0] as string) })
      .getByRole('row')
      .filter({ hasText: fillIn(en.record.dayNumber, { day }) });
  }

  /** Follows a link of the record's own navigation and waits for the page's heading. */
  async page(name: 'instructions' | 'refeeding' | 'record'): Promise<void> {
    const title = name === 'record' ? en.record.title : en[name].title;
    await this.shell.main
      .getByRole('navigation', { name: en.record.pages })
      .getByRole('link', { name: title, exact: true })
      .click();
    await this.shell.h1(title, { exact: true }).waitFor();
  }
}
