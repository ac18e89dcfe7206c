/** The mental-health pages (issue 17; ADR 0043): the instrument form and the session register. */
import type { Locator } from 'playwright-core';
import { enMentalhealth as en } from '../locales.ts';
import { field } from './shell.ts';

/** A wall-clock time in Baku, as a datetime-local input takes it, `hoursBefore` now. */
export function bakuLocal(hoursBefore: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Baku',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - hoursBefore * 3_600_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Answers every item of an instrument form with the option `label` (radio groups, by keyboard-able radios). */
export async function answerAll(form: Locator, label: string, items: number): Promise<void> {
  const groups = form.getByRole('radiogroup');
  for (let i = 0; i < items; i++)
    await groups.nth(i).getByRole('radio', { name: label, exact: true }).check();
}

/** Fills a session register: the time, then each person's attendance in order. */
export async function fillRegister(main: Locator, heldAt: string, codes: string[]): Promise<void> {
  const register = main.getByRole('region', { name: en.course.recordSession });
  await field(register, en.course.heldAt).fill(heldAt);
  const selects = register.getByRole('combobox');
  await selects.first().waitFor();
  for (const [i, code] of codes.entries())
    await selects.nth(i).selectOption({ label: code }, { timeout: 5000 });
}
