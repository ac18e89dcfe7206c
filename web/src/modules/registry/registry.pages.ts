/** The registry module's pages: one chunk, loaded when one of its routes is first opened. */
export { AdmissionPage } from './AdmissionPage.tsx';
export { InstitutionPage, InstitutionsPage } from './InstitutionsPage.tsx';
export { CellPage, LivingSpacePage } from './LivingSpacePage.tsx';
export { PersonPage } from './PersonPage.tsx';
export { PersonSearchPage } from './PersonSearchPage.tsx';
export { StaffPage } from './StaffPage.tsx';
