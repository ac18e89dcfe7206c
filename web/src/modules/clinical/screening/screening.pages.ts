/** The admission-screening pages: one chunk, loaded when one of their routes is first opened. */
export { ScreeningPage } from './ScreeningPage.tsx';
export { ScreeningsPage } from './ScreeningsPage.tsx';
export { TaskPage } from './TaskPage.tsx';
