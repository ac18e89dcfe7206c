import type { AppModule } from '../../app/appModule.ts';

/** The platform module in the web app: for now, the system status page. */
export const platformModule: AppModule = {
  name: 'platform',
  nav: [{ to: '/platform/status', labelKey: 'platform:nav.status' }],
  routes: [
    {
      path: 'platform/status',
      lazy: async () => ({ Component: (await import('./platform.pages.ts')).StatusPage }),
    },
  ],
};
