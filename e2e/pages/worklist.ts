/** The home page: the signed-in user's worklist, in each language. */
import type { Locator } from 'playwright-core';
import type { Shell } from './shell.ts';

type Language = 'az' | 'en' | 'ru';

const TITLE: Record<Language, string> = { az: 'İş siyahınız', en: 'Your worklist', ru: 'Ваш список задач' };
const TASKS_DUE: Record<Language, RegExp> = {
  az: /^Vaxtı çatmış tapşırıqlar: \d+\.$/,
  en: /^Tasks due: \d+\.$/,
  ru: /^Задач к выполнению: \d+\.$/,
};

export class Worklist {
  constructor(readonly shell: Shell) {}

  /** The page's heading in this language. */
  heading(language: Language): Locator {
    return this.shell.h1(TITLE[language]);
  }

  /** The count of tasks due, in this language. */
  tasksDue(language: Language): Locator {
    return this.shell.page.getByText(TASKS_DUE[language]);
  }

  /** The group of one kind of task, by its heading ("Notes to sign (2)"). */
  group(heading: string | RegExp): Locator {
    return this.shell.main.getByRole('region', { name: heading });
  }
}
