import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./force.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonForceTab'>) => async () => ({
  Component: (await import('./force.pages.ts'))[name],
});

/**
 * Use of force in the web app (issue 18 item 3, INJ-7, RST-11; ADR 0036): the list of an
 * institution's uses of force, reporting one, the incident's page (accounts, examinations), the
 * governor's review screen and the monthly register. The worklist's lines link to the incident (the
 * governor's to the review screen).
 */
export const forceModule: AppModule = {
  name: 'force',
  namespaces: ['force', 'registry'],
  nav: [
    { to: '/force', labelKey: 'force:nav.list', permission: 'force.read' },
    { to: '/force/register', labelKey: 'force:nav.register', permission: 'force.register.read' },
  ],
  routes: [
    { path: 'force', handle: { permission: 'force.read' }, lazy: page('ListPage') },
    { path: 'force/report', handle: { permission: 'force.report.file' }, lazy: page('ReportPage') },
    { path: 'force/register', handle: { permission: 'force.register.read' }, lazy: page('RegisterPage') },
    { path: 'force/incidents/:id', handle: { permission: 'force.read' }, lazy: page('IncidentPage') },
    { path: 'force/incidents/:id/review', handle: { permission: 'force.review' }, lazy: page('ReviewPage') },
  ],
  personTabs: [
    {
      key: 'force',
      labelKey: 'force:tabs.force',
      permission: 'force.read',
      component: lazy(async () => ({ default: (await import('./force.pages.ts')).PersonForceTab })),
    },
  ],
  worklistLink: (item) => {
    if (!item.kind.startsWith('force_')) return null;
    const incident = `/force/incidents/${encodeURIComponent(item.subjectId)}`;
    return item.kind === 'force_review_due' ? `${incident}/review` : incident;
  },
};
