import { NativeSelect } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from './api.ts';
import { isLanguage, LANGUAGES, type LanguageCode } from './i18n.ts';
import { rememberChoiceBeforeSignIn } from './languageChoice.ts';
import { type Session, sessionKey, useCurrentUser } from './session.ts';

/**
 * A labelled native select: keyboard and screen-reader friendly everywhere, and it prints nothing odd.
 * When someone is signed in, the choice is also remembered on the server for their account.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common');
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const current = LANGUAGES.find((l) => i18n.resolvedLanguage === l.code)?.code ?? 'az';

  function remember(language: LanguageCode) {
    if (!user) {
      rememberChoiceBeforeSignIn(language);
      return;
    }
    if (user.language === language) return;
    queryClient.setQueryData<Session | null>(sessionKey, (session) =>
      session ? { ...session, user: { ...session.user, language } } : session,
    );
    // The interface has switched already; if the server cannot be told, it is told next time.
    apiFetch('/api/v1/account/language', { method: 'PUT', json: { language } }).catch(() => {});
  }

  return (
    <NativeSelect
      label={t('language.label')}
      value={current}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (!isLanguage(next)) return;
        void i18n.changeLanguage(next);
        remember(next);
      }}
      size="sm"
      labelProps={{ className: 'language-label' }}
      styles={{
        root: { display: 'flex', alignItems: 'center', gap: 'var(--mantine-spacing-xs)' },
        label: { marginBottom: 0 },
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language.code} value={language.code} lang={language.code}>
          {language.name}
        </option>
      ))}
    </NativeSelect>
  );
}
