/**
 * The medication module's local code lists (DOMAIN.md §1.1). Codes travel in the API; the web shows
 * them as words in az/en/ru (`web/src/modules/medication/locales`), never as codes.
 */

/** Routes of administration. */
export const medicationRoutes = [
  'oral',
  'sublingual',
  'im',
  'iv',
  'sc',
  'inhaled',
  'topical',
  'rectal',
] as const;
export type MedicationRoute = (typeof medicationRoutes)[number];

/** Dose forms. */
export const doseForms = [
  'tablet',
  'capsule',
  'oral_solution',
  'syrup',
  'injection',
  'inhaler',
  'cream',
  'patch',
  'suppository',
  'sublingual_tablet',
] as const;
export type DoseForm = (typeof doseForms)[number];

/** Dose units. */
export const doseUnits = ['mg', 'g', 'mcg', 'ml', 'units', 'tablet', 'capsule', 'puff'] as const;
export type DoseUnit = (typeof doseUnits)[number];

/**
 * Frequencies: fixed times of day, every N hours, or as needed (PRN). Each has its number of doses a
 * day (stored on the prescription: DOMAIN.md §1.5, "store frequency-per-day on the order") and, for
 * the fixed ones, its default times in the institution's zone: the default round times, so a dose
 * falls on the round that gives it (a prescriber may set other times).
 */
export const frequencyCodes = [
  'once_daily',
  'twice_daily',
  'three_times_daily',
  'four_times_daily',
  'at_night',
  'every_n_hours',
  'prn',
] as const;
export type FrequencyCode = (typeof frequencyCodes)[number];

export const defaultTimesOfDay: Record<Exclude<FrequencyCode, 'every_n_hours' | 'prn'>, string[]> = {
  once_daily: ['08:00'],
  twice_daily: ['08:00', '18:00'],
  three_times_daily: ['08:00', '13:00', '18:00'],
  four_times_daily: ['08:00', '13:00', '18:00', '22:00'],
  at_night: ['22:00'],
};

/** Programmes a drug may belong to (MDX-5: programme drugs are supervised only). */
export const medicationProgrammes = ['tb', 'ost', 'hiv', 'hcv'] as const;
export type MedicationProgramme = (typeof medicationProgrammes)[number];

/** How the person gets it: taken in front of a nurse (DOT), or kept (MDX-5). */
export const deliveryModes = ['supervised', 'in_possession'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * Not-given reasons (DOMAIN.md §1.1, the proposed prison code system). `cause` separates what the
 * person chose or their health from what the system failed to do: `not_available_stock` is the
 * pharmacy's, `regime_lockdown` custodial (MDX-3: reported to the governor apart from clinical ones).
 */
export const notGivenReasons = [
  'refused',
  'not_available_stock',
  'away_court',
  'away_hospital',
  'away_visit',
  'away_transfer',
  'held_clinical',
  'asleep',
  'vomited',
  'regime_lockdown',
] as const;
export type NotGivenReason = (typeof notGivenReasons)[number];

export type NotGivenCause = 'person' | 'clinical' | 'absence' | 'stock' | 'custodial';
export const notGivenCause: Record<NotGivenReason, NotGivenCause> = {
  refused: 'person',
  not_available_stock: 'stock',
  away_court: 'absence',
  away_hospital: 'absence',
  away_visit: 'absence',
  away_transfer: 'absence',
  held_clinical: 'clinical',
  asleep: 'person',
  vomited: 'clinical',
  // MDX-3: a custodial cause, never the person's choice.
  regime_lockdown: 'custodial',
};

/** Reasons that need a note: a refusal needs the counselling given, a clinical hold its reason. */
export const reasonsNeedingNote: ReadonlySet<NotGivenReason> = new Set(['refused', 'held_clinical']);

/** What is recorded for a due dose (MDX-2). */
export const administrationOutcomes = ['given', 'given_partial', 'not_given'] as const;
export type AdministrationOutcome = (typeof administrationOutcomes)[number];

/** The rounds of a day, and their default times in the institution's zone (configurable per institution). */
export const roundNames = ['morning', 'noon', 'evening', 'night'] as const;
export type RoundName = (typeof roundNames)[number];
export const defaultRoundTimes: Record<RoundName, string> = {
  morning: '08:00',
  noon: '13:00',
  evening: '18:00',
  night: '22:00',
};

/** A prescription's state; each change is a new version (history kept). */
export const prescriptionStatuses = ['active', 'paused', 'stopped'] as const;
export type PrescriptionStatus = (typeof prescriptionStatuses)[number];

/** Why a prescription version exists. */
export const prescriptionActions = [
  'prescribe',
  'revise',
  'pause',
  'resume',
  'stop',
  'renew',
  'reconcile',
] as const;
export type PrescriptionAction = (typeof prescriptionActions)[number];
