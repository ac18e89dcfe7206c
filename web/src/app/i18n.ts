import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages of the user interface; Azerbaijani first. Each name is written in its own language. */
export const LANGUAGES = [
  { code: 'az', name: 'Azərbaycanca' },
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: LanguageCode = 'az';

/** Where the browser remembers the user's choice of language. */
export const LANGUAGE_STORAGE_KEY = 'custodia.language';

type Catalogue = Record<string, unknown>;

/**
 * Every catalogue under src/locales/<language>/<namespace>.json, bundled with the app. A module adds
 * its namespace by adding one file per language; nothing needs registering here.
 */
const files = import.meta.glob<Catalogue>('../locales/*/*.json', { eager: true, import: 'default' });

export const resources: Record<string, Record<string, Catalogue>> = {};
for (const [file, catalogue] of Object.entries(files)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  resources[language] ??= {};
  resources[language][namespace] = catalogue;
}

export const namespaces = [
  ...new Set(Object.values(resources).flatMap((byNamespace) => Object.keys(byNamespace))),
];

export function isLanguage(value: unknown): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value);
}

/** The language the user chose last time on this browser, or Azerbaijani. */
export function storedLanguage(): LanguageCode {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled (private mode, policy): fall back to the default.
  }
  return DEFAULT_LANGUAGE;
}

function rememberLanguage(language: string): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered across visits, but the page still switches.
  }
}

/**
 * A ready i18next instance (resources are bundled, so it initialises synchronously). It keeps
 * `<html lang>` in step with the language and remembers a change in localStorage.
 */
export function createI18n(language: LanguageCode = storedLanguage()): I18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  void instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = instance.language;
  instance.on('languageChanged', (changed) => {
    document.documentElement.lang = changed;
    rememberLanguage(changed);
  });
  return instance;
}
