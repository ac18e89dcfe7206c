/** The programmes module's pages: one chunk, loaded when one of its routes is opened. */

export { CascadePage } from './CascadePage.tsx';
export { ContactsPage } from './ContactsPage.tsx';
export { PepReportPage } from './PepReportPage.tsx';
export { PersonProgrammesTab } from './PersonProgrammesTab.tsx';
export { RegisterPage } from './RegisterPage.tsx';
export { ReportPage } from './ReportPage.tsx';
