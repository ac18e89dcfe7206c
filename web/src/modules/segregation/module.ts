import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./segregation.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonSegregationTab'>) => async () => ({
  Component: (await import('./segregation.pages.ts'))[name],
});

/**
 * Solitary confinement and segregation in the web app (issue 18 item 4, ADR 0033): the wing list of
 * separated people, a placement with its timeline and the forms of each role, and signing a
 * placement. Every worklist item of the module links to its placement.
 */
export const segregationModule: AppModule = {
  name: 'segregation',
  namespaces: ['segregation', 'registry'],
  nav: [
    { to: '/segregation', labelKey: 'segregation:nav.wing', permission: 'segregation.read' },
    { to: '/segregation/register', labelKey: 'segregation:nav.register', permission: 'segregation.export' },
  ],
  routes: [
    { path: 'segregation', handle: { permission: 'segregation.read' }, lazy: page('WingListPage') },
    {
      path: 'segregation/register',
      handle: { permission: 'segregation.export' },
      lazy: page('RegisterPage'),
    },
    {
      path: 'segregation/start',
      handle: { permission: 'segregation.placement.decide' },
      lazy: page('StartPage'),
    },
    {
      path: 'segregation/placements/:id',
      handle: { permission: 'segregation.read' },
      lazy: page('PlacementPage'),
    },
  ],
  personTabs: [
    {
      key: 'segregation',
      labelKey: 'segregation:tabs.segregation',
      permission: 'segregation.read',
      component: lazy(async () => ({
        default: (await import('./segregation.pages.ts')).PersonSegregationTab,
      })),
    },
  ],
  worklistLink: (item) =>
    item.kind.startsWith('segregation_')
      ? `/segregation/placements/${encodeURIComponent(item.subjectId)}`
      : null,
};
