import '@mantine/core/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './app/App.tsx';
import { createI18n } from './app/i18n.ts';
import { createQueryClient } from './app/queryClient.ts';
import { appRoutes } from './app/router.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App i18n={createI18n()} queryClient={createQueryClient()} router={createBrowserRouter(appRoutes())} />
  </StrictMode>,
);
