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

/** The browser's own time zone: used only before sign-in, when no other is known. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

let deploymentZone: string | null = null;

/** Keeps the deployment's time zone the session names (session.ts calls it, as it keeps the CSRF token). */
export function setHomeTimeZone(zone: string | null | undefined): void {
  deploymentZone = zone ?? null;
}

/**
 * Issue 14: the zone of times that concern no institution in particular (an audit event, the
 * server's start, a draft saved), and of any time while its institution's zone is still loading:
 * the deployment's (Asia/Baku for the pilots), which the session names; the browser's only before
 * sign-in. A PC set to UTC or New York never moves a deadline.
 */
export function homeTimeZone(): string {
  return deploymentZone ?? browserTimeZone();
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Issue 14: an instant as day-month-year and 24-hour time, in the time zone given (the institution's)
 * or else the deployment's, never the browser's; `withSeconds` for the audit trail. The one helper
 * behind `useFormats().dateTime` for code outside React.
 */
export function formatInstant(
  iso: string | null | undefined,
  language: string | undefined,
  timeZone?: string | null,
  withSeconds = false,
): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = dateLocale(language);
  const zone = timeZone || homeTimeZone();
  const key = `${locale}|${zone}|${withSeconds}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' as const } : {}),
      hourCycle: 'h23',
      timeZone: zone,
    });
    instantFormats.set(key, format);
  }
  return format.format(d);
}

/**
 * A `datetime-local` value (to the second) for an instant: the wall-clock time in the time zone of
 * the institution concerned, not the browser's (the browser's only while that is not known yet).
 */
export function toLocalInput(date: Date, timeZone: string | undefined): string {
  return instantToWallTime(date, timeZone ?? homeTimeZone());
}

/**
 * An instant (ISO, as the schemas want it) from a `datetime-local` value read as wall-clock time in
 * the institution's time zone; undefined when empty, the text itself when not a date (so that the
 * schema reports it).
 */
export function fromLocalInput(value: string, timeZone: string | undefined): string | undefined {
  if (!value.trim()) return undefined;
  return wallTimeToInstant(value, timeZone ?? homeTimeZone()) ?? value;
}

/** Dates, instants and numbers in the current language: `const { date, dateTime, number } = useFormats()`. */
export function useFormats() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'az';
  const locale = dateLocale(language);
  const formats = useMemo(
    () => ({
      date: new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      }),
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
    /**
     * Date and time of an instant in the time zone given (the institution's), else the deployment's,
     * never the browser's (issue 14); `withSeconds` for the audit trail.
     */
    dateTime: useCallback(
      (iso: string | null | undefined, timeZone?: string | null, withSeconds = false) =>
        formatInstant(iso, language, timeZone, withSeconds),
      [language],
    ),
    /** The zone times are shown in, for a note beside them: "Asia/Baku". */
    timeZone: useCallback((timeZone?: string | null) => timeZone || homeTimeZone(), []),
    number: useCallback((n: number) => formats.number.format(n), [formats]),
  };
}

/**
 * Issue 14: the note beside times a user could doubt (the navigation, a time input): "Times in
 * Asia/Baku time", for the zone given (the institution's) or else the deployment's.
 */
export function useTimeZoneNote(): (timeZone?: string | null) => string {
  const { t } = useTranslation('common');
  return useCallback(
    (timeZone?: string | null) => t('app.timeZone', { zone: timeZone || homeTimeZone() }),
    [t],
  );
}
