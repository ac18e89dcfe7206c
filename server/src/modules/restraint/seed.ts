import { newId } from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

const policyText = `Restraint and seclusion policy (demonstration text).
1. Restraint or seclusion is a last resort, for imminent harm to the person or others, after less restrictive measures have failed; never as punishment, for convenience or for lack of staff.
2. Only a doctor orders it after an individual assessment; in an emergency staff may start it and call the doctor at once, who examines the person within one hour.
3. Only padded cloth straps are used for mechanical restraint; no hold that blocks the airway or causes pain.
4. A named, trained staff member supervises continuously and records an observation every 15 minutes; a doctor reviews it every hour.
5. It ends as soon as its reason ends. The person is examined afterwards and offered a debrief within 24 hours; staff debrief too.
6. Every episode is entered in the register; the person may complain about it.`;

/**
 * Restraint demo data: restraint training on most staff records (RST-8), each prison's policy
 * (RST-14), and ended episodes of the past months so the register and the monthly report show
 * something, five of each prison's in the last month; one episode open on the first prison's board.
 */
export const restraintSeed: SeedPart<AuditRecorder, RegistryServices & IdentityServices> = {
  module: 'restraint',
  async run({ tx, now, random, audit, store, services: { registry, identity } }) {
    const staff = await registry.allStaff(tx);
    let trained = 0;
    for (const s of staff) {
      if (random() < 0.8) {
        const until = new Date(now.getTime() + Math.floor(30 + random() * 700) * DAY)
          .toISOString()
          .slice(0, 10);
        await registry.seedRestraintTraining(tx, s.id, until);
        trained += 1;
      }
    }
    const institutions = (await registry.institutionIds(tx)).map((id) => ({ id }));
    const users = await identity.userIdsByUsername(tx, ['demo.doctor', 'demo.officer']);
    const doctorId = users.get('demo.doctor');
    const officerId = users.get('demo.officer');
    if (!doctorId || !officerId) throw new Error('the restraint demo needs the identity demo users');
    const doctor = { id: doctorId };
    const officer = { id: officerId };
    let episodes = 0;
    for (const institution of institutions) {
      await tx
        .insertInto('restraint_policy')
        .values({
          id: newId(),
          institution_id: institution.id,
          version: 1,
          text: policyText,
          created_by: doctor.id,
          created_at: new Date(now.getTime() - 200 * DAY).toISOString(),
        })
        .execute();
      const rooms = await registry.cellsOfTypes(tx, institution.id, ['safe', 'seclusion', 'medical']);
      const people = await registry.peopleInCustody(tx, { institutionId: institution.id, limit: 12 });
      const staffHere = staff.filter((s) => s.institution_id === institution.id);
      if (!rooms.length || !people.length || staffHere.length < 2) continue;
      for (let i = 0; i < 8; i++) {
        const person = people[Math.floor(random() * people.length)] as { id: string };
        const room = rooms[Math.floor(random() * rooms.length)] as (typeof rooms)[number];
        // Issue 14 item 9: five of each prison's episodes fall in the last month (the first today),
        // so the governor's and the inspector's register has a month of entries whenever it starts.
        const recentDays = [0.4, 1.3, 6, 13, 24][i];
        const startedAt =
          recentDays === undefined
            ? now.getTime() - Math.floor(3 + random() * 85) * DAY - Math.floor(random() * 600) * MINUTE
            : now.getTime() - recentDays * DAY;
        const minutes = Math.min(
          10 + Math.floor(random() * (random() < 0.15 ? 300 : 60)),
          // Ended, and debriefed (4 hours after the end), before `now`.
          recentDays === undefined ? Number.POSITIVE_INFINITY : 240,
        );
        const emergency = random() < 0.6;
        const id = newId();
        const at = (m: number) => new Date(startedAt + m * MINUTE).toISOString();
        await tx
          .insertInto('restraint_episode')
          .values({
            id,
            person_id: person.id,
            institution_id: institution.id,
            unit_id: room.unit_id,
            cell_id: room.id,
            cell_type: room.cell_type,
            types: JSON.stringify(['seclusion']),
            combination_reason: null,
            in_view_of_others: 0,
            started_at: at(0),
            late_entry_reason: null,
            authorisation: emergency ? 'emergency_start' : 'doctor_order',
            order_assessment: emergency ? null : 'Examined: acute agitation, imminent risk to others',
            harm: 'harm_to_others',
            harm_description: 'Threatened others during an acute crisis',
            less_restrictive: JSON.stringify(['verbal_de_escalation', 'time_out_offered']),
            less_restrictive_description: 'De-escalation by two officers and the nurse; quiet room offered',
            person_preferences: 'No preference stated',
            equipment: '[]',
            holds: '[]',
            medication: null,
            applied_by: JSON.stringify([(staffHere[0] as { id: string }).id]),
            supervisor_id: (staffHere[1] as { id: string }).id,
            supervision_position: 'doorway',
            flags: JSON.stringify(emergency ? ['emergency_start'] : []),
            recorded_by: emergency ? officer.id : doctor.id,
            recorded_at: at(2),
          })
          .execute();
        const events: { kind: string; at: string; payload: object; by: string }[] = [];
        if (emergency)
          events.push({
            kind: 'approval',
            at: at(8),
            payload: { assessment: 'Seen at the door; risk to others' },
            by: doctor.id,
          });
        for (let m = 15; m < minutes; m += 15) {
          events.push({
            kind: 'observation',
            at: at(m - 1),
            payload: {
              breathing: 'normal',
              limbCirculation: 'not_applicable',
              hydrationOffered: true,
              toiletNeeds: 'not_needed',
              mentalState: 'agitated',
              stillNeeded: true,
            },
            by: officer.id,
          });
        }
        for (let m = 60; m < minutes; m += 60) {
          events.push({
            kind: 'review',
            at: at(m - 2),
            payload: { findings: 'Reviewed; still needed', continueMeasure: true },
            by: doctor.id,
          });
        }
        events.push({
          kind: 'end',
          at: at(minutes),
          payload: { reason: 'no_longer_needed' },
          by: officer.id,
        });
        events.push({
          kind: 'debrief_person',
          at: at(minutes + 180),
          payload: { summary: 'Talked it through with the person' },
          by: officer.id,
        });
        events.push({
          kind: 'debrief_staff',
          at: at(minutes + 240),
          payload: { summary: 'Staff debrief held' },
          by: officer.id,
        });
        await tx
          .insertInto('restraint_event')
          .values(
            events.map((e) => ({
              id: newId(),
              episode_id: id,
              institution_id: institution.id,
              kind: e.kind,
              at: e.at,
              payload: JSON.stringify(e.payload),
              corrects_event_id: null,
              recorded_by: e.by,
              recorded_at: e.at,
            })),
          )
          .execute();
        episodes += 1;
      }
    }
    // Issue 14 item 9: one episode open on the first prison's board (the officer's), started 27
    // minutes before `now` on a doctor's order, its first observation note made, the next one due in
    // a minute (RST-6: every 15 minutes).
    const home = ((store.get('institutionIds') as string[] | undefined) ?? [])[0];
    const homeRooms = home ? await registry.cellsOfTypes(tx, home, ['safe', 'seclusion', 'medical']) : [];
    const homeStaff = staff.filter((s) => s.institution_id === home);
    const [homePerson] = home ? await registry.peopleInCustody(tx, { institutionId: home, limit: 1 }) : [];
    const room = homeRooms.find((r) => r.cell_type === 'safe') ?? homeRooms[0];
    let open = 0;
    if (home && room && homePerson && homeStaff.length >= 2) {
      const id = newId();
      const at = (m: number) => new Date(now.getTime() + (m - 27) * MINUTE).toISOString();
      await tx
        .insertInto('restraint_episode')
        .values({
          id,
          person_id: homePerson.id,
          institution_id: home,
          unit_id: room.unit_id,
          cell_id: room.id,
          cell_type: room.cell_type,
          types: JSON.stringify(['seclusion']),
          combination_reason: null,
          in_view_of_others: 0,
          started_at: at(0),
          late_entry_reason: null,
          authorisation: 'doctor_order',
          order_assessment: 'Examined: acute agitation after bad news, imminent risk to others',
          harm: 'harm_to_others',
          harm_description: 'Threatened a cellmate with a broken cup',
          less_restrictive: JSON.stringify(['verbal_de_escalation', 'time_out_offered']),
          less_restrictive_description:
            'Talked down by the officer and the nurse for 20 minutes; quiet room offered',
          person_preferences: 'Asked that his brother be told',
          equipment: '[]',
          holds: '[]',
          medication: null,
          applied_by: JSON.stringify([(homeStaff[0] as { id: string }).id]),
          supervisor_id: (homeStaff[1] as { id: string }).id,
          supervision_position: 'doorway',
          flags: '[]',
          recorded_by: doctor.id,
          recorded_at: at(2),
        })
        .execute();
      await tx
        .insertInto('restraint_event')
        .values({
          id: newId(),
          episode_id: id,
          institution_id: home,
          kind: 'observation',
          at: at(13),
          payload: JSON.stringify({
            breathing: 'normal',
            limbCirculation: 'not_applicable',
            hydrationOffered: true,
            toiletNeeds: 'not_needed',
            mentalState: 'agitated',
            stillNeeded: true,
          }),
          corrects_event_id: null,
          recorded_by: officer.id,
          recorded_at: at(13),
        })
        .execute();
      // The open episodes kept beside the register (migration 0017), as the service keeps them.
      await tx
        .insertInto('restraint_open_episode')
        .values({ episode_id: id, institution_id: home, person_id: homePerson.id })
        .execute();
      open = 1;
    }
    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'restraint.seed_demo',
        dataClass: 'custodial',
        outcome: 'allowed',
        details: { episodes, trained, open },
      },
    );
    return `${trained} staff with restraint training, ${institutions.length} policies, ${episodes} ended restraint episodes, ${open} open`;
  },
};
