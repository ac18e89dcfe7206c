import { type ForceType, forceTypes, newId } from '@custodia/domain';
import type {
  ForceAccountTable,
  ForceExaminationTable,
  ForceIncidentPersonTable,
  ForceIncidentStaffTable,
  ForceIncidentTable,
  ForceReviewTable,
} from '../../server/src/modules/force/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link ForceBenchFacts} as JSON, read by the register scenario. */
export const FORCE_FACTS = 'bench_force';

export interface ForceBenchFacts {
  /** An institution with a year of uses of force, and a month of it (YYYY-MM) for the register. */
  institutionId: string;
  month: string;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** About 120 uses of force per institution and year (4,800 a year at national scale, 40 prisons). */
const INCIDENTS_PER_INSTITUTION_YEAR = 120;

/**
 * Uses of force (issue 18 item 3): a year of them in every institution, each with one or two people,
 * one to three staff and an account from each, the examination after force (most within 4 h, some
 * late, a few refused or still missing) and the governor's review for most.
 */
export const forcePart: GeneratorPart = {
  module: 'force',
  async run({ db, dialect, random, now, log }) {
    const author = await db.selectFrom('user_account').select('id').orderBy('id').limit(1).executeTakeFirst();
    if (!author) throw new Error('the force part needs the identity part');
    const institutions = await db.selectFrom('institution').select('id').orderBy('id').execute();
    let incidents = 0;
    let factsInstitution = '';
    for (const institution of institutions) {
      const cells = await db
        .selectFrom('cell')
        .select(['id', 'unit_id'])
        .where('institution_id', '=', institution.id)
        .limit(50)
        .execute();
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('status', '=', 'in_custody')
        .limit(400)
        .execute();
      const staff = await db
        .selectFrom('staff_member')
        .select('id')
        .where('institution_id', '=', institution.id)
        .limit(20)
        .execute();
      if (!cells.length || people.length < 2 || staff.length < 3) continue;
      factsInstitution ||= institution.id;
      const incidentRows: ForceIncidentTable[] = [];
      const personRows: ForceIncidentPersonTable[] = [];
      const staffRows: ForceIncidentStaffTable[] = [];
      const accountRows: ForceAccountTable[] = [];
      const examRows: ForceExaminationTable[] = [];
      const reviewRows: ForceReviewTable[] = [];
      for (let i = 0; i < INCIDENTS_PER_INSTITUTION_YEAR; i++) {
        const id = newId();
        const occurred = now.getTime() - Math.floor(random() * 365 * DAY) - HOUR;
        const at = (ms: number) => new Date(occurred + ms).toISOString();
        const cell = cells[Math.floor(random() * cells.length)] as (typeof cells)[number];
        incidentRows.push({
          id,
          institution_id: institution.id,
          unit_id: cell.unit_id,
          cell_id: cell.id,
          place_note: null,
          occurred_at: at(0),
          restraint_episode_id: null,
          reported_by: author.id,
          recorded_at: at(30 * MINUTE),
        });
        const start = Math.floor(random() * (people.length - 1));
        const subjects = people.slice(start, start + (random() < 0.15 ? 2 : 1));
        const first = Math.floor(random() * (staff.length - 2));
        const involved = staff.slice(first, first + 1 + Math.floor(random() * 3));
        const types: ForceType[] = [
          'physical_hold',
          ...(random() < 0.2 ? [forceTypes[1 + Math.floor(random() * 4)] as ForceType] : []),
        ];
        for (const s of involved) {
          staffRows.push({ incident_id: id, staff_id: s.id });
          accountRows.push({
            id: newId(),
            incident_id: id,
            staff_id: s.id,
            types: JSON.stringify([...new Set(types)]),
            type_other: types.includes('other') ? 'Shield' : null,
            reason: 'protect_others',
            narrative: 'Held to stop an assault on another prisoner (bench).',
            duration_minutes: 1 + Math.floor(random() * 10),
            de_escalation_tried: 1,
            de_escalation: 'Verbal de-escalation first',
            injuries_to_staff: 'no',
            injuries_to_person: 'unknown',
            witnesses: null,
            amends_id: null,
            amend_reason: null,
            recorded_by: author.id,
            recorded_at: at(40 * MINUTE),
          });
        }
        for (const p of subjects) {
          personRows.push({ incident_id: id, person_id: p.id });
          const r = random();
          if (r < 0.03) continue; // still missing
          const late = r < 0.15;
          examRows.push({
            id: newId(),
            incident_id: id,
            person_id: p.id,
            outcome: r < 0.06 ? 'refused' : 'no_injuries',
            examined_at: at((late ? 6 * 60 : 20 + Math.floor(random() * 120)) * MINUTE),
            examined_by: author.id,
            non_medical_present: 0,
            presence_reason: null,
            note: null,
            injury_record_id: null,
            recorded_at: at(7 * HOUR),
          });
        }
        if (random() < 0.9)
          reviewRows.push({
            id: newId(),
            incident_id: id,
            decision: random() < 0.05 ? 'referred_for_investigation' : 'justified',
            note: 'Reviewed (bench)',
            recorded_by: author.id,
            recorded_at: at(DAY),
          });
      }
      await bulkInsert(db, dialect, 'force_incident', incidentRows);
      await bulkInsert(db, dialect, 'force_incident_person', personRows);
      await bulkInsert(db, dialect, 'force_incident_staff', staffRows);
      await bulkInsert(db, dialect, 'force_account', accountRows);
      await bulkInsert(db, dialect, 'force_examination', examRows);
      await bulkInsert(db, dialect, 'force_review', reviewRows);
      incidents += incidentRows.length;
    }
    const month = new Date(now.getTime() - 60 * DAY).toISOString().slice(0, 7);
    const facts: ForceBenchFacts = { institutionId: factsInstitution, month };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: FORCE_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`${incidents} uses of force`);
    return `${incidents} uses of force over a year in ${institutions.length} institutions`;
  },
};
