import type { HealthAlertDetail } from '@custodia/domain/clinical';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistryLabels } from '../registry/labels.ts';

/**
 * The words for one health alert, from its codes only (MED-3: what to do, never why): "Observe every
 * 15 minutes", "Special diet: diabetic". An alert of a kind this web app does not know yet says so.
 */
export function alertText(t: TFunction, detail: HealthAlertDetail | null | undefined): string {
  const tc = (key: string, options: Record<string, unknown> = {}) => t(key, { ns: 'clinical', ...options });
  if (!detail) return tc('alerts.text.unknown');
  switch (detail.kind) {
    case 'observation':
      return tc('alerts.text.observation', { minutes: detail.intervalMinutes });
    case 'not_fit_for_segregation':
      return tc('alerts.text.not_fit_for_segregation');
    case 'special_diet':
      return tc('alerts.text.special_diet', { diet: tc(`alerts.diets.${detail.diet}`) });
    case 'mobility_aid':
      return tc('alerts.text.mobility_aid', { aid: tc(`alerts.aids.${detail.aid}`) });
    case 'infection_control':
      return tc('alerts.text.infection_control', {
        precaution: tc(`alerts.precautions.${detail.precaution}`),
      });
    case 'fitness':
      return tc('alerts.text.fitness', {
        area: tc(`alerts.fitnessAreas.${detail.area}`),
        result: tc(`alerts.fitnessResults.${detail.result}`),
      });
    case 'obstetric':
      return tc('alerts.text.obstetric', { stage: tc(`alerts.stages.${detail.stage}`) });
    case 'hunger_strike':
      return tc('alerts.text.hunger_strike');
    default:
      return tc('alerts.text.unknown');
  }
}

/**
 * Translated labels of the medical record's codes (namespace `clinical`), with the registry's dates
 * and numbers (day-month-year, the institution's time zone). An unknown code is shown as itself.
 */
export function useClinicalLabels() {
  const { t } = useTranslation('clinical');
  const base = useRegistryLabels();
  const code = useCallback(
    (group: string, value: string | null | undefined) =>
      value ? t(`${group}.${value}`, { defaultValue: value }) : '',
    [t],
  );
  return useMemo(
    () => ({
      date: base.date,
      dateTime: base.dateTime,
      number: base.number,
      encounterType: (v: string | null | undefined) => code('encounterTypes', v),
      encounterStatus: (v: string | null | undefined) => code('encounterStatuses', v),
      presentKind: (v: string | null | undefined) => code('presentKinds', v),
      sex: (v: string | null | undefined) => code('sexes', v),
      vitalSign: (v: string | null | undefined) => code('vitals.names', v),
      vitalUnit: (v: string | null | undefined) => code('vitals.units', v),
      labTest: (v: string | null | undefined) => code('labs.tests', v),
      labResult: (v: string | null | undefined) => code('labs.results', v),
      labUnit: (v: string | null | undefined) => code('labs.units', v),
      taskKind: (v: string | null | undefined) => code('worklist', v),
      allergyCategory: (v: string | null | undefined) => code('allergies.categories', v),
      allergySeverity: (v: string | null | undefined) => code('allergies.severities', v),
      allergyType: (v: string | null | undefined) => code('allergies.types', v),
      correctionKind: (v: string | null | undefined) => code('corrections.kinds', v),
      alert: (detail: HealthAlertDetail | null | undefined) => alertText(t, detail),
    }),
    [base, code, t],
  );
}

export type ClinicalLabels = ReturnType<typeof useClinicalLabels>;
