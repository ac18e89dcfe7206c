import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from './api.ts';
import { hasChoiceBeforeSignIn, takeChoiceBeforeSignIn } from './languageChoice.ts';
import { type Session, type SessionUser, sessionKey } from './session.ts';

/**
 * Each user's language is remembered on the server: on sign-in (and when an existing session is
 * found at start-up) the interface switches to it. A language picked on the sign-in page just before
 * wins instead, and becomes the account's. Later changes go the same way (LanguageSwitcher).
 *
 * Returns true while the switch to the account's language is due or under way (its locale files
 * downloading), so that the shell does not show the signed-in pages in the previous language.
 */
export function useSessionLanguage(user: SessionUser | null): boolean {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const appliedFor = useRef<string | null>(null);
  const [switching, setSwitching] = useState(false);
  const userId = user?.id ?? null;
  const language = user?.language ?? null;
  const due =
    userId !== null &&
    userId !== appliedFor.current &&
    language !== null &&
    i18n.resolvedLanguage !== language &&
    !hasChoiceBeforeSignIn();
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
    if (language && i18n.resolvedLanguage !== language) {
      setSwitching(true);
      void i18n.changeLanguage(language).finally(() => setSwitching(false));
    }
  }, [userId, language, i18n, queryClient]);
  return due || switching;
}
