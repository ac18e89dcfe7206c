import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./restraint.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonRestraintTab'>) => async () => ({
  Component: (await import('./restraint.pages.ts'))[name],
});

const restraintKinds = [
  'restraint_observation',
  'restraint_review',
  'restraint_examination',
  'restraint_approval',
  'restraint_escalation',
  'restraint_debrief_person',
  'restraint_debrief_staff',
];

/**
 * Restraint and seclusion in the web app (issue 6): the ward's live board, starting an episode,
 * the episode with its timeline and actions, the register with its exports, the monthly report, and
 * a tab on the person page.
 */
export const restraintModule: AppModule = {
  name: 'restraint',
  namespaces: ['restraint', 'registry', 'identity', 'clinical'],
  nav: [
    { to: '/restraint/board', labelKey: 'restraint:nav.board', permission: 'restraint.board.read' },
    { to: '/restraint/register', labelKey: 'restraint:nav.register', permission: 'restraint.register.read' },
    { to: '/restraint/reports', labelKey: 'restraint:nav.reports', permission: 'restraint.report.read' },
    { to: '/restraint/policy', labelKey: 'restraint:nav.policy', permission: 'restraint.policy.manage' },
  ],
  routes: [
    { path: 'restraint/board', handle: { permission: 'restraint.board.read' }, lazy: page('BoardPage') },
    { path: 'restraint/start', handle: { permission: 'restraint.episode.start' }, lazy: page('StartPage') },
    {
      path: 'restraint/episodes/:id',
      handle: { permission: 'restraint.board.read' },
      lazy: page('EpisodePage'),
    },
    {
      path: 'restraint/register',
      handle: { permission: 'restraint.register.read' },
      lazy: page('RegisterPage'),
    },
    { path: 'restraint/reports', handle: { permission: 'restraint.report.read' }, lazy: page('ReportPage') },
    { path: 'restraint/policy', handle: { permission: 'restraint.register.read' }, lazy: page('PolicyPage') },
  ],
  personTabs: [
    {
      key: 'restraint',
      labelKey: 'restraint:tabs.restraint',
      permission: 'restraint.register.read',
      component: lazy(async () => ({ default: (await import('./restraint.pages.ts')).PersonRestraintTab })),
    },
  ],
  worklistLink: (item) =>
    restraintKinds.includes(item.kind) ? `/restraint/episodes/${encodeURIComponent(item.subjectId)}` : null,
};
