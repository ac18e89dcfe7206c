/** The platform module's pages: one chunk, loaded when one of its routes is first opened. */
export { StatusPage } from './StatusPage.tsx';
