import type { Drug } from '@custodia/domain/medication';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A drug's name in the current language (az, en or ru), with its strength. */
export function useDrugName() {
  const { i18n } = useTranslation();
  return useCallback(
    (drug: Drug) => {
      const lang = (i18n.resolvedLanguage ?? 'az') as 'az' | 'en' | 'ru';
      return `${drug.names[lang] ?? drug.names.en} ${drug.strength}`;
    },
    [i18n.resolvedLanguage],
  );
}

/** A time of day (HH:MM) of an instant in the institution's zone. */
export function timeIn(instant: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timeZone ?? 'Asia/Baku',
  }).format(new Date(instant));
}
