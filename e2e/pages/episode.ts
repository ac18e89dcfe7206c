/** One restraint or seclusion episode: its actions, each through a dialog (RST-2, RST-9). */
import type { Locator } from 'playwright-core';
import { enRestraint as en } from '../locales.ts';
import type { Shell } from './shell.ts';

export class EpisodePage {
  constructor(readonly shell: Shell) {}

  /** Opens the episode at its address. */
  async open(address: string): Promise<void> {
    await this.shell.page.goto(address);
    await this.shell.h1(en.episode.title, { exact: true }).waitFor();
  }

  get dialog(): Locator {
    return this.shell.page.getByRole('dialog');
  }

  /** Presses an action button of the episode; answers the dialog it opens. */
  async act(action: string, options: { exact?: boolean } = {}): Promise<Locator> {
    await this.shell.main.getByRole('button', { name: action, ...options }).click();
    return this.dialog;
  }

  /** The card naming the person under the measure (issue 14), by the person's name. */
  personCard(name: string): Locator {
    return this.shell.main.getByRole('region', { name });
  }

  /** The timeline's entries of one kind (their heading names the time and the kind), in order. */
  entries(kind: string | RegExp): Locator {
    return this.shell.main
      .getByRole('article')
      .filter({ has: this.shell.page.getByRole('heading', { name: kind }) });
  }

  /** Submits the open dialog and waits for the notice that the action was recorded. */
  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: en.episode.actions }).click();
    await this.shell.main.getByText(en.episode.recorded).waitFor();
  }
}
