/** The restraint and seclusion board (RST-6): the episodes of the ward, each observation's state. */
import type { Locator } from 'playwright-core';
import { enRestraint as en } from '../locales.ts';
import type { Shell } from './shell.ts';

export class RestraintBoard {
  constructor(readonly shell: Shell) {}

  /** Opens the board from the navigation. */
  async open(): Promise<void> {
    await this.shell.navigate(en.nav.board, en.board.title, { exact: true });
  }

  /** The board's row of a person, by their prison number. */
  row(prisonNumber: string): Locator {
    return this.shell.main.getByRole('row').filter({ hasText: prisonNumber });
  }

  /** Opens the observation dialog of a person (by name); answers its save button. */
  async observe(name: string): Promise<Locator> {
    await this.shell.main.getByRole('button', { name: `${en.board.observe}: ${name}` }).click();
    return this.shell.page.getByRole('dialog').getByRole('button', { name: en.observation.save });
  }
}
