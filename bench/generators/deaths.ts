import { newId } from '@custodia/domain';
import type {
  DeathActionTable,
  DeathClinicalTable,
  DeathEventTable,
  DeathInvestigationTable,
  DeathReviewTable,
  DeathStepTable,
} from '../../server/src/modules/deaths/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link DeathsBenchFacts} as JSON, read by the register scenario. */
export const DEATHS_FACTS = 'bench_deaths';

export interface DeathsBenchFacts {
  /** The bench doctor's institution, whose register the scenario reads. */
  institutionId: string;
  /** A whole year of the register (YYYY). */
  year: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * Deaths, serious injuries and disappearances (issue 18 item 5, ADR 0037): about 25 events per
 * institution and year (1,000 a year at national scale — far above the real rate, to load the
 * register) over five years, each death with its six notification steps, an investigation, a cause
 * and an autopsy, a review and two actions.
 */
const EVENTS_PER_INSTITUTION_YEAR = 25;
const YEARS = 5;
const STEP_MINUTES: [string, number][] = [
  ['emergency_response', 5],
  ['doctor_certification', 40],
  ['next_of_kin', 120],
  ['independent_authority', 300],
  ['prosecutor', 360],
  ['ministry', 600],
];
const MANNERS = [
  'natural',
  'natural',
  'natural',
  'suicide',
  'drug_related',
  'undetermined',
  'accident',
  'homicide',
];

export const deathsPart: GeneratorPart = {
  module: 'deaths',
  async run({ db, dialect, random, now, log }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the deaths part needs the clinical part (bench.doctor)');
    const institutions = await db.selectFrom('institution').select('id').execute();
    let events = 0;
    let rows = 0;
    for (const institution of institutions) {
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .limit(400)
        .execute();
      const staff = await db
        .selectFrom('staff_member')
        .select('id')
        .where('institution_id', '=', institution.id)
        .limit(2)
        .execute();
      if (!people.length || !staff.length) continue;
      const owner = (staff[0] as { id: string }).id;
      const eventRows: DeathEventTable[] = [];
      const stepRows: DeathStepTable[] = [];
      const investigationRows: DeathInvestigationTable[] = [];
      const clinicalRows: DeathClinicalTable[] = [];
      const reviewRows: DeathReviewTable[] = [];
      const actionRows: DeathActionTable[] = [];
      const at = (ms: number) => new Date(ms).toISOString();
      for (let i = 0; i < EVENTS_PER_INSTITUTION_YEAR * YEARS; i++) {
        const person = people[Math.floor(random() * people.length)] as { id: string };
        const found = now.getTime() - Math.floor(random() * YEARS * 365 * DAY) - 70 * DAY;
        const kind = random() < 0.6 ? 'death' : random() < 0.5 ? 'serious_injury' : 'disappearance';
        const death = kind === 'death';
        const id = newId();
        const base = { event_id: id, recorded_by: doctor.id };
        eventRows.push({
          id,
          person_id: person.id,
          institution_id: institution.id,
          kind,
          found_at: at(found),
          place: 'Cell',
          found_by: 'Officer on the round',
          circumstances: 'Generated for the benchmark',
          resuscitation_attempted: death ? 1 : null,
          pronounced_by: death ? 'Duty doctor' : null,
          pronounced_at: death ? at(found + 40 * MINUTE) : null,
          setting: death ? 'in_custody' : null,
          manner: death ? (MANNERS[Math.floor(random() * MANNERS.length)] as string) : null,
          recorded_by: doctor.id,
          recorded_at: at(found + 30 * MINUTE),
          closed_at: at(found + 60 * DAY),
          closed_by: doctor.id,
          close_note: null,
          version: 2,
        });
        for (const [step, minutes] of STEP_MINUTES) {
          if (!death && step === 'doctor_certification') continue;
          if (kind === 'disappearance' && step === 'emergency_response') continue;
          stepRows.push({
            ...base,
            id: newId(),
            step,
            at: at(found + minutes * MINUTE),
            channel: 'phone',
            recipient: 'Duty desk',
            reference: `REF-${i}`,
            note: null,
            recorded_at: at(found + (minutes + 5) * MINUTE),
          });
        }
        investigationRows.push({
          ...base,
          id: newId(),
          authority: 'Prosecutor',
          reference: `PROS-${i}`,
          opened_at: at(found + (random() < 0.8 ? 10 : 40) * 60 * MINUTE),
          recorded_at: at(found + 2 * DAY),
        });
        if (death) {
          clinicalRows.push({
            ...base,
            id: newId(),
            cause_code: 'I46.9',
            cause_text: 'Cardiac arrest',
            autopsy: random() < 0.7 ? 'done' : 'requested',
            autopsy_result: null,
            recorded_at: at(found + 10 * DAY),
          });
          const reviewId = newId();
          reviewRows.push({
            ...base,
            id: reviewId,
            kind: 'clinical_review',
            due_at: at(found + 61 * DAY),
            concluded_at: at(found + 40 * DAY),
            concluded_by: doctor.id,
            findings: 'Generated findings',
            version: 2,
            recorded_at: at(found + DAY),
          });
          for (let k = 0; k < 2; k++)
            actionRows.push({
              ...base,
              id: newId(),
              review_id: reviewId,
              recommendation: 'Generated recommendation',
              owner_staff_id: owner,
              due_on: at(found + 90 * DAY).slice(0, 10),
              done_at: random() < 0.7 ? at(found + 80 * DAY) : null,
              done_by: null,
              evidence: null,
              version: 1,
              recorded_at: at(found + 40 * DAY),
            });
        }
      }
      await bulkInsert(db, dialect, 'death_event', eventRows);
      await bulkInsert(db, dialect, 'death_step', stepRows);
      await bulkInsert(db, dialect, 'death_investigation', investigationRows);
      await bulkInsert(db, dialect, 'death_clinical', clinicalRows);
      await bulkInsert(db, dialect, 'death_review', reviewRows);
      await bulkInsert(db, dialect, 'death_action', actionRows);
      events += eventRows.length;
      rows +=
        stepRows.length +
        investigationRows.length +
        clinicalRows.length +
        reviewRows.length +
        actionRows.length;
    }
    const facts: DeathsBenchFacts = {
      institutionId: doctor.institution_id,
      year: String(new Date(now.getTime() - 365 * DAY).getUTCFullYear()),
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: DEATHS_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`${events} events, ${rows} entries`);
    return `${events} deaths and incidents over ${YEARS} years, ${rows} checklist, investigation, clinical, review and action rows`;
  },
};
