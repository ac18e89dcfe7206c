import i18next, { type BackendModule, type i18n as I18n, type Resource } from 'i18next';
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

/** The namespace of the shell's own strings (app/locales), and the default one. */
export const SHELL_NAMESPACE = 'common';

type Catalogue = Record<string, unknown>;

/**
 * Where a locale file belongs: `<folder>/locales/<language>.json` holds the strings of namespace
 * `<folder>` (`modules/registry/locales/en.json` → `registry`, `modules/clinical/screening/locales/…`
 * → `screening`), and the shell's `app/locales/<language>.json` (`./locales/…` seen from app/) those of
 * `common`.
 */
export function localeFile(file: string): { language: string; namespace: string } | null {
  const match = /([^/]+)\/locales\/([^/]+)\.json$/.exec(file);
  if (!match) return null;
  const [, folder, language] = match as unknown as [string, string, string];
  return { language, namespace: folder === 'app' || folder === '.' ? SHELL_NAMESPACE : folder };
}

/**
 * Every locale file of the shell and of each module, as a loader: each file is a chunk of its own
 * that the browser downloads when its namespace is first needed in the current language. A module
 * adds its strings by adding `locales/{az,en,ru}.json` to its folder; nothing needs registering here.
 */
const files = import.meta.glob<Catalogue>(['./locales/*.json', '../modules/**/locales/*.json'], {
  import: 'default',
});

const loaders = new Map<string, () => Promise<Catalogue>>();
for (const [file, load] of Object.entries(files)) {
  const found = localeFile(file);
  if (found) loaders.set(`${found.language}/${found.namespace}`, load);
}

/** The namespaces of the modules (each module folder with locale files). */
export const moduleNamespaces = [...new Set([...loaders.keys()].map((key) => key.split('/')[1] ?? ''))]
  .filter((namespace) => namespace !== SHELL_NAMESPACE)
  .sort();

/** i18next reads a namespace in a language through the loaders above. */
const onDemand: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = loaders.get(`${language}/${namespace}`);
    if (!load) {
      callback(new Error(`no locale file for ${namespace} in ${language}`), false);
      return;
    }
    load().then(
      (catalogue) => callback(null, catalogue),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

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
 * An i18next instance that starts with the shell's strings in one language and loads a module's
 * namespace when a component first asks for it (`useTranslation('registry')` suspends until then).
 * Changing the language loads every namespace in use in the new language before the page switches.
 * There is no fallback language: every key exists in all three (app/locales.test.ts), so nothing is
 * downloaded twice. Tests pass `resources` (every file, read eagerly) to skip the loading.
 *
 * It keeps `<html lang>` in step with the language and remembers a change in localStorage.
 */
export function createI18n(language: LanguageCode = storedLanguage(), resources?: Resource): I18n {
  const instance = i18next.createInstance();
  if (!resources) instance.use(onDemand);
  instance.use(initReactI18next);
  void instance.init({
    ...(resources ? { resources } : {}),
    // Start now (the language is set at once; the shell's file is then requested), not on a timer.
    initAsync: false,
    lng: language,
    fallbackLng: false,
    supportedLngs: LANGUAGES.map((l) => l.code),
    ns: [SHELL_NAMESPACE],
    defaultNS: SHELL_NAMESPACE,
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (changed) => {
    document.documentElement.lang = changed;
    rememberLanguage(changed);
  });
  return instance;
}
