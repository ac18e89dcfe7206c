import { z } from 'zod';
import { pageSchema } from '../platform/index.ts';
import {
  administrationOutcomes,
  deliveryModes,
  doseForms,
  doseUnits,
  frequencyCodes,
  medicationProgrammes,
  medicationRoutes,
  notGivenReasons,
  prescriptionActions,
  prescriptionStatuses,
  roundNames,
} from './vocabulary.ts';

/** What the medication API answers: the server serialises through these, the web infers its types. */

export const drugSchema = z.object({
  id: z.string(),
  code: z.string(),
  inn: z.string(),
  names: z.object({ az: z.string(), en: z.string(), ru: z.string() }),
  strength: z.string(),
  form: z.enum(doseForms),
  route: z.enum(medicationRoutes),
  atcCode: z.string().nullable(),
  highRisk: z.boolean(),
  programme: z.enum(medicationProgrammes).nullable(),
  supervisedOnly: z.boolean(),
  observeAfter: z.boolean(),
});
export type Drug = z.infer<typeof drugSchema>;
export const drugListSchema = z.object({ items: z.array(drugSchema) });

export const prescriptionSchema = z.object({
  /** The prescription's id: the same across its versions. */
  id: z.string(),
  version: z.number(),
  action: z.enum(prescriptionActions),
  personId: z.string(),
  drug: drugSchema,
  dose: z.number(),
  doseUnit: z.enum(doseUnits),
  route: z.enum(medicationRoutes),
  frequency: z.enum(frequencyCodes),
  timesOfDay: z.array(z.string()),
  everyHours: z.number().nullable(),
  frequencyPerDay: z.number(),
  prn: z.boolean(),
  prnCondition: z.string().nullable(),
  prnMinIntervalHours: z.number().nullable(),
  prnMaxPerDay: z.number().nullable(),
  delivery: z.enum(deliveryModes),
  riskAssessment: z.string().nullable(),
  reviewDate: z.string().nullable(),
  startAt: z.string(),
  endAt: z.string(),
  expired: z.boolean(),
  indication: z.string(),
  status: z.enum(prescriptionStatuses),
  statusSince: z.string(),
  statusReason: z.string().nullable(),
  allergyOverrideReason: z.string().nullable(),
  replacesId: z.string().nullable(),
  prescriberName: z.string().nullable(),
  createdAt: z.string(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

export const administrationSchema = z.object({
  id: z.string(),
  prescriptionId: z.string(),
  drugName: z.string(),
  dueAt: z.string().nullable(),
  givenAt: z.string(),
  outcome: z.enum(administrationOutcomes),
  reason: z.enum(notGivenReasons).nullable(),
  note: z.string().nullable(),
  doseGiven: z.number().nullable(),
  doseUnit: z.enum(doseUnits),
  mouthCheck: z.boolean(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type Administration = z.infer<typeof administrationSchema>;

/** A person's medication: every current prescription (active, paused, stopped recently) with its versions. */
export const personMedicationSchema = z.object({
  prescriptions: z.array(prescriptionSchema),
  history: z.array(prescriptionSchema),
  allergies: z.array(z.string()),
});
export type PersonMedication = z.infer<typeof personMedicationSchema>;

export const administrationPageSchema = pageSchema(administrationSchema);

export const prescriptionWrittenSchema = z.object({ id: z.string(), version: z.number() });
export const administrationRecordedSchema = z.object({ id: z.string() });

export const doseStateSchema = z.enum(['recorded', 'upcoming', 'due', 'late', 'missed']);

/** One row of the round: one due dose (MDX-2) with who, where and what to watch for. */
export const roundRowSchema = z.object({
  personId: z.string(),
  prisonNumber: z.string(),
  surname: z.string(),
  givenName: z.string(),
  cellCode: z.string().nullable(),
  unitId: z.string().nullable(),
  /** The current photo's id (for `/api/v1/persons/:id/photo?v=`), null without one. */
  photoId: z.string().nullable(),
  allergies: z.array(z.string()),
  observeAfter: z.boolean(),
  prescriptionId: z.string(),
  version: z.number(),
  /** The drug, one of the round's `drugs` (each written once, not once per dose). */
  drugId: z.string(),
  dose: z.number(),
  doseUnit: z.enum(doseUnits),
  route: z.enum(medicationRoutes),
  delivery: z.enum(deliveryModes),
  dueAt: z.string(),
  state: doseStateSchema,
  record: z
    .object({
      outcome: z.enum(administrationOutcomes),
      reason: z.enum(notGivenReasons).nullable(),
      givenAt: z.string(),
    })
    .nullable(),
});
export type RoundRow = z.infer<typeof roundRowSchema>;

export const roundSchema = z.object({
  institutionId: z.string(),
  date: z.string(),
  round: z.enum(roundNames),
  roundTime: z.string(),
  roundTimes: z.record(z.enum(roundNames), z.string()),
  units: z.array(z.object({ id: z.string(), code: z.string() })),
  /** The drugs of the round's doses, each once. */
  drugs: z.array(drugSchema),
  rows: z.array(roundRowSchema),
});
export type Round = z.infer<typeof roundSchema>;
