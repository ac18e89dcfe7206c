import { z } from 'zod';

/** Encounter types; `release_examination` is ADM-12, `admission_screening` ADM-1. */
export const encounterTypes = [
  'admission_screening',
  'routine',
  'emergency',
  'follow_up',
  'on_request',
  'release_examination',
] as const;
export type EncounterType = (typeof encounterTypes)[number];

/** Who may be in the room (MED-4). Custodial staff present needs a recorded reason. */
export const presentKinds = ['clinician', 'health_staff', 'interpreter', 'custodial_staff', 'other'] as const;
export type PresentKind = (typeof presentKinds)[number];

export const personPresentSchema = z.object({
  kind: z.enum(presentKinds),
  name: z.string().trim().min(2).max(160),
  sex: z.enum(['male', 'female']).nullish(),
});
export type PersonPresent = z.infer<typeof personPresentSchema>;

const text = (max: number) => z.string().trim().max(max).nullish();

/** The part of an encounter its author writes; signing locks it and hashes it. */
export const encounterContentSchema = z.object({
  type: z.enum(encounterTypes),
  startedAt: z.iso.datetime({ offset: false }),
  /** MED-4: required; the clinician lists themself, and anyone else in the room. */
  personsPresent: z.array(personPresentSchema).min(1).max(20),
  custodialPresenceReason: text(1000),
  /** ADM-11: the person needed an interpreter and one was (or was not) there. */
  interpreterUsed: z.boolean().default(false),
  /** WOM-6: the woman asked for a female clinician. */
  femaleClinicianRequested: z.boolean().default(false),
  /**
   * WOM-6: why a woman's request for a female clinician is signed by an account that is not linked
   * to a staff record (so the clinician's sex cannot be checked).
   */
  noStaffRecordReason: text(1000),
  subjective: text(20000),
  objective: text(20000),
  assessment: text(20000),
  plan: text(20000),
  /** Visible only to its author and to restricted-clinical roles (e.g. psychotherapy notes). */
  restricted: z.boolean().default(false),
});
export type EncounterContent = z.infer<typeof encounterContentSchema>;

export const encounterDraftSchema = encounterContentSchema;
export const encounterUpdateSchema = encounterContentSchema.extend({ version: z.number().int().min(1) });
export const amendmentSchema = z.object({
  kind: z.enum(['amendment', 'entered_in_error']),
  reason: z.string().trim().min(10).max(2000),
  /** For an amendment: the text that adds to or corrects the signed note. */
  text: z.string().trim().max(20000).nullish(),
});

export interface PresenceContext {
  patientSex: 'male' | 'female';
  /**
   * WOM-6: the examining clinician's sex from their staff record; `null` when the account is linked
   * to no staff record; left out where it is not known (the browser: the server checks it).
   */
  clinicianSex?: 'male' | 'female' | null;
}

export interface ContentProblem {
  path: string;
  code: string;
}

/**
 * MED-4, WOM-6, WOM-7, ADM-11: who was in the room.
 * - custodial staff present needs a reason;
 * - for a woman, a non-medical person present must be a woman (WOM-7);
 * - a woman who asked for a female clinician and was seen by a man needs a female staff member
 *   present (WOM-6).
 */
export function presenceProblems(content: EncounterContent, context: PresenceContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const custodial = content.personsPresent.filter((p) => p.kind === 'custodial_staff');
  if (custodial.length && !content.custodialPresenceReason?.trim()) {
    problems.push({ path: 'custodialPresenceReason', code: 'custodial_presence_reason_required' });
  }
  if (!content.personsPresent.some((p) => p.kind === 'clinician')) {
    problems.push({ path: 'personsPresent', code: 'clinician_not_listed' });
  }
  if (context.patientSex === 'female') {
    content.personsPresent.forEach((p, i) => {
      if ((p.kind === 'custodial_staff' || p.kind === 'other') && p.sex !== 'female') {
        problems.push({ path: `personsPresent.${i}.sex`, code: 'non_medical_must_be_woman' });
      }
    });
    if (content.femaleClinicianRequested && context.clinicianSex === 'male') {
      const femaleStaff = content.personsPresent.some(
        (p) => p.kind !== 'clinician' && p.kind !== 'interpreter' && p.sex === 'female',
      );
      if (!femaleStaff) problems.push({ path: 'personsPresent', code: 'female_staff_required' });
    }
    // WOM-6: the request cannot be checked against an account without a staff record: say why.
    if (
      content.femaleClinicianRequested &&
      context.clinicianSex === null &&
      (content.noStaffRecordReason ?? '').trim().length < 5
    ) {
      problems.push({ path: 'noStaffRecordReason', code: 'no_staff_record_reason_required' });
    }
  }
  return problems;
}

/**
 * Issue 14: signing is a decision about what was written. A note with nothing in its subjective,
 * objective, assessment and plan (blank text counts as nothing) is not signed.
 */
export function isNoteEmpty(
  content: Pick<EncounterContent, 'subjective' | 'objective' | 'assessment' | 'plan'>,
) {
  return [content.subjective, content.objective, content.assessment, content.plan].every((x) => !x?.trim());
}

/** The canonical content that a signature covers: stable key order, no volatile fields. */
export function canonicalEncounter(content: EncounterContent & { structured?: unknown }): string {
  return canonicalJson(content);
}

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type EncounterStatus = 'draft' | 'signed';

/** A draft can be changed by its author only; a signed encounter by nobody (amendments instead). */
export function editProblem(
  encounter: { status: EncounterStatus; authorId: string },
  userId: string,
): 'signed_is_locked' | 'not_author' | null {
  if (encounter.status === 'signed') return 'signed_is_locked';
  if (encounter.authorId !== userId) return 'not_author';
  return null;
}

/** Restricted items: visible to their author and to holders of the restricted-clinical permission. */
export function canSeeRestricted(
  item: { restricted: boolean; authorId: string },
  viewer: { userId: string; restrictedReader: boolean },
): boolean {
  return !item.restricted || item.authorId === viewer.userId || viewer.restrictedReader;
}
