/** The medical record tab of the person page (the chart), with its history of readings (MED-1). */
import type { Locator } from 'playwright-core';
import { enClinical as en } from '../locales.ts';
import type { Shell } from './shell.ts';

export class ChartTab {
  constructor(readonly shell: Shell) {}

  /** Opens the person's medical record and waits for the latest vital signs. */
  async open(personId: string): Promise<void> {
    await this.shell.goto(`/registry/persons/${personId}?tab=medical-record`);
    await this.shell.main.getByRole('heading', { name: en.chart.vitals }).waitFor();
  }

  /** A section of the chart by its title (`chart.allergies`, `chart.injuries` …). */
  section(key: 'allergies' | 'vitals' | 'injuries'): Locator {
    return this.shell.main.getByRole('region', { name: en.chart[key], exact: true });
  }

  /** Pages the history of readings in and waits for its kinds to be offered. */
  async showHistory(): Promise<void> {
    await this.shell.main.getByRole('button', { name: en.history.show, exact: true }).click();
    await this.shell.main.getByRole('radio', { name: en.history.labs }).waitFor({ state: 'attached' });
  }
}
