import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';
import { screeningNav, screeningRoutes } from './screening/routes.ts';

const page = (name: 'EncounterPage' | 'TerminologyPage' | 'RulesPage') => async () => ({
  Component: (await import('./clinical.pages.ts'))[name],
});
const tab = (name: 'MedicalRecordTab' | 'HealthAlertsTab') =>
  lazy(async () => ({ default: (await import('./clinical.pages.ts'))[name] }));

/** The kinds of clinical task the worklist shows (their subject is the task). */
export const clinicalTaskKinds = [
  'admission_screening',
  'rescreening',
  'tb_diagnostic',
  'mental_health_referral',
  'prescriber_review',
  'post_restraint_examination',
  'screening_countersignature',
] as const;

/**
 * The medical record in the web app (issue 5): the chart as a tab of the person page for health-care
 * staff, encounters with sign-lock and corrections, and the health alerts — the one part custodial
 * staff see, as coded functional flags (MED-3). Admission screening lives in `./screening`.
 */
export const clinicalModule: AppModule = {
  name: 'clinical',
  namespaces: ['clinical', 'screening', 'registry'],
  nav: [
    ...screeningNav,
    { to: '/clinical/terminology', labelKey: 'clinical:nav.terminology', permission: 'terminology.read' },
    { to: '/clinical/rules', labelKey: 'clinical:nav.rules', permission: 'rules.threshold.read' },
  ],
  routes: [
    {
      path: 'clinical/encounters/:id',
      handle: { permission: 'clinical.record.read' },
      lazy: page('EncounterPage'),
    },
    ...screeningRoutes,
    {
      path: 'clinical/terminology',
      handle: { permission: 'terminology.read' },
      lazy: page('TerminologyPage'),
    },
    { path: 'clinical/rules', handle: { permission: 'rules.threshold.read' }, lazy: page('RulesPage') },
  ],
  personTabs: [
    {
      key: 'medical-record',
      labelKey: 'clinical:tabs.record',
      permission: 'clinical.record.read',
      component: tab('MedicalRecordTab'),
    },
    {
      key: 'health-alerts',
      labelKey: 'clinical:tabs.alerts',
      permission: 'health_alert.read',
      component: tab('HealthAlertsTab'),
    },
  ],
  // Every clinical task (a screening or a follow-up) opens on its task page; a missed observation
  // check (MHS-3, its subject the person) on the person's health alerts.
  // A note awaiting its author's signature (issue 14) opens the encounter.
  worklistLink: (item) =>
    item.kind === 'observation_check'
      ? `/registry/persons/${encodeURIComponent(item.subjectId)}?tab=health-alerts`
      : item.kind === 'encounter_signature'
        ? `/clinical/encounters/${encodeURIComponent(item.subjectId)}`
        : (clinicalTaskKinds as readonly string[]).includes(item.kind)
          ? `/clinical/tasks/${encodeURIComponent(item.subjectId)}`
          : null,
};
