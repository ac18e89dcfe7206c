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

  /**
   * RST-6: answers the open observation note as an officer who looked and saw nothing unusual: one
   * click per question, five answers, nothing pre-filled.
   */
  async answerUsualObservation(): Promise<void> {
    const dialog = this.shell.page.getByRole('dialog');
    const choose = async (question: string, answer: string) => {
      const group = dialog.getByRole('radiogroup', { name: new RegExp(`^${question}`) });
      await group.getByRole('radio', { name: answer }).check();
    };
    const v = en.observation.values;
    await choose(en.observation.breathing, v.normal);
    await choose(en.observation.limbCirculation, v.not_applicable);
    await choose(en.observation.toiletNeeds, v.not_needed);
    await choose(en.observation.mentalState, v.calm);
    await choose(en.observation.stillNeeded, v.yes);
  }
}
