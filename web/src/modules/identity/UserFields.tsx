import type { Language } from '@custodia/domain/identity';
import { roles as allRoles } from '@custodia/domain/identity';
import { Checkbox, Fieldset, Loader, SimpleGrid, Text, TextInput } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Institution, useInstitutions } from './identity.api.ts';
import { useIdentityLabels } from './labels.ts';

/** A group of checkboxes in a fieldset, with its error tied to the group. */
function CheckboxFieldset({
  legend,
  options,
  value,
  onChange,
  error,
  disabled,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  disabled?: boolean;
}) {
  const errorId = useId();
  return (
    <Fieldset legend={legend} aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        {options.map((option) => (
          <Checkbox
            key={option.value}
            label={option.label}
            checked={value.includes(option.value)}
            onChange={(event) =>
              onChange(
                event.currentTarget.checked
                  ? [...value, option.value]
                  : value.filter((v) => v !== option.value),
              )
            }
          />
        ))}
      </SimpleGrid>
      {error ? (
        <Text id={errorId} c="red.8" size="sm" mt="xs">
          {error}
        </Text>
      ) : null}
    </Fieldset>
  );
}

export function RolesField(props: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation('identity');
  const labels = useIdentityLabels();
  // Unknown roles a newer server may have granted stay visible (and kept) rather than vanish.
  const codes = [...allRoles, ...props.value.filter((r) => !(allRoles as readonly string[]).includes(r))];
  return (
    <CheckboxFieldset
      legend={t('users.fields.roles')}
      options={codes.map((code) => ({ value: code, label: labels.role(code) }))}
      {...props}
    />
  );
}

export function institutionLabel(institution: Institution, language: string): string {
  const name = institution.name[language as Language] ?? institution.name.az;
  return `${name} (${institution.code})`;
}

/**
 * The institutions a user works in: checkboxes from the registry, or — while this server has no
 * registry — a free-text list of institution identifiers, separated by commas.
 */
export function InstitutionsField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: ReactNode;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation('identity');
  const institutions = useInstitutions();
  const [text, setText] = useState(value.join(', '));
  if (institutions.isPending) {
    return (
      <Text role="status" size="sm">
        <Loader size="xs" mr="xs" />
        {t('users.fields.institutionsLoading')}
      </Text>
    );
  }
  if (!institutions.data) {
    return (
      <TextInput
        label={t('users.fields.institutionIds')}
        description={t('users.fields.institutionIdsHint')}
        value={text}
        disabled={disabled}
        onChange={(event) => {
          setText(event.currentTarget.value);
          onChange(
            event.currentTarget.value
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean),
          );
        }}
        error={error}
      />
    );
  }
  const known = new Set(institutions.data.map((i) => i.id));
  const options = [
    ...institutions.data.map((i) => ({ value: i.id, label: institutionLabel(i, i18n.language) })),
    ...value.filter((id) => !known.has(id)).map((id) => ({ value: id, label: id })),
  ];
  return (
    <CheckboxFieldset
      legend={t('users.fields.institutions')}
      options={options}
      value={value}
      onChange={onChange}
      error={error}
      disabled={disabled}
    />
  );
}
