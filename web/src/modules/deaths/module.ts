import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./deaths.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonDeathsTab'>) => async () => ({
  Component: (await import('./deaths.pages.ts'))[name],
});

/**
 * Deaths in custody, serious injuries and disappearances in the web app (issue 18 item 5, ADR 0037):
 * the open events, reporting one, the event with its checklist, review and actions, and the register.
 * Every worklist item of the module links to its event.
 */
export const deathsModule: AppModule = {
  name: 'deaths',
  namespaces: ['deaths', 'registry'],
  nav: [{ to: '/deaths', labelKey: 'deaths:nav.events', permission: 'deaths.read' }],
  routes: [
    { path: 'deaths', handle: { permission: 'deaths.read' }, lazy: page('EventsPage') },
    { path: 'deaths/record', handle: { permission: 'deaths.record' }, lazy: page('RecordPage') },
    { path: 'deaths/register', handle: { permission: 'deaths.register.read' }, lazy: page('RegisterPage') },
    { path: 'deaths/events/:id', handle: { permission: 'deaths.read' }, lazy: page('EventPage') },
  ],
  personTabs: [
    {
      key: 'deaths',
      labelKey: 'deaths:person.tab',
      permission: 'deaths.read',
      component: lazy(async () => ({ default: (await import('./deaths.pages.ts')).PersonDeathsTab })),
    },
  ],
  worklistLink: (item) =>
    item.kind.startsWith('deaths_') ? `/deaths/events/${encodeURIComponent(item.subjectId)}` : null,
};
