/** One encounter of the medical record: its draft, and signing it through the confirmation (issue 14). */
import type { Locator } from 'playwright-core';
import { enClinical as en } from '../locales.ts';
import type { Shell } from './shell.ts';

export class EncounterPage {
  constructor(readonly shell: Shell) {}

  /** The confirmation asked before signing. */
  get confirmation(): Locator {
    return this.shell.page.getByRole('dialog', { name: en.signConfirm.title });
  }

  /** Presses Sign and answers the confirmation it opens (which it returns, open). */
  async askToSign(): Promise<Locator> {
    await this.shell.main.getByRole('button', { name: en.encounter.sign, exact: true }).click();
    await this.confirmation.waitFor();
    return this.confirmation;
  }

  /** Confirms the signature and waits until the page says it was signed. */
  async confirmSign(): Promise<void> {
    await this.confirmation.getByRole('button', { name: en.signConfirm.sign, exact: true }).click();
    await this.shell.main.getByText(en.encounter.signed).waitFor();
  }
}
