import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./programmes.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonProgrammesTab'>) => async () => ({
  Component: (await import('./programmes.pages.ts'))[name],
});

/**
 * Programme registers in the web app (issue 16; ADR 0044): the TB tab of the person's chart, the TB
 * register of the institution, a contact investigation, and the quarterly cohort report. Every TB
 * worklist item opens the person's programme tab.
 */
export const programmesModule: AppModule = {
  name: 'programmes',
  namespaces: ['programmes'],
  nav: [
    { to: '/tb/register', labelKey: 'programmes:nav.register', permission: 'programmes.read' },
    { to: '/tb/report', labelKey: 'programmes:nav.report', permission: 'programmes.report.read' },
    { to: '/pep/report', labelKey: 'programmes:nav.pepReport', permission: 'programmes.report.read' },
    { to: '/bbv/cascade', labelKey: 'programmes:nav.cascade', permission: 'programmes.report.read' },
  ],
  routes: [
    { path: 'tb/register', handle: { permission: 'programmes.read' }, lazy: page('RegisterPage') },
    { path: 'tb/report', handle: { permission: 'programmes.report.read' }, lazy: page('ReportPage') },
    { path: 'tb/contacts/:id', handle: { permission: 'programmes.read' }, lazy: page('ContactsPage') },
    { path: 'pep/report', handle: { permission: 'programmes.report.read' }, lazy: page('PepReportPage') },
    { path: 'bbv/cascade', handle: { permission: 'programmes.report.read' }, lazy: page('CascadePage') },
  ],
  personTabs: [
    {
      key: 'programmes',
      labelKey: 'programmes:tabs.programmes',
      permission: 'programmes.read',
      component: lazy(async () => ({ default: (await import('./programmes.pages.ts')).PersonProgrammesTab })),
    },
  ],
  worklistLink: (item) =>
    ['tb_', 'pep_', 'hepb_', 'bbv_'].some((prefix) => item.kind.startsWith(prefix))
      ? `/registry/persons/${encodeURIComponent(item.subjectId)}?tab=programmes`
      : null,
};
