import { newId } from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

type Needs = RegistryServices & IdentityServices;

/**
 * Use-of-force demo data (ADR 0036), times relative to the seed's `now`, at the first pilot prison:
 * one three days ago, examined (no injuries found) and decided justified; one an hour ago whose
 * examination is due and whose second officer's account is missing (doctors and officers see work);
 * one yesterday, examined, awaiting the governor's review.
 */
export const forceSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'force',
  async run({ tx, now, store, audit, services: { registry, identity } }) {
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    const [first] = institutionIds;
    if (!first) return 'no use of force (no institution)';
    const users = await identity.userIdsByUsername(tx, ['demo.governor', 'demo.officer', 'demo.doctor']);
    const governor = users.get('demo.governor');
    const officer = users.get('demo.officer');
    const doctor = users.get('demo.doctor');
    if (!governor || !officer || !doctor) throw new Error('the use-of-force demo needs the demo users');
    // People further down the list than the other modules' demo people, and two staff members.
    const people = (await registry.peopleInCustody(tx, { institutionId: first, limit: 40 })).slice(20, 23);
    const staff = (await registry.allStaff(tx)).filter((s) => s.institution_id === first).slice(-2);
    const cells = await registry.cellsOfTypes(tx, first, ['standard']);
    const cell = cells[0];
    if (people.length < 3 || staff.length < 2) return 'no use of force (too few people or staff)';
    const [s1, s2] = staff.map((s) => s.id) as [string, string];
    const seedActor = { userId: null, username: 'seed', role: null, clientAddress: null };

    async function incident(p: {
      personId: string;
      occurredAt: number;
      staff: string[];
      accounts: string[];
      types: string[];
      reason: string;
      narrative: string;
      examinedAt?: number;
      decision?: string;
    }) {
      const id = newId();
      const at = new Date(p.occurredAt + 20 * MINUTE).toISOString();
      await tx
        .insertInto('force_incident')
        .values({
          id,
          institution_id: first as string,
          unit_id: cell?.unit_id ?? null,
          cell_id: cell?.id ?? null,
          place_note: 'Corridor outside the cell (demonstration)',
          occurred_at: new Date(p.occurredAt).toISOString(),
          restraint_episode_id: null,
          reported_by: officer as string,
          recorded_at: at,
        })
        .execute();
      await tx
        .insertInto('force_incident_person')
        .values({ incident_id: id, person_id: p.personId })
        .execute();
      await tx
        .insertInto('force_incident_staff')
        .values(p.staff.map((staff_id) => ({ incident_id: id, staff_id })))
        .execute();
      for (const staffId of p.accounts) {
        await tx
          .insertInto('force_account')
          .values({
            id: newId(),
            incident_id: id,
            staff_id: staffId,
            types: JSON.stringify(p.types),
            type_other: null,
            reason: p.reason,
            narrative: p.narrative,
            duration_minutes: 3,
            de_escalation_tried: 1,
            de_escalation: 'Spoke calmly for several minutes and asked him to step back (demonstration).',
            injuries_to_staff: 'no',
            injuries_to_person: 'unknown',
            witnesses: 'Another prisoner on the landing (demonstration)',
            amends_id: null,
            amend_reason: null,
            recorded_by: officer as string,
            recorded_at: at,
          })
          .execute();
      }
      if (p.examinedAt) {
        await tx
          .insertInto('force_examination')
          .values({
            id: newId(),
            incident_id: id,
            person_id: p.personId,
            outcome: 'no_injuries',
            examined_at: new Date(p.examinedAt).toISOString(),
            examined_by: doctor as string,
            non_medical_present: 0,
            presence_reason: null,
            note: 'Examined in the health unit; no injuries found (demonstration).',
            injury_record_id: null,
            recorded_at: new Date(p.examinedAt).toISOString(),
          })
          .execute();
      }
      if (p.decision) {
        await tx
          .insertInto('force_review')
          .values({
            id: newId(),
            incident_id: id,
            decision: p.decision,
            note: 'Force proportionate to the threat; de-escalation tried first (demonstration).',
            recorded_by: governor as string,
            recorded_at: new Date(p.occurredAt + 6 * HOUR).toISOString(),
          })
          .execute();
      }
      await audit.record(tx, seedActor, {
        action: 'force.incident.report',
        dataClass: 'custodial',
        outcome: 'allowed',
        resourceType: 'force_incident',
        resourceId: id,
        personId: p.personId,
        details: { demo: true },
      });
    }

    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    await incident({
      personId: a,
      occurredAt: now.getTime() - 72 * HOUR,
      staff: [s1, s2],
      accounts: [s1, s2],
      types: ['physical_hold'],
      reason: 'protect_others',
      narrative:
        'He struck another prisoner at the servery; held by the arms and walked to his cell (demonstration).',
      examinedAt: now.getTime() - 71 * HOUR,
      decision: 'justified',
    });
    await incident({
      personId: b,
      occurredAt: now.getTime() - 1 * HOUR,
      staff: [s1, s2],
      accounts: [s1],
      types: ['physical_hold', 'incapacitant_spray'],
      reason: 'self_defence',
      narrative:
        'He came at the officer with a broken chair leg; spray used once, then held (demonstration).',
    });
    await incident({
      personId: c,
      occurredAt: now.getTime() - 26 * HOUR,
      staff: [s1],
      accounts: [s1],
      types: ['physical_hold'],
      reason: 'refusal_of_lawful_order',
      narrative:
        'Refused to leave the visits room and held on to the table; lifted by two officers (demonstration).',
      examinedAt: now.getTime() - 25 * HOUR,
    });
    return '3 uses of force (one examined and decided, one awaiting the examination, one awaiting review)';
  },
};
