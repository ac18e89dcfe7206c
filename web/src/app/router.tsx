import type { RouteObject } from 'react-router';
import { Layout } from './Layout.tsx';
import { modules } from './modules.ts';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PageLoading } from './pages/PageLoading.tsx';
import { RouteErrorPage } from './pages/RouteErrorPage.tsx';

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
            ...modules.flatMap((module) => module.routes),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
