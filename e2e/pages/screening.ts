/** Admission screening (ADM-1, ADM-2): the list of screenings due and the screening form. */
import type { Locator } from 'playwright-core';
import { enScreening as en } from '../locales.ts';
import { literal, type Shell } from './shell.ts';

export class ScreeningList {
  constructor(readonly shell: Shell) {}

  async open(): Promise<void> {
    await this.shell.navigate(en.nav.screenings, en.list.title, { exact: true });
  }

  /** The list's row of a person, by their prison number. */
  row(prisonNumber: string): Locator {
    return this.shell.main.getByRole('row').filter({ hasText: prisonNumber });
  }
}

export class ScreeningForm {
  constructor(readonly shell: Shell) {}

  /** A section of the form by its key. */
  section(key: keyof typeof en.sections): Locator {
    return this.shell.main.getByRole('region', { name: en.sections[key], exact: true });
  }

  /** A radio group by the start of its label (a required one ends with an asterisk). */
  group(scope: Locator, label: string): Locator {
    return scope.getByRole('radiogroup', { name: new RegExp(`^${literal(label)}( \\*)?$`) });
  }

  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await this.group(scope, label).getByRole('radio', { name: option, exact: true }).check();
  }

  /** Types the readings into the weight, height and vital-signs section, by their keys. */
  async readings(values: Partial<Record<keyof typeof en.vitals.units, string>>): Promise<void> {
    const section = this.section('vitals');
    for (const [name, value] of Object.entries(values))
      await section.getByLabel(en.vitals[name as keyof typeof en.vitals.units], { exact: true }).fill(value);
  }

  /** Marks a section as assessed. */
  async assessed(key: keyof typeof en.sections): Promise<void> {
    await this.choose(this.section(key), en.sectionStatus.label, en.sectionStatus.assessed);
  }
}
