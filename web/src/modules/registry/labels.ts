import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedName, PersonNames } from './registry.api.ts';

/** A dark amber for warnings (Mantine's darkest orange is under 4.5:1 at badge size). */
export const WARNING_COLOR = '#9a3b00';

/** The locale for dates and numbers: day-month-year everywhere (English as in the United Kingdom). */
function dateLocale(language: string | undefined): string {
  if (language === 'en') return 'en-GB';
  if (language === 'ru') return 'ru-RU';
  return 'az-Latn-AZ';
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

/** A `datetime-local` value (local time, to the second) for an instant. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * An instant (ISO with offset, as the schemas want it) from a `datetime-local` value in the
 * browser's time zone; undefined when empty or not a date, so that the schema reports it.
 */
export function fromLocalInput(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * Translated labels of the registry's codes (namespace `registry`), dates and numbers in the current
 * language. A code this web app does not know yet (a newer server) is shown as the code itself.
 */
export function useRegistryLabels() {
  const { t, i18n } = useTranslation('registry');
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
      dateTime: new Intl.DateTimeFormat(locale, {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    }),
    [locale],
  );
  const code = useCallback(
    (group: string, value: string | null | undefined) =>
      value ? t(`${group}.${value}`, { defaultValue: value }) : '',
    [t],
  );
  return {
    status: useCallback((v: string | null | undefined) => code('statuses', v), [code]),
    cellType: useCallback((v: string | null | undefined) => code('cellTypes', v), [code]),
    legalStatus: useCallback((v: string | null | undefined) => code('legalStatuses', v), [code]),
    absenceKind: useCallback((v: string | null | undefined) => code('absenceKinds', v), [code]),
    sex: useCallback((v: string | null | undefined) => code('sexes', v), [code]),
    institutionKind: useCallback((v: string | null | undefined) => code('institutionKinds', v), [code]),
    populationSex: useCallback((v: string | null | undefined) => code('populationSexes', v), [code]),
    spaceProblem: useCallback((v: string | null | undefined) => code('spaceProblems', v), [code]),
    eventType: useCallback((v: string | null | undefined) => code('eventTypes', v), [code]),
    institutionName: useCallback(
      (name: LocalizedName | null | undefined) =>
        name ? (name[language as keyof LocalizedName] ?? name.az) : '',
      [language],
    ),
    date: useCallback(
      (iso: string | null | undefined) => {
        if (!iso) return '';
        const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? iso : formats.date.format(d);
      },
      [formats],
    ),
    dateTime: useCallback(
      (iso: string | null | undefined) => {
        if (!iso) return '';
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : formats.dateTime.format(d);
      },
      [formats],
    ),
    number: useCallback((n: number) => formats.number.format(n), [formats]),
  };
}

export type RegistryLabels = ReturnType<typeof useRegistryLabels>;
