/** The mental-health module's pages: one chunk, loaded when one of its routes is opened. */
export { InstrumentsPage, PersonMentalHealthTab } from './InstrumentsPage.tsx';
export { InboxPage, ReferPage, ReferralPage, ScreeningTaskPage, TransfersPage } from './ReferralPages.tsx';
export { ReportPage } from './ReportPage.tsx';
export { CoursePage, CoursesPage } from './TherapyPages.tsx';
