/** The hunger-strike module's pages: one chunk, loaded when one of its routes is opened. */
export { InstructionsPage } from './InstructionsPage.tsx';
export { ListPage } from './ListPage.tsx';
export { OpenPage } from './OpenPage.tsx';
export { PersonHungerStrikesTab } from './PersonHungerStrikesTab.tsx';
export { RecordPage } from './RecordPage.tsx';
export { RefeedingPage } from './RefeedingPage.tsx';
export { ReportPage } from './ReportPage.tsx';
