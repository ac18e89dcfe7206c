import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./medication.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonMedicationTab'>) => async () => ({
  Component: (await import('./medication.pages.ts'))[name],
});

/**
 * Medication in the web app (issue 15, first slice): the dose round, prescribing from the person's
 * page, and the person's medication tab. Custodial staff see none of it; their worklist shows only
 * that a person must attend the dose round (MED-3), which links to the person's custodial page.
 */
export const medicationModule: AppModule = {
  name: 'medication',
  namespaces: ['medication', 'registry'],
  nav: [{ to: '/medication/round', labelKey: 'medication:nav.round', permission: 'medication.read' }],
  routes: [
    { path: 'medication/round', handle: { permission: 'medication.read' }, lazy: page('RoundPage') },
    {
      path: 'medication/persons/:id/prescribe',
      handle: { permission: 'medication.prescribe' },
      lazy: page('PrescribePage'),
    },
  ],
  personTabs: [
    {
      key: 'medication',
      labelKey: 'medication:tabs.medication',
      permission: 'medication.read',
      component: lazy(async () => ({ default: (await import('./medication.pages.ts')).PersonMedicationTab })),
    },
  ],
  worklistLink: (item) =>
    item.kind === 'attend_dose_round'
      ? `/registry/persons/${encodeURIComponent(item.subjectId)}`
      : item.kind === 'programme_doses_missed'
        ? `/registry/persons/${encodeURIComponent(item.subjectId)}?tab=medication`
        : item.kind === 'dose_due' || item.kind === 'dose_overdue'
          ? // The round holding the dose (the morning round's late doses when the noon round is on).
            `/medication/round${item.dueAt ? `?at=${encodeURIComponent(item.dueAt)}` : ''}`
          : null,
};
