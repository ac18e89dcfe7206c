/** The requests module's pages: one chunk, loaded when one of its routes is opened. */
export { ComplaintPage, ComplaintsPage, NewComplaintPage } from './ComplaintPages.tsx';
export { EnterRequestPage, ExaminationPage, HealthRequestPage, HealthRequestsPage } from './HealthPages.tsx';
export { KioskPage } from './KioskPage.tsx';
export { RegisterPage } from './RegisterPage.tsx';
