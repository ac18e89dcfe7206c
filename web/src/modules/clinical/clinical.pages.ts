/** The medical record's pages: one chunk, loaded when one of its routes or person tabs is first opened. */
export { EncounterPage } from './EncounterPage.tsx';
export { HealthAlertsTab } from './HealthAlertsTab.tsx';
export { MedicalRecordTab } from './MedicalRecordTab.tsx';
export { RulesPage, TerminologyPage } from './ReferencePages.tsx';
