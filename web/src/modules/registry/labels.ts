import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../app/format.ts';
import type { LocalizedName } from './registry.api.ts';

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
    eventType: useCallback((v: string | null | undefined) => code('eventTypes', v), [code]),
    institutionName: useCallback(
      (name: LocalizedName | null | undefined) =>
        name ? (name[language as keyof LocalizedName] ?? name.az) : '',
      [language],
    ),
    ...formats,
  };
}

export type RegistryLabels = ReturnType<typeof useRegistryLabels>;
