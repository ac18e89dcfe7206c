import { badNewsPromptFor, newId, postClosureDueAt, rescreenPromptFor } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { insertPrompt, type StoredCareMap } from './context.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Needs = RegistryServices & IdentityServices;

const seedActor = { userId: null, username: 'seed', role: null, clientAddress: null };

const careMap: StoredCareMap = {
  triggers: [
    { text: 'Phone calls from home that end badly (demonstration)', shareWithOfficers: true },
    { text: 'Being told of a court date (demonstration)', shareWithOfficers: true },
    { text: 'Anniversary of a bereavement (demonstration)', shareWithOfficers: false },
  ],
  protective: ['Daily contact with his sister (demonstration)', 'Works in the kitchen (demonstration)'],
  actions: [],
};

/**
 * Self-harm care plans demo data (ADR 0041), times relative to the seed's `now`: at each pilot
 * prison an open plan under intermittent checks every 15 minutes with a day of checks at irregular
 * times — one of them late (a missed check) and the last one 25 minutes ago, so the next is missed
 * now (red on the ward list and the worklist). At the first prison, also a plan closed six and a half
 * days ago whose post-closure review falls due today, and MHS-4 re-screening prompts for recent arrivals
 * and for a person at the first prison whose appeal was refused this morning (ADR 0051).
 */
export const selfharmSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'selfharm',
  async run({ tx, now, random, store, audit, services: { registry, identity } }) {
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    const users = await identity.userIdsByUsername(tx, ['demo.officer', 'demo.psychologist', 'demo.doctor']);
    const officer = users.get('demo.officer');
    const psychologist = users.get('demo.psychologist');
    const doctor = users.get('demo.doctor');
    if (!officer || !psychologist || !doctor) throw new Error('the self-harm demo needs the demo users');
    const t = now.getTime();
    let plans = 0;
    let checks = 0;

    for (const [n, institutionId] of institutionIds.slice(0, 3).entries()) {
      // People late in the list, away from those the other modules' demo data picked first.
      const people = await registry.peopleInCustody(tx, { institutionId, limit: 60 });
      const chosen = people.slice(-2 - n);
      const open = chosen[0];
      if (open) {
        const raised = t - 26 * HOUR;
        const reviewed = t - 22 * HOUR;
        const id = await plan(tx, {
          personId: open.id,
          institutionId,
          raisedAt: raised,
          raisedBy: officer,
          assessedAt: t - 24 * HOUR,
          assessedBy: psychologist,
          reviewedAt: reviewed,
          reviewedBy: psychologist,
          closedAt: null,
        });
        plans += 1;
        // A day of checks at irregular times, 6 to 14 minutes apart; one gap of 24 minutes (a missed
        // check) in the night; the last one 25 minutes ago, so the next is missed now.
        const rows = [];
        let at = reviewed + 10 * MINUTE;
        let last = reviewed;
        let k = 0;
        let gapped = false;
        while (at < t - 25 * MINUTE) {
          const late = at - last > 15 * MINUTE;
          rows.push({
            id: newId(),
            plan_id: id,
            institution_id: institutionId,
            checked_at: new Date(at).toISOString(),
            seen: k % 9 === 4 ? 'asleep_breathing' : k % 13 === 7 ? 'low_withdrawn' : 'settled',
            conversation: k % 6 === 0 ? 1 : 0,
            late: late ? 1 : 0,
            recorded_by: officer,
            recorded_at: new Date(at + MINUTE).toISOString(),
          });
          last = at;
          k += 1;
          const gap = !gapped && at > t - 3 * HOUR;
          if (gap) gapped = true;
          at += (gap ? 24 : 6 + Math.floor(random() * 9)) * MINUTE;
        }
        const lastAt = t - 25 * MINUTE;
        rows.push({
          ...(rows[rows.length - 1] as (typeof rows)[number]),
          id: newId(),
          checked_at: new Date(lastAt).toISOString(),
          late: lastAt - last > 15 * MINUTE ? 1 : 0,
          recorded_at: new Date(lastAt).toISOString(),
        });
        for (let i = 0; i < rows.length; i += 100)
          await tx
            .insertInto('selfharm_check')
            .values(rows.slice(i, i + 100))
            .execute();
        checks += rows.length;
        await tx
          .updateTable('selfharm_plan')
          .set({ last_check_at: new Date(lastAt).toISOString() })
          .where('id', '=', id)
          .execute();
      }
      const closed = chosen[1];
      if (closed && n === 0) {
        await plan(tx, {
          personId: closed.id,
          institutionId,
          raisedAt: t - 12 * DAY,
          raisedBy: officer,
          assessedAt: t - 12 * DAY + 5 * HOUR,
          assessedBy: psychologist,
          reviewedAt: t - 12 * DAY + 8 * HOUR,
          reviewedBy: doctor,
          closedAt: t - 6.5 * DAY,
        });
        plans += 1;
      }
    }

    // MHS-4: the arrivals of the last three days, a re-screening prompt each (a few per prison).
    const arrivals = (await registry.arrivals(tx)).filter((a) => Date.parse(a.occurred_at) > t - 3 * DAY);
    const perPrison = new Map<string, number>();
    let prompts = 0;
    for (const a of arrivals) {
      if (!a.institution_id || a.status !== 'in_custody') continue;
      const count = perPrison.get(a.institution_id) ?? 0;
      if (count >= 3) continue;
      const prompt = rescreenPromptFor({ type: a.type, occurredAt: a.occurred_at });
      if (!prompt) continue;
      perPrison.set(a.institution_id, count + 1);
      await tx
        .insertInto('selfharm_prompt')
        .values({
          id: newId(),
          person_id: a.person_id,
          institution_id: a.institution_id,
          moment: prompt.moment,
          source_id: a.id,
          occurred_at: a.occurred_at,
          due_at: prompt.dueAt,
          done_at: null,
          done_by: null,
        })
        .execute();
      prompts += 1;
    }
    // MHS-4: bad news an officer recorded this morning at the first prison, its re-screening due.
    const first = institutionIds[0];
    const told = first
      ? (await registry.peopleInCustody(tx, { institutionId: first, limit: 60 })).at(-8)
      : undefined;
    if (first && told) {
      const id = newId();
      const receivedAt = new Date(t - 5 * HOUR).toISOString();
      await tx
        .insertInto('selfharm_bad_news')
        .values({
          id,
          person_id: told.id,
          institution_id: first,
          kind: 'appeal_refused',
          received_at: receivedAt,
          note: null,
          recorded_by: officer,
          recorded_at: new Date(t - 4 * HOUR).toISOString(),
        })
        .execute();
      await insertPrompt(
        tx,
        { personId: told.id, eventId: id, institutionId: first, occurredAt: receivedAt },
        badNewsPromptFor(receivedAt),
      );
      prompts += 1;
    }
    return `${plans} self-harm care plans with ${checks} checks, ${prompts} re-screening prompts`;

    async function plan(
      t: Tx,
      p: {
        personId: string;
        institutionId: string;
        raisedAt: number;
        raisedBy: string;
        assessedAt: number;
        assessedBy: string;
        reviewedAt: number;
        reviewedBy: string;
        closedAt: number | null;
      },
    ) {
      const id = newId();
      const iso = (ms: number) => new Date(ms).toISOString();
      const closedAt = p.closedAt === null ? null : iso(p.closedAt);
      const map = {
        ...careMap,
        actions: [
          {
            text: 'Arrange a call with his sister (demonstration)',
            owner: 'Demo · Social worker',
            dueDate: iso(p.reviewedAt + 2 * DAY).slice(0, 10),
            doneAt: null,
            source: 'review' as const,
          },
        ],
      };
      await t
        .insertInto('selfharm_plan')
        .values({
          id,
          person_id: p.personId,
          institution_id: p.institutionId,
          context: 'said_or_wrote',
          seen_or_heard:
            'Said at the evening count that he could not go on and asked to keep his razor (demonstration).',
          immediate_action:
            'Razor removed, cell searched, unit manager told, kept under watch until health care came (demonstration).',
          raised_at: iso(p.raisedAt),
          raised_by: p.raisedBy,
          recorded_at: iso(p.raisedAt + MINUTE),
          assessed_at: iso(p.assessedAt),
          assessed_by: p.assessedBy,
          assessment:
            'Low mood for two weeks after news from home; passive thoughts of death, no plan; engages well (demonstration).',
          working_diagnosis: 'F32.1 Moderate depressive episode (demonstration)',
          first_review_at: iso(p.reviewedAt),
          risk_level: closedAt ? 'low' : 'raised',
          mode: 'intermittent',
          interval_minutes: 15,
          observer_name: null,
          conversations_per_day: 3,
          observation_since: iso(p.reviewedAt),
          care_map: JSON.stringify(map),
          next_review_at: closedAt ? null : iso(p.reviewedAt + 3 * DAY),
          last_check_at: null,
          closed_at: closedAt,
          post_closure_due_at: closedAt ? postClosureDueAt(closedAt) : null,
          post_closure_done_at: null,
          post_closure_outcome: null,
          post_closure_note: null,
          version: 3,
        })
        .execute();
      await t
        .insertInto('selfharm_review')
        .values({
          id: newId(),
          plan_id: id,
          reviewed_at: iso(p.reviewedAt),
          first: 1,
          participants: JSON.stringify([
            { name: 'Demo · Psychologist', discipline: 'psychologist' },
            { name: 'Demo · Custodial officer', discipline: 'custodial' },
          ]),
          decision: 'continue',
          risk_level: 'raised',
          mode: 'intermittent',
          interval_minutes: 15,
          observer_name: null,
          exception_reason: null,
          conversations_per_day: 3,
          care_map: JSON.stringify(map),
          next_review_at: iso(p.reviewedAt + 3 * DAY),
          note: 'Agreed checks every 15 minutes at irregular times and three conversations a day (demonstration).',
          recorded_by: p.reviewedBy,
          recorded_at: iso(p.reviewedAt + MINUTE),
        })
        .execute();
      if (closedAt)
        // Closure only by a review (SSH-1): the closing review, with health care.
        await t
          .insertInto('selfharm_review')
          .values({
            id: newId(),
            plan_id: id,
            reviewed_at: closedAt,
            first: 0,
            participants: JSON.stringify([
              { name: 'Demo · Doctor', discipline: 'doctor' },
              { name: 'Demo · Custodial officer', discipline: 'custodial' },
            ]),
            decision: 'close',
            risk_level: 'low',
            mode: 'intermittent',
            interval_minutes: 15,
            observer_name: null,
            exception_reason: null,
            conversations_per_day: 1,
            care_map: JSON.stringify(map),
            next_review_at: null,
            note: 'Mood lifted, care map done; closed with a post-closure review in 7 days (demonstration).',
            recorded_by: p.reviewedBy,
            recorded_at: closedAt,
          })
          .execute();
      await audit.record(t, seedActor, {
        action: 'selfharm.concern.raise',
        dataClass: 'custodial',
        outcome: 'allowed',
        resourceType: 'selfharm_plan',
        resourceId: id,
        personId: p.personId,
        details: { demo: true },
      });
      return id;
    }
  },
};
