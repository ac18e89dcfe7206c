import { instantToWallTime, wallTimeToInstant } from '@custodia/domain/platform/zoned-time';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Dates, time zones and names as every module shows them (moved here from the registry module, which
 * keeps only its own codes in registry/labels.ts).
 */

/** A dark amber for warnings (Mantine's darkest orange is under 4.5:1 at badge size). */
export const WARNING_COLOR = '#9a3b00';

/** The locale for dates and numbers: day-month-year everywhere (English as in the United Kingdom). */
export function dateLocale(language: string | undefined): string {
  if (language === 'en') return 'en-GB';
  if (language === 'ru') return 'ru-RU';
  return 'az-Latn-AZ';
}

/** The name fields of a person, in Latin and Cyrillic script. */
export interface PersonNames {
  surnameLatin: string | null;
  givenNameLatin: string | null;
  surnameCyrillic: string | null;
  givenNameCyrillic: string | null;
  patronymicLatin?: string | null;
  patronymicCyrillic?: string | null;
}

/** A name in one script, surname first ("Məmmədov Əli Rəşid oğlu"), or null when not written in it. */
export function nameIn(p: PersonNames, script: 'latin' | 'cyrillic'): string | null {
  const parts =
    script === 'latin'
      ? [p.surnameLatin, p.givenNameLatin, p.patronymicLatin]
      : [p.surnameCyrillic, p.givenNameCyrillic, p.patronymicCyrillic];
  if (!parts[0] && !parts[1]) return null;
  return parts.filter(Boolean).join(' ');
}

/** The name to show first: Latin when written, otherwise Cyrillic. */
export function displayName(p: PersonNames): string {
  return nameIn(p, 'latin') ?? nameIn(p, 'cyrillic') ?? '';
}

/** The browser's own time zone: used only while the institution's is not known. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A `datetime-local` value (to the second) for an instant: the wall-clock time in the time zone of
 * the institution concerned, not the browser's (the browser's only while that is not known yet).
 */
export function toLocalInput(date: Date, timeZone: string | undefined): string {
  return instantToWallTime(date, timeZone ?? browserTimeZone());
}

/**
 * An instant (ISO, as the schemas want it) from a `datetime-local` value read as wall-clock time in
 * the institution's time zone; undefined when empty, the text itself when not a date (so that the
 * schema reports it).
 */
export function fromLocalInput(value: string, timeZone: string | undefined): string | undefined {
  if (!value.trim()) return undefined;
  return wallTimeToInstant(value, timeZone ?? browserTimeZone()) ?? value;
}

/** Dates, instants and numbers in the current language: `const { date, dateTime, number } = useFormats()`. */
export function useFormats() {
  const { i18n } = useTranslation();
  const locale = dateLocale(i18n.resolvedLanguage ?? 'az');
  const formats = useMemo(
    () => ({
      date: new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      }),
      dateTime: new Map<string, Intl.DateTimeFormat>(),
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    }),
    [locale],
  );
  return {
    /** A calendar date (`YYYY-MM-DD…`) as day-month-year. */
    date: useCallback(
      (iso: string | null | undefined) => {
        if (!iso) return '';
        const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? iso : formats.date.format(d);
      },
      [formats],
    ),
    /** Date and time of an instant, in the time zone given (the institution's), else the browser's. */
    dateTime: useCallback(
      (iso: string | null | undefined, timeZone?: string) => {
        if (!iso) return '';
        const d = new Date(iso);
        if (Number.isNaN(d.getTime())) return iso;
        const zone = timeZone ?? browserTimeZone();
        let format = formats.dateTime.get(zone);
        if (!format) {
          format = new Intl.DateTimeFormat(locale, {
            day: '2-digit',
            month: '2-digit',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone: zone,
          });
          formats.dateTime.set(zone, format);
        }
        return format.format(d);
      },
      [formats, locale],
    ),
    number: useCallback((n: number) => formats.number.format(n), [formats]),
  };
}
