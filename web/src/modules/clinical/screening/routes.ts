import type { RouteObject } from 'react-router';
import type { NavEntry } from '../../../app/appModule.ts';

type Pages = typeof import('./screening.pages.ts');
const page = (name: keyof Pages) => async () => ({
  Component: (await import('./screening.pages.ts'))[name],
});

/**
 * The admission-screening pages (ADM-1 … ADM-10): the open tasks, one task, and the screening form
 * of an encounter (filled in by doctors, feldshers and nurses; the page checks that permission for
 * editing and signing, the server on every request).
 */
export const screeningRoutes: RouteObject[] = [
  {
    path: 'clinical/screenings',
    handle: { permission: 'clinical.record.read' },
    lazy: page('ScreeningsPage'),
  },
  {
    path: 'clinical/screenings/:encounterId',
    handle: { permission: 'clinical.record.read' },
    lazy: page('ScreeningPage'),
  },
  { path: 'clinical/tasks/:id', handle: { permission: 'clinical.record.read' }, lazy: page('TaskPage') },
];

export const screeningNav: NavEntry[] = [
  { to: '/clinical/screenings', labelKey: 'screening:nav.screenings', permission: 'clinical.record.read' },
];
