/** The use-of-force module's pages: one chunk, loaded when one of its routes is opened. */
export { IncidentPage } from './IncidentPage.tsx';
export { ListPage } from './ListPage.tsx';
export { PersonForceTab } from './PersonForceTab.tsx';
export { RegisterPage } from './RegisterPage.tsx';
export { ReportPage } from './ReportPage.tsx';
export { ReviewPage } from './ReviewPage.tsx';
