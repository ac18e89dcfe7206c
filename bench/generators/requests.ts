import { answerDueAt, newId, triageDueAt } from '@custodia/domain';
import type { ComplaintTable, HealthRequestTable } from '../../server/src/modules/requests/tables.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import type { GeneratorPart } from './index.ts';

/** system_setting key holding {@link RequestsBenchFacts} as JSON, read by the register scenario. */
export const REQUESTS_FACTS = 'bench_requests';

export interface RequestsBenchFacts {
  /** The bench doctor's institution and the last whole month (YYYY-MM) of its register. */
  institutionId: string;
  month: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Baku';
/** About 12 requests to health care a day in each institution (MED-5), a year of them. */
const REQUESTS_PER_INSTITUTION_YEAR = 4_400;
/** About 2 complaints a day in each institution (RES-7). */
const COMPLAINTS_PER_INSTITUTION_YEAR = 700;
const ADDRESSEES = [
  'governor',
  'governor',
  'governor',
  'ministry',
  'prosecutor',
  'ombudsman',
  'court',
  'cpt',
];
const CATEGORIES = [
  'conditions',
  'food',
  'health_care',
  'contact_family',
  'legal_aid',
  'property',
  'staff_conduct',
  'other',
];
const OUTCOMES = ['appointment_booked', 'seen', 'advice_given', 'referred', 'no_action'];

/**
 * Requests to health care and complaints (ADR 0038): a year of each per institution (about 176,000
 * requests and 28,000 complaints at national scale), most triaged and answered, some late, bulk
 * inserted; the register scenario reads the bench doctor's institution's last whole month.
 */
export const requestsPart: GeneratorPart = {
  module: 'requests',
  async run({ db, dialect, random, now, log }) {
    const doctor = await db
      .selectFrom('user_account as u')
      .innerJoin('user_institution as ui', 'ui.user_id', 'u.id')
      .select(['u.id', 'ui.institution_id'])
      .where('u.username', '=', 'bench.doctor')
      .executeTakeFirst();
    if (!doctor) throw new Error('the requests part needs the clinical part (bench.doctor)');
    const institutions = await db.selectFrom('institution').select('id').execute();
    const iso = (ms: number) => new Date(ms).toISOString();
    let requests = 0;
    let complaints = 0;
    for (const institution of institutions) {
      const people = await db
        .selectFrom('person')
        .select('id')
        .where('institution_id', '=', institution.id)
        .where('status', '=', 'in_custody')
        .limit(400)
        .execute();
      if (!people.length) continue;
      const pick = () => (people[Math.floor(random() * people.length)] as { id: string }).id;
      const requestRows: HealthRequestTable[] = [];
      for (let i = 0; i < REQUESTS_PER_INSTITUTION_YEAR; i++) {
        const received = now.getTime() - Math.floor(random() * 365 * DAY) - HOUR;
        const urgency = random() < 0.15 ? 'urgent' : 'routine';
        const triaged = received + Math.floor(random() * (random() < 0.9 ? 20 : 40) * HOUR);
        const done = triaged < now.getTime();
        const box = random() < 0.6;
        requestRows.push({
          id: newId(),
          person_id: pick(),
          institution_id: institution.id,
          channel: box ? 'sealed_box' : 'kiosk',
          urgency,
          text: 'Benchmark request',
          paper_date: null,
          box_opened_at: box ? iso(received) : null,
          received_at: iso(received),
          triage_due_at: triageDueAt(iso(received), urgency, ZONE),
          entered_by: doctor.id,
          recorded_at: iso(received),
          triaged_at: done ? iso(triaged) : null,
          triaged_by: done ? doctor.id : null,
          triage_outcome: done ? (OUTCOMES[Math.floor(random() * OUTCOMES.length)] as string) : null,
          appointment_at: null,
          triage_reason: done ? 'Benchmark' : null,
          triage_note: null,
          allegation_complaint_id: null,
          version: done ? 2 : 1,
        });
      }
      await bulkInsert(db, dialect, 'health_request', requestRows);
      requests += requestRows.length;
      const complaintRows: ComplaintTable[] = [];
      for (let i = 0; i < COMPLAINTS_PER_INSTITUTION_YEAR; i++) {
        const received = now.getTime() - Math.floor(random() * 365 * DAY) - HOUR;
        const addressee = ADDRESSEES[Math.floor(random() * ADDRESSEES.length)] as string;
        const due = answerDueAt(iso(received), addressee as 'governor', ZONE);
        const answered = received + Math.floor(random() * 40 * DAY);
        const isAnswered = answered < now.getTime() && random() < 0.85;
        complaintRows.push({
          id: newId(),
          person_id: pick(),
          institution_id: institution.id,
          addressee,
          category: CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string,
          text: 'Benchmark complaint',
          confidential: addressee === 'governor' || addressee === 'ministry' ? 0 : 1,
          allegation: 0,
          received_at: iso(received),
          answer_due_at: due,
          status: isAnswered ? 'answered' : 'received',
          answered_at: isAnswered ? iso(answered) : null,
          registered_by: doctor.id,
          recorded_at: iso(received),
          source_request_id: null,
          version: isAnswered ? 2 : 1,
        });
      }
      await bulkInsert(db, dialect, 'complaint', complaintRows);
      complaints += complaintRows.length;
    }
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const facts: RequestsBenchFacts = {
      institutionId: doctor.institution_id,
      month: last.toISOString().slice(0, 7),
    };
    await bulkInsert(db, dialect, 'system_setting', [
      { key: REQUESTS_FACTS, value: JSON.stringify(facts), updated_at: now.toISOString() },
    ]);
    log(`requests: ${requests} requests, ${complaints} complaints`);
    return `${requests} requests to health care and ${complaints} complaints over a year`;
  },
};
