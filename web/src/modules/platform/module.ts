import type { AppModule } from '../../app/appModule.ts';

/** The platform module in the web app: for now, the system status page (open without sign-in). */
export const platformModule: AppModule = {
  name: 'platform',
  nav: [{ to: '/platform/status', labelKey: 'platform:nav.status', permission: 'public' }],
  routes: [
    {
      path: 'platform/status',
      handle: { permission: 'public' },
      lazy: async () => ({ Component: (await import('./platform.pages.ts')).StatusPage }),
    },
  ],
};
