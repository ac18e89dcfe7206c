import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./requests.pages.ts');
const page = (name: keyof Pages) => async () => ({
  Component: (await import('./requests.pages.ts'))[name],
});

/**
 * Confidential requests to health care (MED-5), complaints (RES-7) and allegations escalated
 * (INJ-4) in the web app (ADR 0038): the health staff's triage list, a request from the box, the
 * kiosk, the complaints and their handling, the examination after an allegation, the registers.
 */
export const requestsModule: AppModule = {
  name: 'requests',
  namespaces: ['requests', 'registry'],
  nav: [
    { to: '/requests', labelKey: 'requests:nav.health', permission: 'requests.health.read' },
    { to: '/requests/kiosk', labelKey: 'requests:nav.kiosk', permission: 'requests.kiosk.submit' },
    { to: '/complaints', labelKey: 'requests:nav.complaints', permission: 'requests.complaint.read' },
    { to: '/requests/register', labelKey: 'requests:nav.register', permission: 'requests.register.read' },
  ],
  routes: [
    { path: 'requests', handle: { permission: 'requests.health.read' }, lazy: page('HealthRequestsPage') },
    { path: 'requests/new', handle: { permission: 'requests.health.enter' }, lazy: page('EnterRequestPage') },
    { path: 'requests/kiosk', handle: { permission: 'requests.kiosk.submit' }, lazy: page('KioskPage') },
    {
      path: 'requests/register',
      handle: { permission: 'requests.register.read' },
      lazy: page('RegisterPage'),
    },
    {
      path: 'requests/examinations/:id',
      handle: { permission: 'requests.health.read' },
      lazy: page('ExaminationPage'),
    },
    { path: 'requests/:id', handle: { permission: 'requests.health.read' }, lazy: page('HealthRequestPage') },
    { path: 'complaints', handle: { permission: 'requests.complaint.read' }, lazy: page('ComplaintsPage') },
    {
      path: 'complaints/new',
      handle: { permission: 'requests.complaint.register' },
      lazy: page('NewComplaintPage'),
    },
    {
      path: 'complaints/:id',
      handle: { permission: 'requests.complaint.read' },
      lazy: page('ComplaintPage'),
    },
  ],
  worklistLink: (item) => {
    const id = encodeURIComponent(item.subjectId);
    if (item.kind === 'requests_allegation_examination') return `/requests/examinations/${id}`;
    if (item.kind === 'requests_complaint_due') return `/complaints/${id}`;
    if (item.kind.startsWith('requests_triage')) return `/requests/${id}`;
    return null;
  },
};
