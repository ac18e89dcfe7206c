/** The restraint start form (RST-1 … RST-3, RST-16): its searchable room list. */
import type { Locator, Page } from 'playwright-core';
import { enRestraint as en } from '../locales.ts';

/** The room list's input (a searchable list: type to filter, then choose). */
export function roomInput(main: Locator): Locator {
  return main.locator('input:not([type="hidden"])').and(main.getByLabel(en.start.room));
}

/** The options of the open room list, in order. */
export function roomOptions(page: Page): Locator {
  return page.getByRole('listbox').getByRole('option');
}

/** Opens the room list, types `filter` and chooses the first room it leaves. */
export async function chooseRoom(page: Page, main: Locator, filter: string): Promise<string> {
  const input = roomInput(main);
  await input.click();
  await input.fill(filter);
  const first = roomOptions(page).first();
  await first.waitFor();
  const label = (await first.textContent()) ?? '';
  await first.click();
  return label;
}
