import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title to "<page> · Custodia" (screen readers announce it too). */
export function usePageTitle(page: string): void {
  const { t } = useTranslation('common');
  const title = t('app.pageTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
