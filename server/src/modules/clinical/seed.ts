import {
  completeScreening,
  contentFor,
  dueAfter,
  type EncounterContent,
  newId,
  thresholdDefinitions,
  vitalSigns,
} from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { contentHash } from './records.ts';
import type {
  ClinicalTaskTable,
  EncounterTable,
  HealthAlertTable,
  ObservationTable,
  ProblemTable,
} from './tables.ts';
import { demoConceptRows, upsertConcepts } from './terminology.ts';

const HOUR = 3_600_000;
const BATCH = 200;

/**
 * The medical record's demo data: the demonstration code list, an admission screening task for every
 * admission and arrival of the past two years (most screened within 24 h, some late, some never — so
 * the ADM-1 rate means something), the overdue ones of the last days on the worklist, and a chart
 * with problems, allergies, vital signs and health alerts for some people in each prison.
 */
export const clinicalSeed: SeedPart<AuditRecorder, RegistryServices & IdentityServices> = {
  module: 'clinical',
  async run({ tx, now, random, audit, store, services: { registry, identity } }) {
    const at = now.toISOString();
    await upsertConcepts(tx, demoConceptRows(at));
    const users = await identity.userIdsByUsername(tx, ['demo.nurse', 'demo.doctor']);
    const nurse = users.get('demo.nurse');
    const doctor = users.get('demo.doctor');
    if (!nurse || !doctor) throw new Error('the clinical demo needs the identity demo users');

    const arrivals = await registry.arrivals(tx);
    // The institution of a transfer_in is the destination of the transfer_out just before it.
    const transfersOut = new Map<string, { at: string; to: string | null }[]>();
    for (const e of await registry.transfersOut(tx)) {
      const list = transfersOut.get(e.person_id) ?? [];
      list.push({ at: e.occurred_at, to: e.destination_institution_id });
      transfersOut.set(e.person_id, list);
    }
    const destinationBefore = (personId: string, at: string) =>
      (transfersOut.get(personId) ?? []).filter((t) => t.at <= at).at(-1)?.to ?? null;

    const limit = thresholdDefinitions['ADM-1.screening_due_minutes'].defaultValue;
    const tasks: ClinicalTaskTable[] = [];
    const encounters: EncounterTable[] = [];
    for (const a of arrivals) {
      const institutionId =
        a.type === 'transfer_in' ? destinationBefore(a.person_id, a.occurred_at) : a.institution_id;
      if (!institutionId) continue;
      const triggered = Date.parse(a.occurred_at);
      const dueAt = dueAfter(a.occurred_at, limit);
      const roll = random();
      const age = now.getTime() - triggered;
      // Recent arrivals wait on the worklist; older ones were mostly screened in time; those of the
      // day or two before were screened a few hours after arriving (issue 14 item 9: the doctor
      // has them to countersign).
      const screenedAfter =
        age < 30 * HOUR
          ? null
          : age < 72 * HOUR
            ? 3 * HOUR
            : roll < 0.86
              ? (1 + random() * 20) * HOUR
              : roll < 0.96
                ? (25 + random() * 40) * HOUR
                : null;
      const id = newId();
      let encounterId: string | null = null;
      let completedAt: string | null = null;
      if (screenedAfter !== null && triggered + screenedAfter < now.getTime()) {
        completedAt = new Date(triggered + screenedAfter).toISOString();
        encounterId = newId();
        const sex = a.sex === 'female' ? 'female' : 'male';
        const form = completeScreening(
          sex === 'female'
            ? {
                women: {
                  pregnancy: 'not_pregnant',
                  violenceBeforeAdmission: 'declined_to_answer',
                  femaleClinicianRequested: false,
                },
              }
            : {},
        );
        const content: EncounterContent = contentFor(
          'admission_screening',
          completedAt,
          'Nurse Günay Əliyeva',
        );
        const signedAt = new Date(triggered + screenedAfter + HOUR).toISOString();
        encounters.push({
          id: encounterId,
          person_id: a.person_id,
          institution_id: institutionId,
          type: 'admission_screening',
          started_at: completedAt,
          author_id: nurse,
          status: 'signed',
          content: JSON.stringify(content),
          structured: JSON.stringify(form),
          restricted: 0,
          task_id: id,
          content_hash: contentHash({ id: encounterId, content, structured: form, signedAt }),
          signed_at: signedAt,
          signed_by: doctor,
          version: 3,
          created_at: completedAt,
          updated_at: signedAt,
        });
      } else if (a.status !== 'in_custody' || age > 7 * 24 * HOUR) {
        // Never screened and gone, or long ago: closed unscreened, counted as not done in the rate.
        // Only the last week's misses stay open on the worklist.
        completedAt = new Date(Math.min(triggered + 48 * HOUR, now.getTime())).toISOString();
      }
      tasks.push({
        id,
        person_id: a.person_id,
        institution_id: institutionId,
        kind: 'admission_screening',
        source_ref: 'ADM-1',
        trigger_event_id: a.id,
        source_encounter_id: null,
        triggered_at: a.occurred_at,
        due_at: dueAt,
        completed_at: completedAt,
        completed_by: encounterId ? nurse : null,
        encounter_id: encounterId,
        version: 1,
        created_at: a.occurred_at,
      });
    }
    // Issue 14 item 9: the latest screenings of the doctor's prison were completed by the nurse and
    // await his countersignature (ADM-1), each with its task, whenever the demo starts.
    const home = ((store.get('institutionIds') as string[] | undefined) ?? [])[0];
    const here = new Set(
      home ? (await registry.peopleInCustody(tx, { institutionId: home })).map((p) => p.id) : [],
    );
    const awaiting = encounters
      .filter((e) => e.institution_id === home && here.has(e.person_id))
      .sort((a, b) => b.started_at.localeCompare(a.started_at))
      .slice(0, 3);
    for (const e of awaiting) {
      Object.assign(e, {
        status: 'completed',
        content_hash: null,
        signed_at: null,
        signed_by: null,
        version: 2,
      });
      tasks.push({
        id: newId(),
        person_id: e.person_id,
        institution_id: e.institution_id as string,
        kind: 'screening_countersignature',
        source_ref: 'ADM-1',
        trigger_event_id: null,
        source_encounter_id: e.id,
        triggered_at: e.started_at,
        due_at: dueAfter(
          e.started_at,
          thresholdDefinitions['ADM-1.countersignature_due_minutes'].defaultValue,
        ),
        completed_at: null,
        completed_by: null,
        encounter_id: e.id,
        version: 1,
        created_at: e.started_at,
      });
    }
    for (let i = 0; i < encounters.length; i += BATCH) {
      await tx
        .insertInto('encounter')
        .values(encounters.slice(i, i + BATCH))
        .execute();
    }
    // Their answer "no known allergies", as completing them states it in the chart (issue 14 item 8).
    const statements = encounters.map((e) => ({
      id: newId(),
      person_id: e.person_id,
      statement: 'none_known' as const,
      encounter_id: e.id,
      author_id: e.author_id,
      recorded_at: e.started_at,
    }));
    for (let i = 0; i < statements.length; i += BATCH)
      await tx
        .insertInto('allergy_statement')
        .values(statements.slice(i, i + BATCH))
        .execute();
    // The doctor's own notes of this morning, written and not yet signed.
    const drafts = home ? await registry.peopleInCustody(tx, { institutionId: home, limit: 2 }) : [];
    const notes = [
      { subjective: 'Headache for two days, sleeps badly.', assessment: 'Tension headache.', hoursAgo: 2 },
      { subjective: 'Asks for his asthma inhaler.', assessment: 'Asthma, controlled.', hoursAgo: 0.75 },
    ];
    const draftRows: EncounterTable[] = drafts.map((p, i) => {
      const note = notes[i] as (typeof notes)[number];
      const startedAt = new Date(now.getTime() - note.hoursAgo * HOUR).toISOString();
      const content: EncounterContent = {
        ...contentFor('routine', startedAt, 'Dr Demo'),
        subjective: note.subjective,
        assessment: note.assessment,
      };
      return {
        id: newId(),
        person_id: p.id,
        institution_id: home as string,
        type: 'routine',
        started_at: startedAt,
        author_id: doctor,
        status: 'draft',
        content: JSON.stringify(content),
        structured: null,
        restricted: 0,
        task_id: null,
        content_hash: null,
        signed_at: null,
        signed_by: null,
        version: 1,
        created_at: startedAt,
        updated_at: startedAt,
      };
    });
    if (draftRows.length) await tx.insertInto('encounter').values(draftRows).execute();
    for (let i = 0; i < tasks.length; i += BATCH) {
      await tx
        .insertInto('clinical_task')
        .values(tasks.slice(i, i + BATCH))
        .execute();
    }

    // A chart for some people in custody: problems, an allergy, vital signs, an alert.
    const charted = (await registry.peopleInCustody(tx)).filter(() => random() < 0.05);
    const conditions = [
      { code: 'I10', display: 'Primary high blood pressure', restricted: false },
      { code: 'J45.9', display: 'Asthma', restricted: false },
      { code: 'B18.2', display: 'Long-term hepatitis C', restricted: true },
      { code: 'F11.2', display: 'Dependence on opioids', restricted: false },
      { code: 'E11.9', display: 'Type 2 diabetes without complications', restricted: false },
    ];
    const problems: ProblemTable[] = [];
    const observations: ObservationTable[] = [];
    const alerts: HealthAlertTable[] = [];
    for (const p of charted) {
      const condition = conditions[Math.floor(random() * conditions.length)] as (typeof conditions)[number];
      const recordedAt = new Date(now.getTime() - Math.floor(random() * 300) * 24 * HOUR).toISOString();
      problems.push({
        id: newId(),
        person_id: p.id,
        code_system: 'http://hl7.org/fhir/sid/icd-10',
        code: condition.code,
        display: condition.display,
        onset_date: null,
        note: null,
        restricted: condition.restricted ? 1 : 0,
        encounter_id: null,
        author_id: doctor,
        recorded_at: recordedAt,
      });
      const takenAt = new Date(now.getTime() - Math.floor(random() * 30) * 24 * HOUR).toISOString();
      const readings: [keyof typeof vitalSigns, number][] = [
        ['systolic', 110 + Math.floor(random() * 50)],
        ['diastolic', 70 + Math.floor(random() * 20)],
        ['pulse', 60 + Math.floor(random() * 30)],
        ['temperature', 36.4 + Math.round(random() * 8) / 10],
      ];
      for (const [name, value] of readings) {
        observations.push({
          id: newId(),
          person_id: p.id,
          encounter_id: null,
          category: 'vital-signs',
          test: name,
          code_system: 'http://loinc.org',
          code: vitalSigns[name].loinc,
          value_number: value,
          value_code: null,
          unit: vitalSigns[name].unit,
          note: null,
          effective_at: takenAt,
          restricted: 0,
          author_id: nurse,
          recorded_at: takenAt,
        });
      }
      if (condition.code === 'E11.9' || condition.code === 'J45.9') {
        const detail =
          condition.code === 'E11.9'
            ? { kind: 'special_diet', diet: 'diabetic' }
            : { kind: 'fitness', area: 'work', result: 'fit_with_restrictions' };
        alerts.push({
          id: newId(),
          person_id: p.id,
          kind: detail.kind,
          detail: JSON.stringify(detail),
          starts_at: recordedAt,
          ends_at: null,
          source_ref: 'MED-3',
          source_encounter_id: null,
          created_by: doctor,
          created_at: recordedAt,
          ended_by: null,
          version: 1,
        });
      }
    }
    for (let i = 0; i < problems.length; i += BATCH)
      await tx
        .insertInto('problem')
        .values(problems.slice(i, i + BATCH))
        .execute();
    for (let i = 0; i < observations.length; i += BATCH) {
      await tx
        .insertInto('observation')
        .values(observations.slice(i, i + BATCH))
        .execute();
    }
    for (let i = 0; i < alerts.length; i += BATCH)
      await tx
        .insertInto('health_alert')
        .values(alerts.slice(i, i + BATCH))
        .execute();

    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'clinical.seed_demo',
        dataClass: 'clinical',
        outcome: 'allowed',
        details: { tasks: tasks.length, screenings: encounters.length, charts: charted.length },
      },
    );
    return `demonstration ICD-10 list, ${tasks.length} screening tasks (${encounters.length} screened), ${charted.length} charts, ${alerts.length} health alerts, at ${at}`;
  },
};
