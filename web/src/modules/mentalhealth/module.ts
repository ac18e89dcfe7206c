import { lazy } from 'react';
import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./mentalhealth.pages.ts');
const page = (name: Exclude<keyof Pages, 'PersonMentalHealthTab'>) => async () => ({
  Component: (await import('./mentalhealth.pages.ts'))[name],
});

/**
 * Mental health in the web app (issue 17 items 1–3; ADR 0043): the referral inbox and transfers
 * (MHS-1, MHS-5), a referral with its assessment, the instruments with the person's self-report
 * mode and the scores chart (MHT-1), therapy groups and session registers (MHS-2, MHS-9, MHT-3),
 * the month's report. Any member of staff reaches the referral form.
 */
export const mentalhealthModule: AppModule = {
  name: 'mentalhealth',
  namespaces: ['mentalhealth', 'registry'],
  nav: [
    { to: '/mentalhealth', labelKey: 'mentalhealth:nav.inbox', permission: 'mentalhealth.read' },
    { to: '/mentalhealth/courses', labelKey: 'mentalhealth:nav.courses', permission: 'mentalhealth.read' },
    {
      to: '/mentalhealth/refer',
      labelKey: 'mentalhealth:nav.refer',
      permission: 'mentalhealth.referral.raise',
    },
    {
      to: '/mentalhealth/report',
      labelKey: 'mentalhealth:nav.report',
      permission: 'mentalhealth.report.read',
    },
  ],
  routes: [
    { path: 'mentalhealth', handle: { permission: 'mentalhealth.read' }, lazy: page('InboxPage') },
    {
      path: 'mentalhealth/refer',
      handle: { permission: 'mentalhealth.referral.raise' },
      lazy: page('ReferPage'),
    },
    {
      path: 'mentalhealth/transfers',
      handle: { permission: 'mentalhealth.read' },
      lazy: page('TransfersPage'),
    },
    {
      path: 'mentalhealth/report',
      handle: { permission: 'mentalhealth.report.read' },
      lazy: page('ReportPage'),
    },
    { path: 'mentalhealth/courses', handle: { permission: 'mentalhealth.read' }, lazy: page('CoursesPage') },
    {
      path: 'mentalhealth/courses/:id',
      handle: { permission: 'mentalhealth.read' },
      lazy: page('CoursePage'),
    },
    {
      path: 'mentalhealth/tasks/:id',
      handle: { permission: 'mentalhealth.read' },
      lazy: page('ScreeningTaskPage'),
    },
    {
      path: 'mentalhealth/referrals/:id',
      handle: { permission: 'mentalhealth.read' },
      lazy: page('ReferralPage'),
    },
    {
      path: 'mentalhealth/persons/:personId',
      handle: { permission: 'mentalhealth.read' },
      lazy: page('InstrumentsPage'),
    },
  ],
  personTabs: [
    {
      key: 'mentalhealth',
      labelKey: 'mentalhealth:personTab.label',
      permission: 'mentalhealth.read',
      component: lazy(async () => ({
        default: (await import('./mentalhealth.pages.ts')).PersonMentalHealthTab,
      })),
    },
  ],
  worklistLink: (item) => {
    const id = encodeURIComponent(item.subjectId);
    if (item.kind.startsWith('mentalhealth_referral')) return `/mentalhealth/referrals/${id}`;
    if (item.kind.startsWith('mentalhealth_transfer')) return '/mentalhealth/transfers';
    return null;
  },
};
