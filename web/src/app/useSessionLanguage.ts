import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from './session.ts';

/**
 * Each user's language is remembered on the server: on sign-in (and when an existing session is
 * found at start-up) the interface switches to it. Later changes go the other way (LanguageSwitcher).
 */
export function useSessionLanguage(user: SessionUser | null): void {
  const { i18n } = useTranslation();
  const appliedFor = useRef<string | null>(null);
  const userId = user?.id ?? null;
  const language = user?.language ?? null;
  useEffect(() => {
    if (userId === appliedFor.current) return;
    appliedFor.current = userId;
    if (language && i18n.resolvedLanguage !== language) void i18n.changeLanguage(language);
  }, [userId, language, i18n]);
}
