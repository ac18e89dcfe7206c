import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./injuries.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonInjuriesTab'>) => async () => ({
  Component: (await import('./injuries.pages.ts'))[name],
});

/**
 * Injury documentation and reporting in the web app (issue 18 items 1, 2, 7–8; ADR 0035): the person's
 * injuries tab, the new-record form (`?context=…&source=…` from the address), the record with its
 * photographs, reports and copies, the report recipients and the register.
 */
export const injuriesModule: AppModule = {
  name: 'injuries',
  namespaces: ['injuries', 'screening', 'registry'],
  nav: [
    { to: '/injuries/register', labelKey: 'injuries:nav.register', permission: 'injuries.register.read' },
    {
      to: '/injuries/recipients',
      labelKey: 'injuries:nav.recipients',
      permission: 'injuries.recipients.manage',
    },
  ],
  routes: [
    {
      path: 'injuries/register',
      handle: { permission: 'injuries.register.read' },
      lazy: page('RegisterPage'),
    },
    {
      path: 'injuries/recipients',
      handle: { permission: 'injuries.recipients.manage' },
      lazy: page('RecipientsPage'),
    },
    {
      path: 'injuries/persons/:personId/new',
      handle: { permission: 'injuries.record.write' },
      lazy: page('NewRecordPage'),
    },
    {
      path: 'injuries/records/:id',
      handle: { permission: 'injuries.record.read' },
      lazy: page('RecordPage'),
    },
  ],
  personTabs: [
    {
      key: 'injuries',
      labelKey: 'injuries:tabs.injuries',
      permission: 'injuries.record.read',
      component: lazy(async () => ({
        default: (await import('./injuries.pages.ts')).PersonInjuriesTab,
      })),
    },
  ],
  worklistLink: (item) => {
    if (!item.kind.startsWith('injuries_')) return null;
    if (item.kind === 'injuries_admission_injuries') {
      const [personId = '', encounterId = ''] = item.subjectId.split(':');
      return `/injuries/persons/${encodeURIComponent(personId)}/new?context=admission&source=${encodeURIComponent(encounterId)}`;
    }
    return `/injuries/records/${encodeURIComponent(item.subjectId)}`;
  },
};
