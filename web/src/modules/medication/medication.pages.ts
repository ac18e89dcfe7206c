/** The medication module's pages: one chunk, loaded when one of its routes or its person tab is opened. */
export { PersonMedicationTab } from './PersonMedicationTab.tsx';
export { PrescribePage } from './PrescribePage.tsx';
export { RoundPage } from './RoundPage.tsx';
