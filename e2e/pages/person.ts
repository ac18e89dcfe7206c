/** The person page of the registry: the person's heading, their history, their tabs. */
import type { Locator } from 'playwright-core';
import type { Shell } from './shell.ts';

export class PersonPage {
  constructor(readonly shell: Shell) {}

  /** Opens the person's page, on a tab when one is named (`?tab=restraint`). */
  async open(personId: string, tab?: string): Promise<void> {
    await this.shell.goto(`/registry/persons/${personId}${tab ? `?tab=${tab}` : ''}`);
  }

  /** The rows of the custody history table (captioned `caption`), oldest first. */
  historyRows(caption: string): Locator {
    return this.shell.main.getByRole('table', { name: caption }).locator('tbody tr');
  }

  /** The event type of each history row, in order. */
  eventTypes(caption: string): Promise<(string | null)[]> {
    return this.historyRows(caption).evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-event-type')),
    );
  }

  /** A tab of the person page by its name. */
  tab(name: string): Locator {
    return this.shell.main.getByRole('tab', { name });
  }
}
