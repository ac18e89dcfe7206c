/** The deaths module's pages: one chunk, loaded when one of its routes is opened. */
export { EventPage } from './EventPage.tsx';
export { EventsPage } from './EventsPage.tsx';
export { PersonDeathsTab } from './PersonDeathsTab.tsx';
export { RecordPage } from './RecordPage.tsx';
export { RegisterPage } from './RegisterPage.tsx';
