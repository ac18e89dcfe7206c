import { forceReasons, forceTypes, injuryAnswers } from '@custodia/domain/force';
import { Checkbox, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';

/** What went wrong, in words: the server's field codes translated (`force:errors.<code>`), never a raw code. */
export function useProblemText() {
  const { t } = useTranslation('force');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const known = fields.map((f) => t(`errors.${f.code}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

/** The field code's words, for the form to place on its field. */
export function useFieldMessage() {
  const { t } = useTranslation('force');
  return useCallback((code: string) => t(`errors.${code}`, { defaultValue: '' }) || undefined, [t]);
}

/** A yes/no answer nobody has given yet: '' until chosen (nothing pre-filled). */
export const yesNo = (value: string) => (value === '' ? undefined : value === 'yes');

/** One staff member's account as the form holds it: nothing pre-filled, every answer typed or chosen. */
export const emptyAccount = {
  staffId: '',
  types: [] as string[],
  typeOther: '',
  reason: '',
  narrative: '',
  durationMinutes: '',
  deEscalationTried: '',
  deEscalation: '',
  injuriesToStaff: '',
  injuriesToPerson: '',
  witnesses: '',
};
export type AccountValues = typeof emptyAccount;

/** The account's body (INJ-7), as the domain schema reads it. */
export function accountBody(v: AccountValues) {
  return {
    staffId: v.staffId,
    types: v.types,
    typeOther: v.types.includes('other') ? v.typeOther.trim() || null : null,
    reason: v.reason || undefined,
    narrative: v.narrative,
    durationMinutes: v.durationMinutes.trim() === '' ? undefined : Number(v.durationMinutes),
    deEscalationTried: yesNo(v.deEscalationTried),
    deEscalation: v.deEscalation.trim() || null,
    injuriesToStaff: v.injuriesToStaff || undefined,
    injuriesToPerson: v.injuriesToPerson || undefined,
    witnesses: v.witnesses.trim() || null,
  };
}

/**
 * The fields of one account (INJ-7): who gives it (among the staff involved), the types of force,
 * the reason and narrative, the duration, de-escalation, injuries seen and witnesses.
 */
export function AccountFields<V>({
  form,
  prefix,
  staff,
}: {
  form: UseFormReturnType<V>;
  prefix: string;
  staff: { value: string; label: string }[];
}) {
  const { t } = useTranslation('force');
  const props = (name: keyof AccountValues) => form.getInputProps(`${prefix}${name}`);
  const value = (name: keyof AccountValues) =>
    form.getInputProps(`${prefix}${name}`).value as string | string[];
  const radios = (name: keyof AccountValues, label: string, options: readonly string[], words: string) => (
    <Radio.Group {...props(name)} label={label} withAsterisk>
      <Group gap="md" mt={4}>
        {options.map((o) => (
          <Radio key={o} value={o} label={t(`${words}.${o}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
  return (
    <Stack gap="sm">
      <NativeSelect
        {...props('staffId')}
        label={t('report.me')}
        description={t('report.meHint')}
        withAsterisk
        data={[{ value: '', label: t('choose') }, ...staff]}
      />
      <Checkbox.Group {...props('types')} label={t('report.types')} withAsterisk>
        <Group gap="md" mt={4}>
          {forceTypes.map((type) => (
            <Checkbox key={type} value={type} label={t(`types.${type}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {(value('types') as string[]).includes('other') ? (
        <TextInput {...props('typeOther')} label={t('report.typeOther')} withAsterisk maxLength={500} />
      ) : null}
      <NativeSelect
        {...props('reason')}
        label={t('report.reason')}
        withAsterisk
        data={[
          { value: '', label: t('choose') },
          ...forceReasons.map((r) => ({ value: r, label: t(`reasons.${r}`) })),
        ]}
      />
      <Textarea
        {...props('narrative')}
        label={t('report.narrative')}
        description={t('report.narrativeHint')}
        withAsterisk
        rows={4}
        maxLength={8000}
      />
      <TextInput
        {...props('durationMinutes')}
        label={t('report.duration')}
        inputMode="numeric"
        withAsterisk
        w={200}
        maxLength={4}
      />
      {radios('deEscalationTried', t('report.deEscalationTried'), ['yes', 'no'], 'injury')}
      {value('deEscalationTried') === 'yes' ? (
        <Textarea {...props('deEscalation')} label={t('report.deEscalation')} withAsterisk maxLength={4000} />
      ) : null}
      {radios('injuriesToStaff', t('report.injuriesToStaff'), injuryAnswers, 'injury')}
      {radios('injuriesToPerson', t('report.injuriesToPerson'), injuryAnswers, 'injury')}
      <Textarea {...props('witnesses')} label={t('report.witnesses')} maxLength={2000} />
    </Stack>
  );
}

/** A labelled fact of a record. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="div">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
