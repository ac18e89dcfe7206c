/** The restraint module's pages: one chunk, loaded when one of its routes or its person tab is opened. */
export { BoardPage } from './BoardPage.tsx';
export { EpisodePage } from './EpisodePage.tsx';
export { PersonRestraintTab } from './PersonRestraintTab.tsx';
export { PolicyPage } from './PolicyPage.tsx';
export { RegisterPage, ReportPage } from './RegisterPage.tsx';
export { StartPage } from './StartPage.tsx';
