/** The vocabulary of restraint and seclusion (STANDARDS RST-1 … RST-16). */

/** RST-1: the types. Several at once need a recorded reason. */
export const restraintTypes = ['physical', 'mechanical', 'chemical', 'seclusion'] as const;
export type RestraintType = (typeof restraintTypes)[number];

/**
 * RST-8, RST-12: the only equipment that can be chosen — padded cloth straps. Chains, irons, neck
 * holds and anything that blocks the airway or inflicts pain do not exist as options.
 */
export const approvedEquipment = [
  'padded_limb_straps',
  'padded_waist_belt',
  'restraint_bed_padded_straps',
] as const;
/** Manual holds that neither block the airway nor inflict pain (RST-8). */
export const approvedHolds = [
  'standing_hold',
  'seated_hold',
  'supine_hold_no_pressure_on_chest',
  'escort_hold',
] as const;

/** RST-3: the imminent harm. There is no code for punishment, convenience or staff shortage. */
export const harmKinds = ['harm_to_self', 'harm_to_others', 'harm_to_self_and_others'] as const;
/** RST-3: less restrictive measures tried first. */
export const lessRestrictiveMeasures = [
  'verbal_de_escalation',
  'time_out_offered',
  'change_of_environment',
  'oral_medication_offered',
  'trusted_person_involved',
  'reduced_stimulation',
  'other',
] as const;
/** RST-9: why it ended. */
export const endReasons = [
  'no_longer_needed',
  'transferred_to_hospital',
  'transferred_to_psychiatric_facility',
  'other',
] as const;
/**
 * RST-4/RST-5: where the supervising staff member is. Video monitoring alone satisfies neither
 * rule, so it is not an option.
 */
export const supervisionPositions = ['in_room', 'doorway', 'adjacent_room'] as const;
export type SupervisionPosition = (typeof supervisionPositions)[number];
