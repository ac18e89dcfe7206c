/**
 * The frame every page shares: the header (language, sign-out), the main navigation, the main
 * region and its level-1 heading. Module page objects start from it.
 */
import type { Locator, Page } from 'playwright-core';
import { chooseLanguage, type RunningServer, signOut } from '../harness.ts';

type Language = 'az' | 'en' | 'ru';

/** The main navigation's name in Azerbaijani or English. */
const MAIN_NAVIGATION = /Main navigation|Əsas naviqasiya/;

/** A text as a regular expression that matches it literally. */
export const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form field by its label (a required field's label ends with an asterisk). */
export const field = (scope: Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${literal(label)}( \\*)?$`));

/** `{{name}}` placeholders of a catalogue text filled in. */
export const fillIn = (text: string, values: Record<string, string | number>) =>
  text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));

export class Shell {
  constructor(
    readonly page: Page,
    readonly server: RunningServer,
  ) {}

  get main(): Locator {
    return this.page.getByRole('main');
  }

  get banner(): Locator {
    return this.page.getByRole('banner');
  }

  /** The main navigation (by its name in Azerbaijani or English). */
  get nav(): Locator {
    return this.page.getByRole('navigation', { name: MAIN_NAVIGATION });
  }

  /** The level-1 heading with this name (a substring unless `exact`). */
  h1(name: string | RegExp, options: { exact?: boolean } = {}): Locator {
    return this.page.getByRole('heading', { level: 1, name, ...options });
  }

  /** Opens an address of the app (`/registry/persons/…`). */
  async goto(address: string): Promise<void> {
    await this.page.goto(`${this.server.url}${address}`);
  }

  /** Follows a link of the main navigation and waits for the page's heading. */
  async navigate(link: string, heading: string = link, options: { exact?: boolean } = {}): Promise<void> {
    await this.nav.getByRole('link', { name: link, exact: true }).first().click();
    await this.h1(heading, options).waitFor();
  }

  /** The language of the document (`<html lang>`). */
  htmlLang(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** Switches the language from the header and waits until the server has remembered it. */
  chooseLanguage(language: Language): Promise<void> {
    return chooseLanguage(this.page, language);
  }

  signOut(): Promise<void> {
    return signOut(this.page);
  }
}
