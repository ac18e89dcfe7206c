import { newId } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { DeathsServices } from './index.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const seedActor = { userId: null, username: 'seed', role: null, clientAddress: null };

type Needs = RegistryServices & IdentityServices & DeathsServices;

/**
 * Deaths demo data (ADR 0037), times relative to the seed's `now`: at the first pilot prison a death
 * found 26 hours ago, its medical file frozen, its checklist open — five steps done, the prosecutor
 * overdue —, the Ombudsman's inquiry open and the body not yet returned (INJ-8), and a clinical review
 * with a reviewer and one open action; at the second, a disappearance
 * a month ago, its checklist done, investigated and closed.
 */
export const deathsSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'deaths',
  async run({ tx, now, store, audit, services: { registry, identity, deaths } }) {
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    const clinicianStaff = (store.get('demoClinicianStaff') as Record<string, string> | undefined) ?? {};
    const users = await identity.userIdsByUsername(tx, [
      'demo.governor',
      'demo.doctor',
      'demo.health-manager',
    ]);
    const governor = users.get('demo.governor');
    const doctor = users.get('demo.doctor');
    const manager = users.get('demo.health-manager');
    if (!governor || !doctor || !manager) throw new Error('the deaths demo needs the demo users');
    const everywhere = { institutionIds: [], national: true };
    const [first, second] = institutionIds;
    const staff = await registry.allStaff(tx);
    let events = 0;

    if (first) {
      const people = await registry.peopleInCustody(tx, { institutionId: first, limit: 60 });
      const personId = people.at(-1)?.id;
      const local = staff.filter((s) => s.institution_id === first).map((s) => s.id);
      const reviewer = clinicianStaff.doctor ?? local[1];
      const involved = local.find((s) => s !== reviewer && !Object.values(clinicianStaff).includes(s));
      const owner = local.find((s) => s !== reviewer && s !== involved);
      if (personId && involved && reviewer && owner) {
        const found = now.getTime() - 26 * HOUR;
        const id = await event(tx, {
          personId,
          institutionId: first,
          kind: 'death',
          found,
          place: 'Cell block B, cell 14',
          foundBy: 'Night-shift officer on the 03:00 round (demonstration)',
          circumstances:
            'Found unresponsive on the bed at the night round; the officer called the medical unit at once (demonstration).',
          death: { pronouncedAt: found + 40 * MINUTE },
          by: governor,
        });
        await tx
          .insertInto('death_involved_staff')
          .values({
            id: newId(),
            event_id: id,
            staff_id: involved,
            recorded_by: governor,
            recorded_at: iso(found + HOUR),
          })
          .execute();
        const person = await registry.personForViewer(tx, everywhere, personId);
        await deaths.freezeFile(tx, {
          eventId: id,
          person,
          institutionId: first,
          userId: governor,
          displayName: 'Demo · Governor',
          actor: seedActor,
          now: new Date(found + HOUR),
        });
        const steps: [string, number, string, string, string | null][] = [
          [
            'emergency_response',
            5,
            'in_person',
            'Medical unit duty nurse; resuscitation for 30 minutes',
            null,
          ],
          ['doctor_certification', 40, 'in_person', 'Duty doctor certified death', 'CERT-2026-031'],
          ['next_of_kin', 150, 'phone', 'Mother, by telephone', null],
          [
            'independent_authority',
            180,
            'electronic_system',
            'Ombudsman / National Preventive Mechanism',
            'NPM-2026-118',
          ],
          [
            'ministry',
            8 * 60,
            'electronic_system',
            'Ministry of Justice, Penitentiary Service duty desk',
            'MJ-PS-4471',
          ],
        ];
        for (const [step, minutes, channel, recipient, reference] of steps)
          await tx
            .insertInto('death_step')
            .values({
              id: newId(),
              event_id: id,
              step,
              at: iso(found + minutes * MINUTE),
              channel,
              recipient,
              reference,
              note: null,
              recorded_by: governor,
              recorded_at: iso(found + (minutes + 5) * MINUTE),
            })
            .execute();
        // INJ-8: the Ombudsman's inquiry is open; the body is not yet released — the governor's
        // worklist shows it awaiting return (a standing line).
        await tx
          .insertInto('death_investigation')
          .values({
            id: newId(),
            event_id: id,
            authority: 'Ombudsman, National Preventive Mechanism (independent inquiry)',
            reference: 'NPM-2026-118/INQ',
            opened_at: iso(found + 20 * HOUR),
            recorded_by: governor,
            recorded_at: iso(found + 21 * HOUR),
          })
          .execute();
        const reviewId = newId();
        await tx
          .insertInto('death_review')
          .values({
            id: reviewId,
            event_id: id,
            kind: 'clinical_review',
            due_at: iso(found + 60 * DAY),
            concluded_at: null,
            concluded_by: null,
            findings: null,
            version: 1,
            recorded_by: manager,
            recorded_at: iso(found + 20 * HOUR),
          })
          .execute();
        await tx
          .insertInto('death_reviewer')
          .values({
            id: newId(),
            review_id: reviewId,
            staff_id: reviewer,
            recorded_by: manager,
            recorded_at: iso(found + 20 * HOUR),
          })
          .execute();
        await tx
          .insertInto('death_action')
          .values({
            id: newId(),
            event_id: id,
            review_id: reviewId,
            recommendation:
              'Night rounds of block B every 30 minutes with a check that the person responds (demonstration)',
            owner_staff_id: owner,
            due_on: iso(now.getTime() + 14 * DAY).slice(0, 10),
            done_at: null,
            done_by: null,
            evidence: null,
            version: 1,
            recorded_by: manager,
            recorded_at: iso(found + 21 * HOUR),
          })
          .execute();
        events += 1;
      }
    }

    const where = second ?? first;
    if (where) {
      const people = await registry.peopleInCustody(tx, { institutionId: where, limit: 60 });
      const personId = people.at(-2)?.id;
      if (personId) {
        const found = now.getTime() - 30 * DAY;
        const id = await event(tx, {
          personId,
          institutionId: where,
          kind: 'disappearance',
          found,
          place: 'Work zone, perimeter fence',
          foundBy: 'Count at the end of the work shift (demonstration)',
          circumstances:
            'Missing at the 18:00 count; found and returned by the police two days later (demonstration).',
          death: null,
          by: governor,
        });
        const steps: [string, number, string, string, string | null][] = [
          ['next_of_kin', 90, 'phone', 'Wife, by telephone', null],
          [
            'independent_authority',
            120,
            'electronic_system',
            'Ombudsman / National Preventive Mechanism',
            'NPM-2026-097',
          ],
          ['prosecutor', 150, 'letter', 'District prosecutor', 'PROS-2026-552'],
          [
            'ministry',
            240,
            'electronic_system',
            'Ministry of Justice, Penitentiary Service duty desk',
            'MJ-PS-4390',
          ],
        ];
        for (const [step, minutes, channel, recipient, reference] of steps)
          await tx
            .insertInto('death_step')
            .values({
              id: newId(),
              event_id: id,
              step,
              at: iso(found + minutes * MINUTE),
              channel,
              recipient,
              reference,
              note: null,
              recorded_by: governor,
              recorded_at: iso(found + (minutes + 5) * MINUTE),
            })
            .execute();
        await tx
          .insertInto('death_investigation')
          .values({
            id: newId(),
            event_id: id,
            authority: 'District prosecutor',
            reference: 'PROS-2026-552',
            opened_at: iso(found + 5 * HOUR),
            recorded_by: governor,
            recorded_at: iso(found + 6 * HOUR),
          })
          .execute();
        await tx
          .updateTable('death_event')
          .set({ closed_at: iso(found + 10 * DAY), closed_by: governor, version: 2 })
          .where('id', '=', id)
          .execute();
        events += 1;
      }
    }
    return `${events} deaths and incidents (a death with an open checklist, a closed disappearance)`;

    async function event(
      t: Tx,
      e: {
        personId: string;
        institutionId: string;
        kind: string;
        found: number;
        place: string;
        foundBy: string;
        circumstances: string;
        death: { pronouncedAt: number } | null;
        by: string;
      },
    ) {
      const id = newId();
      await t
        .insertInto('death_event')
        .values({
          id,
          person_id: e.personId,
          institution_id: e.institutionId,
          kind: e.kind,
          found_at: iso(e.found),
          place: e.place,
          found_by: e.foundBy,
          circumstances: e.circumstances,
          resuscitation_attempted: e.death ? 1 : null,
          pronounced_by: e.death ? 'Demo · Doctor' : null,
          pronounced_at: e.death ? iso(e.death.pronouncedAt) : null,
          setting: e.death ? 'in_custody' : null,
          manner: e.death ? 'pending' : null,
          recorded_by: e.by,
          recorded_at: iso(e.found + HOUR),
          closed_at: null,
          closed_by: null,
          close_note: null,
          version: 1,
        })
        .execute();
      await audit.record(t, seedActor, {
        action: 'deaths.event.record',
        dataClass: 'custodial',
        outcome: 'allowed',
        resourceType: 'death_event',
        resourceId: id,
        personId: e.personId,
        details: { demo: true, kind: e.kind },
      });
      return id;
    }
  },
};

const iso = (ms: number) => new Date(ms).toISOString();
