/** The identity module's pages: one chunk, loaded when one of its routes is first opened. */
export { AccountPage } from './AccountPage.tsx';
export { BreakGlassPage } from './BreakGlassPage.tsx';
export { BreakGlassReviewPage } from './BreakGlassReviewPage.tsx';
export { ChangePasswordPage } from './ChangePasswordPage.tsx';
export { RolesPage } from './RolesPage.tsx';
export { TwoFactorPage } from './TwoFactorPage.tsx';
export { UserCreatePage } from './UserCreatePage.tsx';
export { UserEditPage } from './UserEditPage.tsx';
export { UsersPage } from './UsersPage.tsx';
