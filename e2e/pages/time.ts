/**
 * Issue 14: a time as the app shows it (day-month-year, 24-hour, in the language's order) in a given
 * zone, computed here in Node, independent of the browser's zone: the institution's (Asia/Baku) is
 * what a page must show; the browser's (New York, UTC) is what it must not.
 */
export const INSTITUTION_TIME_ZONE = 'Asia/Baku';

const locales = { az: 'az-Latn-AZ', en: 'en-GB', ru: 'ru-RU' } as const;

export function timeIn(iso: string, timeZone: string, language: keyof typeof locales = 'en'): string {
  return new Intl.DateTimeFormat(locales[language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** The time in the institution's zone, as every page must show it. */
export const bakuTime = (iso: string, language: keyof typeof locales = 'en') =>
  timeIn(iso, INSTITUTION_TIME_ZONE, language);
