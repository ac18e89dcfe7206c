import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from './api.ts';
import { takeChoiceBeforeSignIn } from './languageChoice.ts';
import { type Session, type SessionUser, sessionKey } from './session.ts';

/**
 * Each user's language is remembered on the server: on sign-in (and when an existing session is
 * found at start-up) the interface switches to it. A language picked on the sign-in page just before
 * wins instead, and becomes the account's. Later changes go the same way (LanguageSwitcher).
 */
export function useSessionLanguage(user: SessionUser | null): void {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const appliedFor = useRef<string | null>(null);
  const userId = user?.id ?? null;
  const language = user?.language ?? null;
  useEffect(() => {
    if (userId === appliedFor.current) return;
    appliedFor.current = userId;
    if (!userId) return;
    const chosen = takeChoiceBeforeSignIn();
    if (chosen) {
      if (chosen !== language) {
        queryClient.setQueryData<Session | null>(sessionKey, (session) =>
          session ? { ...session, user: { ...session.user, language: chosen } } : session,
        );
        // The interface already speaks it; if the server cannot be told now, the next choice tells it.
        apiFetch('/api/v1/account/language', { method: 'PUT', json: { language: chosen } }).catch(() => {});
      }
      return;
    }
    if (language && i18n.resolvedLanguage !== language) void i18n.changeLanguage(language);
  }, [userId, language, i18n, queryClient]);
}
