import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./selfharm.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonSelfharmTab'>) => async () => ({
  Component: (await import('./selfharm.pages.ts'))[name],
});

/**
 * Suicide and self-harm care plans in the web app (issue 17 item 4, ADR 0041): the concern any staff
 * member raises, the ward check list officers record checks from, the plan (with the clinician's
 * part for health roles), the review and post-incident review forms, the MHS-4 prompts, the report.
 */
export const selfharmModule: AppModule = {
  name: 'selfharm',
  namespaces: ['selfharm', 'registry'],
  nav: [
    { to: '/selfharm/ward', labelKey: 'selfharm:nav.ward', permission: 'selfharm.plan.read' },
    { to: '/selfharm/concern', labelKey: 'selfharm:nav.concern', permission: 'selfharm.concern.raise' },
    { to: '/selfharm/prompts', labelKey: 'selfharm:nav.prompts', permission: 'selfharm.assess' },
    { to: '/selfharm/report', labelKey: 'selfharm:nav.report', permission: 'selfharm.report.read' },
  ],
  routes: [
    { path: 'selfharm/ward', handle: { permission: 'selfharm.plan.read' }, lazy: page('WardPage') },
    { path: 'selfharm/concern', handle: { permission: 'selfharm.concern.raise' }, lazy: page('ConcernPage') },
    {
      path: 'selfharm/bad-news',
      handle: { permission: 'selfharm.concern.raise' },
      lazy: page('BadNewsPage'),
    },
    { path: 'selfharm/prompts', handle: { permission: 'selfharm.assess' }, lazy: page('PromptsPage') },
    { path: 'selfharm/report', handle: { permission: 'selfharm.report.read' }, lazy: page('ReportPage') },
    { path: 'selfharm/plans/:id', handle: { permission: 'selfharm.plan.read' }, lazy: page('PlanPage') },
    {
      path: 'selfharm/plans/:id/review',
      handle: { permission: 'selfharm.assess' },
      lazy: page('ReviewPage'),
    },
    {
      path: 'selfharm/plans/:id/incidents/:incidentId/review',
      handle: { permission: 'selfharm.assess' },
      lazy: page('PostIncidentPage'),
    },
  ],
  personTabs: [
    {
      key: 'selfharm',
      labelKey: 'selfharm:tabs.selfharm',
      permission: 'selfharm.plan.read',
      component: lazy(async () => ({ default: (await import('./selfharm.pages.ts')).PersonSelfharmTab })),
    },
  ],
  worklistLink: (item) => {
    if (!item.kind.startsWith('selfharm_')) return null;
    if (item.kind === 'selfharm_rescreen') return '/selfharm/prompts';
    if (item.kind.startsWith('selfharm_check_')) return '/selfharm/ward';
    return `/selfharm/plans/${encodeURIComponent(item.subjectId)}`;
  },
};
