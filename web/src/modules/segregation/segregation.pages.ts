/** The segregation module's pages: one chunk, loaded when one of its routes is opened. */
export { PersonSegregationTab } from './PersonSegregationTab.tsx';
export { PlacementPage } from './PlacementPage.tsx';
export { RegisterPage } from './RegisterPage.tsx';
export { StartPage } from './StartPage.tsx';
export { WingListPage } from './WingListPage.tsx';
