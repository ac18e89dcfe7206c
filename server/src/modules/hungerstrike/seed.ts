import { addDays, dayIn, newId, refeedingRisk, refeedingSteps, wallTimeToInstant } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const HOUR = 3_600_000;
const ZONE = 'Asia/Baku';

type Needs = RegistryServices & IdentityServices;

/**
 * Hunger-strike demo data (ADR 0042), times relative to the seed's `now`, at the first pilot prison:
 * a food strike on its fifth day (fluids taken) with its assessment, baseline, information, advance
 * instructions and four daily records — today's offer still due — and a strike ended this morning,
 * in refeeding, its first steps done and the electrolytes of day 1 due.
 */
export const hungerSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'hungerstrike',
  async run({ tx, now, store, audit, services: { registry, identity } }) {
    const institutionId = ((store.get('institutionIds') as string[] | undefined) ?? [])[0];
    if (!institutionId) return 'no pilot prison';
    const users = await identity.userIdsByUsername(tx, ['demo.nurse', 'demo.doctor']);
    const nurse = users.get('demo.nurse');
    const doctor = users.get('demo.doctor');
    if (!nurse || !doctor) throw new Error('the hunger-strike demo needs the demo users');
    const people = (await registry.peopleInCustody(tx, { institutionId, limit: 40 })).map((p) => p.id);
    if (people.length < 30) return 'too few people in custody';
    const iso = (ms: number) => new Date(ms).toISOString();
    const today = dayIn(now, ZONE);
    const local = (day: string, time: string) => wallTimeToInstant(`${day}T${time}`, ZONE) as string;
    const recorded = now.toISOString();

    const entry = (episodeId: string, kind: string, at: string, by: string, data: unknown) =>
      tx
        .insertInto('hunger_strike_entry')
        .values({
          id: newId(),
          episode_id: episodeId,
          kind,
          at,
          data: JSON.stringify(data),
          recorded_by: by,
          recorded_at: recorded,
        })
        .execute();

    // A food strike on its fifth day, fluids taken.
    const ongoing = newId();
    const day1 = addDays(today, -4);
    const started = local(day1, '09:00:00');
    await episode(tx, {
      id: ongoing,
      person: people[24] as string,
      institutionId,
      startedAt: started,
      aim: 'Protests against the refusal of a family visit',
      capacity: 'has_capacity',
      by: nurse,
      recorded,
    });
    await entry(ongoing, 'capacity', local(day1, '11:00:00'), doctor, {
      assessedAt: local(day1, '11:00:00'),
      voluntary: true,
      peerPressure: false,
      capacity: 'has_capacity',
      note: 'Clear, consistent wish; no sign of mental disorder; no pressure from others.',
    });
    await entry(ongoing, 'baseline', local(day1, '11:30:00'), doctor, {
      consent: 'given',
      at: local(day1, '11:30:00'),
      weightKg: 74.2,
      heightCm: 176,
      pulse: 76,
      systolic: 124,
      diastolic: 78,
      temperature: 36.6,
      glucose: 5.1,
      potassium: 4.2,
      phosphate: 1.1,
      magnesium: 0.9,
      history: 'No chronic illness, no regular medication, no alcohol misuse.',
    });
    await entry(ongoing, 'information', local(day1, '12:00:00'), doctor, {
      at: local(day1, '12:00:00'),
      language: 'az',
      interpreter: false,
      teachBack: 'understood',
      summary:
        'Effects of fasting, the importance of fluids, daily offers, the right to an independent doctor.',
    });
    await entry(ongoing, 'advance_instructions', local(day1, '12:30:00'), doctor, {
      at: local(day1, '12:30:00'),
      instructions: 'Does not want artificial feeding should he lose consciousness; accepts fluids.',
      refusesResuscitation: false,
      refusesArtificialFeeding: true,
      witnessName: 'Nurse on duty',
      givenVoluntarily: true,
    });
    const days = [
      { n: 0, weight: 74.2, vitals: [76, 124, 78, 36.6] },
      { n: 1, weight: null, vitals: null },
      { n: 2, weight: 73.1, vitals: [80, 118, 74, 36.5] },
      { n: 3, weight: 72.4, vitals: 'refused' },
    ] as const;
    for (const d of days) {
      const day = addDays(day1, d.n);
      const vitals = d.vitals && d.vitals !== 'refused' ? d.vitals : null;
      await tx
        .insertInto('hunger_strike_day')
        .values({
          id: newId(),
          episode_id: ongoing,
          day,
          offered_at: local(day, '10:00:00'),
          assessment: d.vitals === 'refused' ? 'refused' : 'done',
          weight_status: d.weight === null ? null : 'done',
          weight_kg: d.weight,
          vitals_status: d.vitals === 'refused' ? 'refused' : vitals ? 'done' : null,
          pulse: vitals?.[0] ?? null,
          systolic: vitals?.[1] ?? null,
          diastolic: vitals?.[2] ?? null,
          temperature: vitals?.[3] ?? null,
          fluids_taken: 1,
          note: null,
          recorded_by: nurse,
          recorded_at: recorded,
        })
        .execute();
    }

    // A strike of 13 days that ended this morning: the refeeding protocol under way.
    const ended = newId();
    const endedAt = iso(now.getTime() - 8 * HOUR);
    const endedStart = iso(now.getTime() - 8 * HOUR - 13 * 24 * HOUR);
    await episode(tx, {
      id: ended,
      person: people[26] as string,
      institutionId,
      startedAt: endedStart,
      aim: null,
      capacity: 'has_capacity',
      by: nurse,
      recorded,
      endedAt,
      endedBy: doctor,
    });
    await entry(ended, 'capacity', iso(Date.parse(endedStart) + 5 * HOUR), doctor, {
      assessedAt: iso(Date.parse(endedStart) + 5 * HOUR),
      voluntary: true,
      peerPressure: false,
      capacity: 'has_capacity',
    });
    await entry(ended, 'baseline', iso(Date.parse(endedStart) + 6 * HOUR), doctor, {
      consent: 'refused',
      at: iso(Date.parse(endedStart) + 6 * HOUR),
    });
    await entry(ended, 'end', endedAt, doctor, {
      endedAt,
      manner: 'stopped',
      weightKg: 63.5,
      lowPotassium: false,
      lowPhosphate: true,
      lowMagnesium: false,
      alcoholMisuse: false,
      riskDrugs: false,
    });
    const risk = refeedingRisk({
      weightKg: 63.5,
      heightCm: null,
      baselineKg: null,
      priorLossPercent: null,
      daysLittleIntake: 13,
      lowElectrolytes: true,
      alcoholOrDrugs: false,
    });
    await entry(ended, 'refeeding_plan', endedAt, doctor, risk);
    const done = new Set(['electrolytes_baseline', 'thiamine_first_dose', 'feeding_start']);
    await tx
      .insertInto('hunger_refeeding_step')
      .values(
        refeedingSteps(endedAt).map((s) => ({
          id: newId(),
          episode_id: ended,
          institution_id: institutionId,
          person_id: people[26] as string,
          kind: s.kind,
          due_at: s.dueAt,
          done_at: done.has(s.kind) ? s.dueAt : null,
          done_by: done.has(s.kind) ? nurse : null,
          note: null,
        })),
      )
      .execute();

    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'hungerstrike.demo.seed',
        dataClass: 'clinical',
        outcome: 'allowed',
        resourceType: 'hunger_strike_episode',
        details: { demo: true, episodes: 2 },
      },
    );
    return 'a hunger strike on its fifth day and one ended, in refeeding';
  },
};

async function episode(
  tx: Tx,
  e: {
    id: string;
    person: string;
    institutionId: string;
    startedAt: string;
    aim: string | null;
    capacity: string;
    by: string;
    recorded: string;
    endedAt?: string;
    endedBy?: string;
  },
) {
  await tx
    .insertInto('hunger_strike_episode')
    .values({
      id: e.id,
      person_id: e.person,
      institution_id: e.institutionId,
      started_at: e.startedAt,
      type: 'food',
      collective: 0,
      collective_group_id: null,
      stated_aim: e.aim,
      capacity: e.capacity,
      referral_task_id: null,
      ended_at: e.endedAt ?? null,
      end_manner: e.endedAt ? 'stopped' : null,
      ended_by: e.endedBy ?? null,
      opened_by: e.by,
      recorded_at: e.recorded,
      version: 1,
    })
    .execute();
}
