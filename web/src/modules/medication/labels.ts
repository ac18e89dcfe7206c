import type { Drug } from '@custodia/domain/medication';
import { instantToWallTime } from '@custodia/domain/platform/zoned-time';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { homeTimeZone } from '../../app/format.ts';

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

/** A time of day (HH:MM) of an instant in the institution's zone (else the deployment's). */
export function timeIn(instant: string, timeZone: string | undefined): string {
  return instantToWallTime(instant, timeZone ?? homeTimeZone()).slice(11, 16);
}
