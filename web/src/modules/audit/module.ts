import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./audit.pages.ts');
const page = (name: keyof Pages) => async () => ({ Component: (await import('./audit.pages.ts'))[name] });

/** The audit module in the web app: search of the audit trail and the subject-access report. */
export const auditModule: AppModule = {
  name: 'audit',
  namespaces: ['audit', 'identity'],
  nav: [
    { to: '/audit/events', labelKey: 'audit:nav.events', permission: 'audit.read' },
    { to: '/audit/subject-access', labelKey: 'audit:nav.subjectAccess', permission: 'audit.subject_access' },
  ],
  routes: [
    { path: 'audit/events', handle: { permission: 'audit.read' }, lazy: page('AuditEventsPage') },
    {
      path: 'audit/subject-access',
      handle: { permission: 'audit.subject_access' },
      lazy: page('SubjectAccessPage'),
    },
  ],
};
