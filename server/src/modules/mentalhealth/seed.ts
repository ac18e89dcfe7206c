import {
  type AttendanceCode,
  gad7,
  type Intervention,
  newId,
  phq9,
  type ReferralUrgency,
  referralDueAt,
  scoreInstrument,
} from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Baku';

type Needs = RegistryServices & IdentityServices;

/** Answers summing to `total` over `n` items (0–3 each), item 9 of the PHQ-9 kept at 0. */
function answersFor(prefix: string, n: number, total: number) {
  const a: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= n; i++) {
    const v = i === 9 ? 0 : Math.min(3, left);
    a[`${prefix}_${i}`] = v;
    left -= v;
  }
  return a;
}

/**
 * Mental-health demo data (ADR 0043), times relative to the seed's `now`: referrals waiting at each
 * pilot prison (one overdue at the first), one assessed with a care plan and one with a transfer
 * waiting past twice its target (escalated to the health manager); a CBT-based group and a psychoeducation group with four sessions each
 * (one prevented by the regime) and PHQ-9 / GAD-7 scores before and after; at the women's prison
 * (PILOT-W) a trauma-focused group for women (MHS-9).
 */
export const mentalhealthSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'mentalhealth',
  async run({ tx, now, store, audit, services: { registry, identity } }) {
    const institutionIds = ((store.get('institutionIds') as string[] | undefined) ?? []).slice(0, 3);
    const users = await identity.userIdsByUsername(tx, [
      'demo.psychologist',
      'demo.psychiatrist',
      'demo.nurse',
      'demo.custodial-officer',
    ]);
    const psychologist = users.get('demo.psychologist');
    const psychiatrist = users.get('demo.psychiatrist') ?? psychologist;
    const nurse = users.get('demo.nurse') ?? psychologist;
    const officer = users.get('demo.custodial-officer') ?? nurse;
    if (!psychologist || !psychiatrist || !nurse || !officer)
      throw new Error('the mental-health demo needs the demo users');
    const t = now.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    let referralCount = 0;
    let courseCount = 0;

    const referral = async (
      personId: string,
      institutionId: string,
      r: { urgency: ReferralUrgency; agoH: number; source: 'staff' | 'self'; reason: string; by: string },
    ) => {
      const id = newId();
      await tx
        .insertInto('mh_referral')
        .values({
          id,
          person_id: personId,
          institution_id: institutionId,
          source: r.source,
          urgency: r.urgency,
          reason: r.reason,
          rule: 'MHS-1',
          referred_at: iso(t - r.agoH * HOUR),
          due_at: referralDueAt(iso(t - r.agoH * HOUR), r.urgency, ZONE),
          referred_by: r.by,
          screening_task_id: null,
          health_request_id: null,
          response_id: null,
          assessed_at: null,
          version: 1,
        })
        .execute();
      referralCount++;
      return id;
    };

    const assess = async (
      tx2: Tx,
      referralId: string,
      personId: string,
      institutionId: string,
      a: {
        afterH: number;
        referredAgoH: number;
        outcome: 'care_plan' | 'transfer';
        facility?: string;
        plan?: object;
      },
    ) => {
      const at = iso(t - (a.referredAgoH - a.afterH) * HOUR);
      await tx2
        .updateTable('mh_referral')
        .set({ assessed_at: at, version: 2 })
        .where('id', '=', referralId)
        .execute();
      const id = newId();
      await tx2
        .insertInto('mh_assessment')
        .values({
          id,
          referral_id: referralId,
          person_id: personId,
          institution_id: institutionId,
          assessed_at: at,
          assessed_by: a.outcome === 'transfer' ? psychiatrist : psychologist,
          history: 'Low mood since sentencing; no previous psychiatric care (demonstration).',
          mental_state: 'Appearance kempt; speech slow; mood low; no psychotic features (demonstration).',
          risk_formulation:
            'Passive thoughts of death without plan; protective factors: family contact (demonstration).',
          risk_level: a.outcome === 'transfer' ? 'high' : 'moderate',
          diagnosis_code: a.outcome === 'transfer' ? 'F32.2' : 'F32.1',
          diagnosis_text:
            a.outcome === 'transfer' ? 'Severe depressive episode' : 'Moderate depressive episode',
          outcome: a.outcome,
          care_plan: a.plan ? JSON.stringify(a.plan) : null,
          recorded_at: at,
        })
        .execute();
      if (a.outcome === 'transfer')
        await tx2
          .insertInto('mh_transfer')
          .values({
            id: newId(),
            person_id: personId,
            institution_id: institutionId,
            assessment_id: id,
            facility: a.facility ?? 'Republican Psychiatric Hospital No. 1',
            requested_at: at,
            transferred_at: null,
            cancelled_at: null,
            cancel_reason: null,
            version: 1,
          })
          .execute();
    };

    const course = async (
      institutionId: string,
      people: string[],
      c: {
        intervention: Intervention;
        title: string;
        startedAgoD: number;
        planned: number;
        codes: AttendanceCode[][];
      },
    ) => {
      const id = newId();
      const startsOn = iso(t - c.startedAgoD * DAY).slice(0, 10);
      await tx
        .insertInto('mh_course')
        .values({
          id,
          institution_id: institutionId,
          intervention: c.intervention,
          mode: 'group',
          title: c.title,
          facilitator_ids: JSON.stringify([psychologist]),
          capacity: 8,
          planned_sessions: c.planned,
          starts_on: startsOn,
          created_by: psychologist,
          created_at: iso(t - (c.startedAgoD + 2) * DAY),
          version: 1,
        })
        .execute();
      const enrolments = people.map((personId) => ({ id: newId(), personId }));
      await tx
        .insertInto('mh_enrolment')
        .values(
          enrolments.map((e) => ({
            id: e.id,
            course_id: id,
            person_id: e.personId,
            institution_id: institutionId,
            goal: 'Fewer days of low mood; use two coping skills each week (demonstration).',
            enrolled_at: iso(t - (c.startedAgoD + 1) * DAY),
            enrolled_by: psychologist,
          })),
        )
        .execute();
      const responses: Parameters<ReturnType<typeof tx.insertInto<'mh_response'>>['values']>[0] = [];
      const score = (personId: string, at: number, phqTotal: number, gadTotal: number) => {
        for (const [def, total, n] of [
          [phq9, phqTotal, 9],
          [gad7, gadTotal, 7],
        ] as const) {
          const answers = answersFor(def.code, n, total);
          const s = scoreInstrument(def, answers).score;
          (responses as object[]).push({
            id: newId(),
            person_id: personId,
            institution_id: institutionId,
            instrument_code: def.code,
            instrument_version: def.version,
            language: 'az',
            mode: 'self_report',
            answers: JSON.stringify(answers),
            total: s?.total ?? total,
            band: s?.band ?? null,
            risk: null,
            course_id: id,
            completed_at: iso(at),
            recorded_by: psychologist,
          });
        }
      };
      for (const [k, codes] of c.codes.entries()) {
        const heldAt = t - (c.startedAgoD - k * 7) * DAY + 10 * HOUR;
        const sessionId = newId();
        await tx
          .insertInto('mh_session')
          .values({
            id: sessionId,
            course_id: id,
            institution_id: institutionId,
            held_at: iso(heldAt),
            duration_minutes: 90,
            note: 'Group worked on noticing automatic thoughts (demonstration).',
            recorded_by: psychologist,
            recorded_at: iso(heldAt + 2 * HOUR),
          })
          .execute();
        await tx
          .insertInto('mh_attendance')
          .values(
            enrolments.map((e, i) => ({
              id: newId(),
              session_id: sessionId,
              enrolment_id: e.id,
              person_id: e.personId,
              code: codes[i % codes.length] as AttendanceCode,
              measure_taken: codes[i % codes.length] === 'attended' ? 1 : 0,
            })),
          )
          .execute();
        enrolments.forEach((e, i) => {
          if (k === 0) score(e.personId, heldAt, 12 + (i % 4) * 2, 9 + (i % 3) * 2);
          if (k === c.codes.length - 1 && codes[i % codes.length] === 'attended')
            score(e.personId, heldAt, 5 + (i % 5), 4 + (i % 4));
        });
      }
      if (responses.length) await tx.insertInto('mh_response').values(responses).execute();
      courseCount++;
    };

    for (const [n, institutionId] of institutionIds.entries()) {
      const people = (await registry.peopleInCustody(tx, { institutionId, limit: 40 })).slice(12);
      if (people.length < 10) continue;
      const p = (k: number) => (people[k % people.length] as { id: string }).id;
      await referral(p(0), institutionId, {
        urgency: 'h72',
        agoH: 20,
        source: 'staff',
        reason: 'Withdrawn, stopped eating with the others on the wing (demonstration).',
        by: officer,
      });
      await referral(p(1), institutionId, {
        urgency: 'h24',
        agoH: n === 0 ? 30 : 4,
        source: 'self',
        reason: 'Asked in a confidential request to speak to the psychologist (demonstration).',
        by: nurse,
      });
      const planned = await referral(p(2), institutionId, {
        urgency: 'h72',
        agoH: 24 * 20,
        source: 'staff',
        reason: 'Sleeping badly and tearful after a family visit (demonstration).',
        by: nurse,
      });
      await assess(tx, planned, p(2), institutionId, {
        afterH: 40,
        referredAgoH: 24 * 20,
        outcome: 'care_plan',
        plan: {
          problem: 'Low mood after sentencing',
          goal: 'PHQ-9 below 10 within 8 weeks',
          intervention: n === 2 ? 'trauma_focused_women' : 'cbt_group',
          frequency: 'Weekly',
          reviewOn: iso(t + 14 * DAY).slice(0, 10),
          traumaInformed: n === 2,
          traumaHistoryAsked: n === 2,
        },
      });
      if (n === 0) {
        const transfer = await referral(p(3), institutionId, {
          urgency: 'immediate',
          agoH: 24 * 30,
          source: 'staff',
          reason: 'Hearing voices, not sleeping for three nights (demonstration).',
          by: officer,
        });
        await assess(tx, transfer, p(3), institutionId, {
          afterH: 1,
          referredAgoH: 24 * 30,
          outcome: 'transfer',
        });
      }
      const members = [4, 5, 6, 7, 8, 9].map(p);
      if (n === 0)
        await course(institutionId, members, {
          intervention: 'cbt_group',
          title: 'CBT-based group: low mood',
          startedAgoD: 22,
          planned: 6,
          codes: [
            ['attended'],
            ['attended', 'attended', 'did_not_attend'],
            ['prevented_by_regime'],
            ['attended', 'attended', 'attended', 'cancelled_by_person', 'attended', 'in_segregation'],
          ],
        });
      if (n === 1)
        await course(institutionId, members, {
          intervention: 'psychoeducation',
          title: 'Psychoeducation: sleep and stress',
          startedAgoD: 21,
          planned: 4,
          codes: [
            ['attended'],
            ['attended', 'cancelled_by_service'],
            ['attended', 'attended', 'did_not_attend'],
            ['attended'],
          ],
        });
      if (n === 2)
        await course(institutionId, members, {
          intervention: 'trauma_focused_women',
          title: 'Trauma-informed group for women (safety and stabilisation)',
          startedAgoD: 15,
          planned: 8,
          codes: [['attended'], ['attended', 'attended', 'cancelled_by_person'], ['attended']],
        });
    }
    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'mentalhealth.demo.seed',
        dataClass: 'clinical',
        outcome: 'allowed',
        resourceType: 'mh_referral',
        details: { demo: true, referrals: referralCount, courses: courseCount },
      },
    );
    return `${referralCount} mental-health referrals (one overdue, one transfer waiting) and ${courseCount} therapy groups with sessions and scores`;
  },
};
