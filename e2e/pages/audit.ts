/** The audit module's pages: the audit trail search and the subject-access report. */
import type { Locator } from 'playwright-core';
import type { Shell } from './shell.ts';

export class AuditTrail {
  constructor(readonly shell: Shell) {}

  async open(): Promise<void> {
    await this.shell.navigate('Audit trail');
  }

  get table(): Locator {
    return this.shell.page.getByRole('table', { name: 'Audit events, newest first' });
  }

  /** Fills the criteria given and presses Search. */
  async search(criteria: { username?: string; outcome?: string; personId?: string; from?: string }) {
    const page = this.shell.page;
    if (criteria.username !== undefined)
      await page.getByRole('textbox', { name: 'User name' }).fill(criteria.username);
    if (criteria.outcome !== undefined)
      await page.getByRole('combobox', { name: 'Outcome' }).selectOption(criteria.outcome);
    if (criteria.personId !== undefined)
      await page.getByRole('textbox', { name: 'Person identifier' }).fill(criteria.personId);
    if (criteria.from !== undefined) await page.getByLabel('From').fill(criteria.from);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  async clear(): Promise<void> {
    await this.shell.page.getByRole('button', { name: 'Clear' }).click();
  }
}

export class SubjectAccessReport {
  constructor(readonly shell: Shell) {}

  async open(): Promise<void> {
    await this.shell.navigate('Subject-access report');
  }

  /** Asks for the report of a person (an empty identifier: no filling). */
  async produce(personId?: string): Promise<void> {
    const page = this.shell.page;
    if (personId !== undefined)
      await page.getByRole('textbox', { name: /^Person identifier/ }).fill(personId);
    await page.getByRole('button', { name: 'Produce the report' }).click();
  }
}
