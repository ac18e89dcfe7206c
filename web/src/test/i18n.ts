import type { i18n as I18n, Resource } from 'i18next';
import { createI18n, type LanguageCode, localeFile } from '../app/i18n.ts';

/** Every locale file of the web app, read eagerly: tests render without waiting for downloads. */
const files = import.meta.glob<Record<string, unknown>>('../**/locales/*.json', {
  eager: true,
  import: 'default',
});

export const allResources: Resource = {};
for (const [file, catalogue] of Object.entries(files)) {
  const found = localeFile(file);
  if (!found) continue;
  allResources[found.language] = { ...allResources[found.language], [found.namespace]: catalogue };
}

/** A ready i18next instance with every namespace loaded (the language stored, or the one given). */
export function testI18n(language?: LanguageCode): I18n {
  return createI18n(language, allResources);
}
