/** The audit module's pages: one chunk, loaded when one of its routes is first opened. */
export { AuditEventsPage } from './AuditEventsPage.tsx';
export { SubjectAccessPage } from './SubjectAccessPage.tsx';
