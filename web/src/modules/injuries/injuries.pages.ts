/** The injuries module's pages: one chunk, loaded when one of its routes is opened. */
export { NewRecordPage } from './NewRecordPage.tsx';
export { PersonInjuriesTab } from './PersonInjuriesTab.tsx';
export { RecipientsPage } from './RecipientsPage.tsx';
export { RecordPage } from './RecordPage.tsx';
export { RegisterPage } from './RegisterPage.tsx';
