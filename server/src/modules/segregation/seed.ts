import { newId } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { ClinicalServices } from '../clinical/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

type Needs = RegistryServices & IdentityServices & Pick<ClinicalServices, 'alerts'>;

/**
 * Segregation demo data (ADR 0033), times relative to the seed's `now`: at the first pilot prison a
 * disciplinary placement on its 13th day of solitary (the SEG-2 pre-alert) and a protective one whose
 * health visit was missed yesterday (SEG-5); at the second, an administrative one in its first week.
 * Today is left unrecorded everywhere, for the wing list to fill.
 */
export const segregationSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'segregation',
  async run({ tx, now, store, audit, services: { registry, identity, alerts } }) {
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    const users = await identity.userIdsByUsername(tx, [
      'demo.governor',
      'demo.officer',
      'demo.doctor',
      'demo.nurse',
    ]);
    const governor = users.get('demo.governor');
    const officer = users.get('demo.officer');
    const doctor = users.get('demo.doctor');
    const nurse = users.get('demo.nurse');
    if (!governor || !officer || !doctor || !nurse)
      throw new Error('the segregation demo needs the demo users');
    const everywhere = { institutionIds: [], national: true };

    /** Adults in custody without a flag against segregation (SEG-4, MHS-7), a few per prison. */
    async function eligible(institutionId: string, count: number) {
      const people = await registry.peopleInCustody(tx, { institutionId, limit: 40 });
      const chosen: string[] = [];
      for (const p of people) {
        if (chosen.length >= count) break;
        const person = await registry.personForViewer(tx, everywhere, p.id);
        const adult = person.birth_date <= `${now.getUTCFullYear() - 19}-01-01`;
        const flags = await alerts.activeAlertDetails(tx, p.id, now);
        if (adult && !flags.length) chosen.push(p.id);
      }
      return chosen;
    }

    let placements = 0;
    const [first, second] = institutionIds;
    if (first) {
      const [a, b] = await eligible(first, 2);
      if (a) {
        await placement(tx, {
          personId: a,
          institutionId: first,
          kind: 'disciplinary',
          reason: 'Assault on another prisoner in the workshop (demonstration)',
          offence: 'DISC-2026-114',
          startedAt: now.getTime() - 12 * DAY,
          plannedDays: 14,
          decidedBy: governor,
        });
        placements += 1;
        for (let k = 12; k >= 1; k--) {
          const day = now.getTime() - k * DAY;
          await dayRecord(tx, a, officer, day, { out: 60, outdoor: 60, contact: 30 });
          await healthVisit(tx, a, k % 2 ? nurse : doctor, day + MINUTE, false);
          await managementVisit(tx, a, governor, day + 2 * MINUTE);
        }
      }
      if (b) {
        await placement(tx, {
          personId: b,
          institutionId: first,
          kind: 'protective',
          reason: 'Threats from another group on the wing; asked to be kept apart (demonstration)',
          offence: null,
          startedAt: now.getTime() - 3 * DAY,
          plannedDays: 21,
          decidedBy: governor,
        });
        placements += 1;
        for (let k = 3; k >= 1; k--) {
          const day = now.getTime() - k * DAY;
          await dayRecord(tx, b, officer, day, { out: 200, outdoor: 90, contact: 150 });
          // SEG-5: no health visit yesterday: a breach since midnight.
          if (k !== 1) await healthVisit(tx, b, nurse, day + MINUTE, false);
        }
      }
    }
    if (second) {
      const [c] = await eligible(second, 1);
      if (c) {
        await placement(tx, {
          personId: c,
          institutionId: second,
          kind: 'administrative',
          reason: 'Pending investigation of contraband found in the cell (demonstration)',
          offence: null,
          startedAt: now.getTime() - 4 * DAY,
          plannedDays: 20,
          decidedBy: governor,
        });
        placements += 1;
        for (let k = 4; k >= 1; k--) {
          const day = now.getTime() - k * DAY;
          await dayRecord(tx, c, officer, day, { out: 150, outdoor: 60, contact: 130 });
          await healthVisit(tx, c, doctor, day + MINUTE, false);
        }
      }
    }
    return `${placements} segregation placements (one on day 13, one with a missed health visit)`;

    async function placement(
      t: Tx,
      p: {
        personId: string;
        institutionId: string;
        kind: string;
        reason: string;
        offence: string | null;
        startedAt: number;
        plannedDays: number;
        decidedBy: string;
      },
    ) {
      const id = newId();
      ids.set(p.personId, id);
      await t
        .insertInto('segregation_placement')
        .values({
          id,
          person_id: p.personId,
          institution_id: p.institutionId,
          kind: p.kind,
          reason: p.reason,
          offence_reference: p.offence,
          cell_id: null,
          started_at: new Date(p.startedAt).toISOString(),
          planned_end_at: new Date(p.startedAt + p.plannedDays * DAY).toISOString(),
          override_reason: null,
          decided_by: p.decidedBy,
          recorded_at: new Date(p.startedAt + MINUTE).toISOString(),
          ended_at: null,
          end_reason: null,
          ended_by: null,
          ended_recorded_at: null,
          version: 1,
        })
        .execute();
      await audit.record(
        t,
        { userId: null, username: 'seed', role: null, clientAddress: null },
        {
          action: 'segregation.placement.start',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'segregation_placement',
          resourceId: id,
          personId: p.personId,
          details: { demo: true, kind: p.kind },
        },
      );
    }
  },
};

/** The placement id of each demo person, filled as the placements are written. */
const ids = new Map<string, string>();
const placementOf = (personId: string) => ids.get(personId) as string;
const dayOf = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku' }).format(new Date(ms)).slice(0, 10);

async function dayRecord(
  tx: Tx,
  personId: string,
  by: string,
  at: number,
  m: { out: number; outdoor: number; contact: number },
) {
  await tx
    .insertInto('segregation_day')
    .values({
      id: newId(),
      placement_id: placementOf(personId),
      day: dayOf(at),
      out_of_cell_minutes: m.out,
      outdoor_minutes: m.outdoor,
      contact_minutes: m.contact,
      recorded_by: by,
      recorded_at: new Date(at).toISOString(),
    })
    .execute();
}

async function healthVisit(tx: Tx, personId: string, by: string, at: number, adverse: boolean) {
  await tx
    .insertInto('segregation_health_visit')
    .values({
      id: newId(),
      placement_id: placementOf(personId),
      at: new Date(at).toISOString(),
      seen: 1,
      adverse_effect: adverse ? 1 : 0,
      note: 'Seen at the door and in the cell; no complaints (demonstration).',
      recorded_by: by,
      recorded_at: new Date(at).toISOString(),
    })
    .execute();
}

async function managementVisit(tx: Tx, personId: string, by: string, at: number) {
  await tx
    .insertInto('segregation_management_visit')
    .values({
      id: newId(),
      placement_id: placementOf(personId),
      at: new Date(at).toISOString(),
      note: null,
      recorded_by: by,
      recorded_at: new Date(at).toISOString(),
    })
    .execute();
}
