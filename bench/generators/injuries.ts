import {
  injuryCauses,
  injuryContexts,
  istanbulGrades,
  lesionTypes,
  newId,
  reportRequired,
} from '@custodia/domain';
import type {
  InjuryLesionTable,
  InjuryPhotoTable,
  InjuryRecordTable,
  InjuryReportTable,
} from '../../server/src/modules/injuries/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link InjuriesBenchFacts} as JSON, read by the load scenario. */
export const INJURIES_FACTS = 'bench_injuries';

export interface InjuriesBenchFacts {
  /** An institution with a year of injury records, and a month of that year (YYYY-MM). */
  institutionId: string;
  month: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** About 300 injury records per institution and year: 12,000 a year at national scale (ADR 0035). */
const RECORDS_PER_INSTITUTION_YEAR = 300;
const regions = ['face', 'chest', 'abdomen', 'back_upper', 'arm_left', 'arm_right', 'leg_left', 'leg_right'];

/**
 * A year of injury records (INJ-1 … INJ-6): per institution about 300, each with one to three lesions,
 * a third with photographs (rows only: the bytes are not generated), and a report for those that
 * require one. Bulk inserted, batch by batch.
 */
export const injuriesPart: GeneratorPart = {
  module: 'injuries',
  async run({ db, dialect, random, now, log }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the injuries part needs the clinical part (bench.doctor)');
    const institutions = await db.selectFrom('institution').select('id').execute();
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    let records = 0;
    let lesions = 0;
    for (const institution of institutions) {
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('status', '=', 'in_custody')
        .limit(500)
        .execute();
      if (!people.length) continue;
      const recordRows: InjuryRecordTable[] = [];
      const lesionRows: InjuryLesionTable[] = [];
      const photoRows: InjuryPhotoTable[] = [];
      const reportRows: InjuryReportTable[] = [];
      for (let i = 0; i < RECORDS_PER_INSTITUTION_YEAR; i++) {
        const id = newId();
        const signed = now.getTime() - Math.floor(random() * 365 * DAY) - HOUR;
        const at = (ms: number) => new Date(signed + ms).toISOString();
        const allegation = random() < 0.2;
        const conclusion = pick(istanbulGrades);
        const required = reportRequired({ allegation, conclusion, suggestsIllTreatment: false });
        const context = pick(injuryContexts);
        recordRows.push({
          id,
          person_id: pick(people).id,
          institution_id: institution.id,
          context,
          source_id: null,
          examined_at: at(-HOUR),
          persons_present: 'The examining clinician only',
          interpreter: null,
          out_of_hearing_and_sight: 1,
          presence_reason: null,
          account: JSON.stringify({ text: 'Account of how it happened (bench)', allegation }),
          allegation: allegation ? 1 : 0,
          no_injuries_seen: 0,
          conclusion,
          suggests_ill_treatment: 0,
          cause: context === 'admission' ? 'pre_admission' : pick(injuryCauses),
          tests_and_treatment: null,
          report_required: required ? 1 : 0,
          clinician_trained: random() < 0.8 ? 1 : 0,
          clinician_id: doctor.id,
          clinician_name: 'Bench doctor',
          signed_at: at(0),
          content_hash: id.replaceAll('-', '').padEnd(64, '0'),
        });
        const n = 1 + Math.floor(random() * 3);
        for (let k = 0; k < n; k++) {
          lesionRows.push({
            id: newId(),
            record_id: id,
            position: k,
            view: random() < 0.6 ? 'front' : 'back',
            region: pick(regions),
            x: random(),
            y: random(),
            type: pick(lesionTypes),
            length_cm: 1 + Math.round(random() * 100) / 10,
            width_cm: null,
            colour: 'red',
            shape: null,
            estimated_age: 'days_1_3',
            description: null,
            from_screening: 0,
          });
        }
        if (random() < 0.33) {
          const sha = newId().replaceAll('-', '').padEnd(64, 'a');
          photoRows.push({
            id: newId(),
            record_id: id,
            storage_key: sha,
            sha256: sha,
            content_type: 'image/jpeg',
            size_bytes: 250_000,
            scale_in_frame: 1,
            taken_at: at(10 * 60_000),
            uploaded_by: doctor.id,
          });
        }
        if (required) {
          reportRows.push({
            id: newId(),
            record_id: id,
            person_id: recordRows[recordRows.length - 1]?.person_id ?? '',
            institution_id: institution.id,
            recipient_kind: 'prosecutor',
            recipient_name: 'Prosecutor (bench)',
            recipient_address: 'Baku',
            language: 'az',
            sent_at: at(Math.floor(random() * 36) * HOUR),
            channel: 'secure_electronic',
            reference: `B-${i}`,
            person_objected: 0,
            objection: null,
            person_informed_at: null,
            reprisal_risk: 1,
            recorded_by: doctor.id,
            recorded_at: at(HOUR),
          });
        }
      }
      await bulkInsert(db, dialect, 'injury_record', recordRows);
      await bulkInsert(db, dialect, 'injury_lesion', lesionRows);
      if (photoRows.length) await bulkInsert(db, dialect, 'injury_photo', photoRows);
      if (reportRows.length) await bulkInsert(db, dialect, 'injury_report', reportRows);
      records += recordRows.length;
      lesions += lesionRows.length;
    }
    const month = new Date(now.getTime() - 60 * DAY).toISOString().slice(0, 7);
    const facts: InjuriesBenchFacts = { institutionId: doctor.institution_id, month };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: INJURIES_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`${records} injury records, ${lesions} lesions`);
    return `${records} injury records, ${lesions} lesions`;
  },
};
