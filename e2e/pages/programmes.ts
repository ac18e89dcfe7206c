/** The TB programme pages: the person's TB tab and its forms, the contact investigation, the report. */
import type { Locator } from 'playwright-core';
import { enProgrammes as en } from '../locales.ts';
import { field, type Shell } from './shell.ts';

/** Today's date in the institution's zone (Asia/Baku), as a date field takes it. */
export const todayInBaku = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Baku' });

export class ProgrammePages {
  constructor(readonly shell: Shell) {}

  form(title: string): Locator {
    return this.shell.main.getByRole('form', { name: title });
  }

  /** Chooses a code in a select of the form by its label. */
  async choose(form: Locator, label: string, value: string): Promise<void> {
    await field(form, label).selectOption(value);
  }

  /** ADM-6: a TB screening recorded on the tab. */
  async recordScreen(result: 'positive' | 'negative'): Promise<void> {
    const form = this.form(en.screen.title);
    await this.choose(form, en.screen.method, 'symptom');
    await this.choose(form, en.screen.occasion, 'yearly');
    await this.choose(form, en.screen.result, result);
    await form.getByRole('button', { name: en.screen.submit }).click();
  }

  /** A test with its result, recorded in one go on the episode's test form. */
  async recordTest(test: 'xpert' | 'dst', results: Record<string, string>): Promise<void> {
    const form = this.form(en.tests.record);
    await this.choose(form, en.tests.test, test);
    await this.choose(form, en.tests.purpose, 'diagnosis');
    for (const [label, value] of Object.entries(results)) await this.choose(form, label, value);
    await field(form, en.tests.resultOn).fill(todayInBaku());
    await form.getByRole('button', { name: en.tests.submit }).click();
  }

  /** TB-1: the registration with its WHO codes. */
  async register(codes: {
    category: string;
    bacteriology: string;
    site: string;
    resistance: string;
  }): Promise<void> {
    const form = this.form(en.register.title);
    await this.choose(form, en.register.category, codes.category);
    await this.choose(form, en.register.bacteriology, codes.bacteriology);
    await this.choose(form, en.register.site, codes.site);
    await this.choose(form, en.register.resistance, codes.resistance);
    await form.getByRole('button', { name: en.register.submit }).click();
  }

  /** The regimen from its template, prescribed as directly observed doses. */
  async prescribe(regimen: string): Promise<void> {
    const form = this.form(en.treatment.title);
    await field(form, en.treatment.regimen).selectOption(regimen);
    await form.getByRole('button', { name: en.treatment.submit }).click();
  }
}
