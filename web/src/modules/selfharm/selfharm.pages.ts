/** The self-harm module's pages: one chunk, loaded when one of its routes is opened. */
export { BadNewsPage } from './BadNewsPage.tsx';
export { ConcernPage } from './ConcernPage.tsx';
export { PersonSelfharmTab } from './PersonSelfharmTab.tsx';
export { PlanPage } from './PlanPage.tsx';
export { PostIncidentPage } from './PostIncidentPage.tsx';
export { PromptsPage } from './PromptsPage.tsx';
export { ReportPage } from './ReportPage.tsx';
export { ReviewPage } from './ReviewPage.tsx';
export { WardPage } from './WardPage.tsx';
