import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from './i18n.ts';

/** A labelled native select: keyboard and screen-reader friendly everywhere, and it prints nothing odd. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common');
  const current = LANGUAGES.find((l) => i18n.resolvedLanguage === l.code)?.code ?? 'az';
  return (
    <NativeSelect
      label={t('language.label')}
      value={current}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void i18n.changeLanguage(next);
      }}
      size="sm"
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
