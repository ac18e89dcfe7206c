import {
  type EncounterContent,
  emptyScreeningForm,
  encounterContentSchema,
  injurySchema,
  presenceProblems,
  type ScreeningForm,
  screeningFormSchema,
  screeningProblems,
  screeningVitalNames,
  screeningVitalsProblems,
  vitalRange,
} from '@custodia/domain';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../../../app/api.ts';
import { issueMessage } from '../../../app/forms.ts';

type Injury = z.infer<typeof injurySchema>;

/** An injury as it is being written: its description and the opinion may still be missing. */
export interface InjuryDraft {
  key: string;
  side: Injury['side'];
  region: Injury['region'];
  x: number | null;
  y: number | null;
  description: string;
  personsAccount: string;
  consistency: Injury['consistency'] | null;
  /** INJ-3: why the consistency cannot be assessed. */
  consistencyReason: string;
}

/** The form's values: the screening form, with injuries that may be unfinished. */
export type FormValues = Omit<ScreeningForm, 'injuries'> & {
  injuries: Omit<ScreeningForm['injuries'], 'items'> & { items: InjuryDraft[] };
};

export type Sex = 'male' | 'female';

let injuryKey = 0;
export const newInjuryKey = () => `injury-${Date.now().toString(36)}-${++injuryKey}`;

export function fromServerForm(form: ScreeningForm | null, sex: Sex): FormValues {
  const base = form ?? emptyScreeningForm(sex);
  const women = sex === 'female' ? (base.women ?? {}) : null;
  return {
    ...base,
    // A screening written before these questions has neither: both start blank, nothing assumed.
    vitals: base.vitals ?? {},
    allergies: { answer: base.allergies?.answer ?? null, items: base.allergies?.items ?? [] },
    women,
    injuries: {
      ...base.injuries,
      items: (base.injuries.items ?? []).map((item) => ({
        key: newInjuryKey(),
        side: item.side,
        region: item.region,
        x: item.x ?? null,
        y: item.y ?? null,
        description: item.description,
        personsAccount: item.personsAccount ?? '',
        consistency: item.consistency,
        consistencyReason: item.consistencyReason ?? '',
      })),
    },
  };
}

const finished = (item: InjuryDraft) =>
  injurySchema.safeParse({ ...item, personsAccount: item.personsAccount || null }).success;

function toInjury(item: InjuryDraft): Injury {
  const { key: _key, ...rest } = item;
  return {
    ...rest,
    personsAccount: rest.personsAccount.trim() || null,
    // An unfinished injury's missing opinion is reported at its own field (completionProblems).
    consistency: rest.consistency ?? 'consistent',
    consistencyReason: rest.consistency === 'cannot_assess' ? rest.consistencyReason.trim() || null : null,
  };
}

/**
 * The form as the server stores it. An unfinished injury is kept in this browser only (the server
 * takes complete injury records, INJ-1) until its description and the opinion are written.
 */
export function toServerForm(values: FormValues): ScreeningForm {
  return {
    ...values,
    injuries: { ...values.injuries, items: values.injuries.items.filter(finished).map(toInjury) },
  };
}

/** Translated messages by path (`tuberculosis.cough`, `content.personsPresent.0.name`), in form order. */
export type Problems = Record<string, string>;

export function problemMessage(t: TFunction, code: string, path = ''): string {
  // A reading out of range names the range it must be in (vitals.pulse: 20–250 beats per minute).
  const vital = path.startsWith('vitals.') ? path.slice('vitals.'.length) : null;
  if (code === 'implausible_value' || (vital && (code === 'too_big' || code === 'too_small'))) {
    const name = screeningVitalNames.find((n) => n === vital);
    if (!name) return t('problems.implausible_value_plain', { ns: 'screening' });
    const { min, max } = vitalRange(name);
    return t('problems.implausible_value', {
      ns: 'screening',
      min,
      max,
      unit: t(`vitals.units.${name}`, { ns: 'screening' }),
    });
  }
  return (
    t(`problems.${code}`, { ns: 'screening', defaultValue: '' }) || t('validation.invalid', { ns: 'common' })
  );
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
}

/**
 * Everything that stops the screening from being completed, with the same rules the server applies
 * (`screeningProblems`, `presenceProblems` and the schemas from domain/): every section answered or
 * not assessed with a reason (ADM-2), injuries (ADM-4), the women's questions (WOM-3), persons
 * present (MED-4, WOM-7).
 */
export function completionProblems(
  values: FormValues,
  content: EncounterContent,
  sex: Sex,
  t: TFunction,
): Problems {
  const problems: Problems = {};
  const add = (path: string, message: string) => {
    problems[path] ??= message;
  };
  // The domain rules count an unfinished injury as an injury: its own fields say what is missing.
  const asServer = {
    ...values,
    injuries: { ...values.injuries, items: values.injuries.items.map(toInjury) },
  };
  for (const p of screeningProblems(asServer, { sex })) add(p.path, problemMessage(t, p.code, p.path));
  values.injuries.items.forEach((item, i) => {
    if (item.description.trim().length < 3)
      add(`injuries.items.${i}.description`, problemMessage(t, 'injury_description_required'));
    if (!item.consistency) add(`injuries.items.${i}.consistency`, problemMessage(t, 'required'));
  });
  for (const [path, message] of Object.entries(draftProblems(values, content, t))) add(path, message);
  const checked = encounterContentSchema.safeParse(content);
  if (checked.success) {
    for (const p of presenceProblems(checked.data, { patientSex: sex }))
      add(`content.${p.path}`, problemMessage(t, p.code));
  }
  return problems;
}

/**
 * What stops the draft itself from being saved (the server's schemas: numbers in range, names of
 * persons present, lengths). Unfinished injuries are not among them: they stay in this browser.
 */
export function draftProblems(values: FormValues, content: EncounterContent, t: TFunction): Problems {
  const problems: Problems = {};
  // Readings out of range are never saved, not even in a draft (the server refuses them too).
  for (const p of screeningVitalsProblems(values)) problems[p.path] ??= problemMessage(t, p.code, p.path);
  const form = screeningFormSchema.safeParse(toServerForm(values));
  if (!form.success) {
    for (const issue of form.error.issues as Issue[])
      problems[issue.path.map(String).join('.')] ??= issueMessage(t, issue);
  }
  const checked = encounterContentSchema.safeParse(content);
  if (!checked.success) {
    for (const issue of checked.error.issues as Issue[]) {
      const path = issue.path.map(String);
      const key = `content.${path.join('.')}`;
      if (path[0] === 'personsPresent' && path.length === 1)
        problems[key] ??= problemMessage(t, 'clinician_not_listed');
      else problems[key] ??= issueMessage(t, issue);
    }
  }
  return problems;
}

/** The screen's path of a field error the server sent (`body.structured.fitness.status` → `fitness.status`). */
export function formPath(serverPath: string): string {
  const path = serverPath.replace(/^body\.?/, '');
  if (path.startsWith('structured.')) return path.slice('structured.'.length);
  if (path.startsWith('content.')) return path;
  return `content.${path}`;
}

/** The server's field errors (400 `screening_incomplete`, `validation_failed`, `clinical_not_allowed`). */
export function serverProblems(error: unknown, t: TFunction): Problems {
  const problems: Problems = {};
  if (!(error instanceof ApiError)) return problems;
  for (const fieldError of error.problem?.errors ?? []) {
    const path = formPath(fieldError.path);
    problems[path] ??= problemMessage(t, fieldError.code, path);
  }
  return problems;
}
