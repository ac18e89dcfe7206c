import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../app/format.ts';
import type { LocalizedName } from './registry.api.ts';

const ISO_CODE = { region: /^[A-Za-z]{2}$/, language: /^[A-Za-z]{2,3}$/ } as const;

/** The name of an ISO 3166 region or ISO 639 language code in `language`, or the value as typed. */
function isoName(value: string | null | undefined, language: string, type: 'region' | 'language'): string {
  const v = value?.trim() ?? '';
  if (!ISO_CODE[type].test(v)) return v;
  try {
    const code = type === 'region' ? v.toUpperCase() : v.toLowerCase();
    const name = new Intl.DisplayNames([language], { type, fallback: 'none' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : v;
  } catch {
    return v;
  }
}

/**
 * Translated labels of the registry's codes (namespace `registry`), dates and numbers in the current
 * language. A code this web app does not know yet (a newer server) is shown as the code itself.
 */
export function useRegistryLabels() {
  const { t, i18n } = useTranslation('registry');
  const language = i18n.resolvedLanguage ?? 'az';
  const formats = useFormats();
  const code = useCallback(
    (group: string, value: string | null | undefined) =>
      value ? t(`${group}.${value}`, { defaultValue: value }) : '',
    [t],
  );
  return {
    status: useCallback((v: string | null | undefined) => code('statuses', v), [code]),
    cellType: useCallback((v: string | null | undefined) => code('cellTypes', v), [code]),
    /** A staff position in words; one typed as free text before the list existed reads as typed. */
    staffPosition: useCallback((v: string | null | undefined) => code('staffPositions', v), [code]),
    legalStatus: useCallback((v: string | null | undefined) => code('legalStatuses', v), [code]),
    absenceKind: useCallback((v: string | null | undefined) => code('absenceKinds', v), [code]),
    sex: useCallback((v: string | null | undefined) => code('sexes', v), [code]),
    institutionKind: useCallback((v: string | null | undefined) => code('institutionKinds', v), [code]),
    populationSex: useCallback((v: string | null | undefined) => code('populationSexes', v), [code]),
    spaceProblem: useCallback((v: string | null | undefined) => code('spaceProblems', v), [code]),
    cellLighting: useCallback((v: string | null | undefined) => code('cellLightings', v), [code]),
    eventType: useCallback((v: string | null | undefined) => code('eventTypes', v), [code]),
    /**
     * A citizenship or a language typed as an ISO code ("AZ", "az") in words in the current language
     * ("Azerbaijan", "Азербайджан"); anything else as it was typed.
     */
    country: useCallback((v: string | null | undefined) => isoName(v, language, 'region'), [language]),
    language: useCallback((v: string | null | undefined) => isoName(v, language, 'language'), [language]),
    institutionName: useCallback(
      (name: LocalizedName | null | undefined) =>
        name ? (name[language as keyof LocalizedName] ?? name.az) : '',
      [language],
    ),
    ...formats,
  };
}

export type RegistryLabels = ReturnType<typeof useRegistryLabels>;
