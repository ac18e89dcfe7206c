/** The pages of the round's extras (ADR 0046), loaded when first opened. */
export { AttendancePage } from './AttendancePage.tsx';
export { RoundReportPage } from './RoundReportPage.tsx';
