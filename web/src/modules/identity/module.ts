import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./identity.pages.ts');
const page = (name: keyof Pages) => async () => ({ Component: (await import('./identity.pages.ts'))[name] });

/**
 * The identity module in the web app: my account (password, two-factor sign-in, sessions), user
 * administration, the table of roles and permissions, and break the glass (emergency access to a
 * person outside one's scope) with the health manager's review of it.
 */
export const identityModule: AppModule = {
  name: 'identity',
  nav: [
    { to: '/identity/account', labelKey: 'identity:nav.account' },
    { to: '/identity/users', labelKey: 'identity:nav.users', permission: 'identity.user.read' },
    { to: '/identity/roles', labelKey: 'identity:nav.roles', permission: 'identity.role.read' },
    { to: '/identity/break-glass', labelKey: 'identity:nav.breakGlass', permission: 'record.break_glass' },
    {
      to: '/identity/break-glass-review',
      labelKey: 'identity:nav.breakGlassReview',
      permission: 'audit.break_glass.review',
    },
  ],
  // A break-the-glass request refused over the daily cap leads to the review list.
  worklistLink: (item) => (item.kind === 'break_glass_over_limit' ? '/identity/break-glass-review' : null),
  routes: [
    { path: 'identity/account', lazy: page('AccountPage') },
    { path: 'identity/account/password', lazy: page('ChangePasswordPage') },
    { path: 'identity/account/two-factor', lazy: page('TwoFactorPage') },
    { path: 'identity/users', handle: { permission: 'identity.user.read' }, lazy: page('UsersPage') },
    {
      path: 'identity/users/new',
      handle: { permission: 'identity.user.manage' },
      lazy: page('UserCreatePage'),
    },
    { path: 'identity/users/:id', handle: { permission: 'identity.user.read' }, lazy: page('UserEditPage') },
    { path: 'identity/roles', handle: { permission: 'identity.role.read' }, lazy: page('RolesPage') },
    {
      path: 'identity/break-glass',
      handle: { permission: 'record.break_glass' },
      lazy: page('BreakGlassPage'),
    },
    {
      path: 'identity/break-glass-review',
      handle: { permission: 'audit.break_glass.review' },
      lazy: page('BreakGlassReviewPage'),
    },
  ],
};
