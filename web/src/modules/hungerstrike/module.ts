import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./hungerstrike.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonHungerStrikesTab'>) => async () => ({
  Component: (await import('./hungerstrike.pages.ts'))[name],
});

/**
 * Hunger strikes in the web app (issue 17 items 5–7; ADR 0042): the list of strikes followed, the
 * person's tab with "open a hunger strike", the record with its daily sheet, the advance instructions,
 * the refeeding protocol and the report by duration.
 */
export const hungerstrikeModule: AppModule = {
  name: 'hungerstrike',
  namespaces: ['hungerstrike'],
  nav: [
    { to: '/hunger-strikes', labelKey: 'hungerstrike:nav.list', permission: 'hungerstrike.read' },
    {
      to: '/hunger-strikes/report',
      labelKey: 'hungerstrike:nav.report',
      permission: 'hungerstrike.report.read',
    },
  ],
  routes: [
    { path: 'hunger-strikes', handle: { permission: 'hungerstrike.read' }, lazy: page('ListPage') },
    {
      path: 'hunger-strikes/report',
      handle: { permission: 'hungerstrike.report.read' },
      lazy: page('ReportPage'),
    },
    {
      path: 'hunger-strikes/persons/:personId/new',
      handle: { permission: 'hungerstrike.record' },
      lazy: page('OpenPage'),
    },
    { path: 'hunger-strikes/:id', handle: { permission: 'hungerstrike.read' }, lazy: page('RecordPage') },
    {
      path: 'hunger-strikes/:id/instructions',
      handle: { permission: 'hungerstrike.read' },
      lazy: page('InstructionsPage'),
    },
    {
      path: 'hunger-strikes/:id/refeeding',
      handle: { permission: 'hungerstrike.read' },
      lazy: page('RefeedingPage'),
    },
  ],
  personTabs: [
    {
      key: 'hunger-strikes',
      labelKey: 'hungerstrike:tabs.person',
      permission: 'hungerstrike.read',
      component: lazy(async () => ({
        default: (await import('./hungerstrike.pages.ts')).PersonHungerStrikesTab,
      })),
    },
  ],
  worklistLink: (item) => {
    if (!item.kind.startsWith('hungerstrike_')) return null;
    const id = encodeURIComponent(item.subjectId);
    if (item.kind === 'hungerstrike_reconfirmation') return `/hunger-strikes/${id}/instructions`;
    if (item.kind === 'hungerstrike_refeeding_step') return `/hunger-strikes/${id}/refeeding`;
    return `/hunger-strikes/${id}`;
  },
};
