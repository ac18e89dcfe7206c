import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, type RouteObject } from 'react-router';
import type { AppModule } from './appModule.ts';
import { Layout } from './Layout.tsx';
import { modules } from './modules.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PageLoading } from './pages/PageLoading.tsx';
import { RouteErrorPage } from './pages/RouteErrorPage.tsx';

// The worklist pages are loaded once someone has signed in, not with the sign-in page.
const HomePage = lazy(async () => ({ default: (await import('./pages/HomePage.tsx')).HomePage }));
const WorklistPage = lazy(async () => ({
  default: (await import('./pages/WorklistPage.tsx')).WorklistPage,
}));

/**
 * Around a module's pages: waits (suspends) until the module's strings are there in the current
 * language, so a page never renders a raw key, nor suspends again when its data arrives.
 */
function ModuleStrings({ namespaces }: { namespaces: string[] }) {
  useTranslation(namespaces);
  return <Outlet />;
}

function moduleRoutes(module: AppModule): RouteObject {
  return {
    element: <ModuleStrings namespaces={module.namespaces ?? [module.name]} />,
    children: module.routes,
  };
}

/**
 * The route tree: the shell (Layout) around the worklist home, every module's routes and a
 * not-found page. A page that fails shows the error inside the shell, so navigation stays usable.
 */
export function appRoutes(): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteErrorPage />,
      hydrateFallbackElement: <PageLoading />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'worklist', element: <WorklistPage /> },
            ...modules.map(moduleRoutes),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
