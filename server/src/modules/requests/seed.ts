import { type Addressee, answerDueAt, newId, type RequestUrgency, triageDueAt } from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Baku';

type Needs = RegistryServices & IdentityServices;

/**
 * Requests and complaints demo data (ADR 0038), times relative to the seed's `now`, in each pilot
 * prison: requests to health care waiting (one urgent and overdue), triaged in time and late, from the
 * box and the kiosk; complaints in every state, one confidential to the ombudsman, one to the
 * governor overdue, and one allegation of ill-treatment escalated, its examination awaiting the doctor.
 */
export const requestsSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'requests',
  async run({ tx, now, store, audit, services: { registry, identity } }) {
    const institutionIds = ((store.get('institutionIds') as string[] | undefined) ?? []).slice(0, 2);
    const users = await identity.userIdsByUsername(tx, [
      'demo.nurse',
      'demo.doctor',
      'demo.governor',
      'demo.registry-officer',
      'demo.social-worker',
      'demo.inspector',
    ]);
    const nurse = users.get('demo.nurse');
    const doctor = users.get('demo.doctor');
    const governor = users.get('demo.governor');
    const registrar = users.get('demo.registry-officer');
    const social = users.get('demo.social-worker') ?? registrar;
    const inspector = users.get('demo.inspector') ?? governor;
    if (!nurse || !doctor || !governor || !registrar || !social || !inspector)
      throw new Error('the requests demo needs the demo users');
    const t = now.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    let requests = 0;
    let complaints = 0;

    for (const institutionId of institutionIds) {
      const people = (await registry.peopleInCustody(tx, { institutionId, limit: 12 })).map((p) => p.id);
      if (people.length < 6) continue;
      const person = (k: number) => people[k % people.length] as string;

      const request = async (
        k: number,
        r: {
          channel: 'sealed_box' | 'kiosk';
          urgency: RequestUrgency;
          text: string;
          receivedAgoH: number;
          triage?: { afterH: number; outcome: string; reason?: string; appointmentInH?: number };
        },
      ) => {
        const received = t - r.receivedAgoH * HOUR;
        const id = newId();
        await tx
          .insertInto('health_request')
          .values({
            id,
            person_id: person(k),
            institution_id: institutionId,
            channel: r.channel,
            urgency: r.urgency,
            text: r.text,
            paper_date: r.channel === 'sealed_box' ? iso(received - DAY).slice(0, 10) : null,
            box_opened_at: r.channel === 'sealed_box' ? iso(received) : null,
            received_at: iso(received),
            triage_due_at: triageDueAt(iso(received), r.urgency, ZONE),
            entered_by: nurse,
            recorded_at: iso(received + 10 * 60_000),
            triaged_at: r.triage ? iso(received + r.triage.afterH * HOUR) : null,
            triaged_by: r.triage ? nurse : null,
            triage_outcome: r.triage?.outcome ?? null,
            appointment_at:
              r.triage?.appointmentInH !== undefined ? iso(received + r.triage.appointmentInH * HOUR) : null,
            triage_reason: r.triage?.reason ?? null,
            triage_note: null,
            allegation_complaint_id: null,
            version: r.triage ? 2 : 1,
          })
          .execute();
        requests += 1;
      };
      await request(0, {
        channel: 'sealed_box',
        urgency: 'routine',
        text: 'Toothache for a week, cannot eat on the left side (demonstration).',
        receivedAgoH: 3,
      });
      await request(1, {
        channel: 'kiosk',
        urgency: 'urgent',
        text: 'Chest pain at night, worse when lying down (demonstration).',
        receivedAgoH: 30,
      });
      await request(2, {
        channel: 'sealed_box',
        urgency: 'routine',
        text: 'Need my blood pressure tablets renewed (demonstration).',
        receivedAgoH: 60,
        triage: { afterH: 5, outcome: 'appointment_booked', appointmentInH: 48 },
      });
      await request(3, {
        channel: 'kiosk',
        urgency: 'routine',
        text: 'Skin rash on both arms (demonstration).',
        receivedAgoH: 90,
        triage: { afterH: 30, outcome: 'seen' },
      });
      await request(4, {
        channel: 'sealed_box',
        urgency: 'routine',
        text: 'Asking for glasses (demonstration).',
        receivedAgoH: 120,
        triage: { afterH: 20, outcome: 'referred', reason: 'Optician at the civil hospital' },
      });
      await request(5, {
        channel: 'kiosk',
        urgency: 'routine',
        text: 'Question about diet (demonstration).',
        receivedAgoH: 150,
        triage: { afterH: 2, outcome: 'advice_given' },
      });
      await request(0, {
        channel: 'sealed_box',
        urgency: 'routine',
        text: 'Repeat of an earlier request, already seen (demonstration).',
        receivedAgoH: 200,
        triage: { afterH: 10, outcome: 'no_action', reason: 'Seen the same day for the same problem' },
      });

      const complaint = async (
        k: number,
        c: {
          addressee: Addressee;
          category: string;
          text: string;
          receivedAgoD: number;
          confidential?: boolean;
          allegation?: boolean;
          steps?: {
            action: 'acknowledge' | 'answer' | 'forward' | 'close';
            afterD: number;
            text?: string;
            forwardTo?: Addressee;
          }[];
        },
      ) => {
        const received = t - c.receivedAgoD * DAY;
        const id = newId();
        const steps = c.steps ?? [];
        const last = steps[steps.length - 1];
        const statusOf = {
          acknowledge: 'acknowledged',
          answer: 'answered',
          forward: 'forwarded',
          close: 'closed',
        };
        const answer = steps.find((s) => s.action === 'answer');
        const independent = ['prosecutor', 'ombudsman', 'court', 'cpt'].includes(c.addressee);
        const handler = independent ? inspector : governor;
        await tx
          .insertInto('complaint')
          .values({
            id,
            person_id: person(k),
            institution_id: institutionId,
            addressee: c.addressee,
            category: c.category,
            text: c.text,
            confidential: c.confidential || c.allegation || independent ? 1 : 0,
            allegation: c.allegation ? 1 : 0,
            received_at: iso(received),
            answer_due_at: answerDueAt(iso(received), c.addressee, ZONE),
            status: last ? statusOf[last.action] : 'received',
            answered_at: answer ? iso(received + answer.afterD * DAY) : null,
            registered_by: k % 2 ? social : registrar,
            recorded_at: iso(received + 15 * 60_000),
            source_request_id: null,
            version: 1 + steps.length,
          })
          .execute();
        for (const s of steps)
          await tx
            .insertInto('complaint_event')
            .values({
              id: newId(),
              complaint_id: id,
              action: s.action,
              text: s.text ?? null,
              answer_date: s.action === 'answer' ? iso(received + s.afterD * DAY).slice(0, 10) : null,
              forward_to: s.forwardTo ?? null,
              withdrawn: 0,
              recorded_by: handler,
              recorded_at: iso(received + s.afterD * DAY),
            })
            .execute();
        if (c.allegation) {
          await tx
            .insertInto('complaint_dispatch')
            .values({
              id: newId(),
              complaint_id: id,
              body: independent ? c.addressee : 'prosecutor',
              channel: 'electronic',
              reference: `INJ4-DEMO-${id.slice(0, 8).toUpperCase()}`,
              at: iso(received + 20 * 60_000),
              recorded_by: registrar,
            })
            .execute();
          await tx
            .insertInto('allegation_examination')
            .values({
              id: newId(),
              complaint_id: id,
              person_id: person(k),
              institution_id: institutionId,
              due_at: iso(received + 20 * 60_000),
              injury_record_id: null,
              examined_at: null,
              examined_by: null,
              recorded_at: null,
            })
            .execute();
        }
        complaints += 1;
      };
      await complaint(0, {
        addressee: 'governor',
        category: 'food',
        text: 'The portions at dinner are too small (demonstration).',
        receivedAgoD: 2,
      });
      await complaint(1, {
        addressee: 'governor',
        category: 'contact_family',
        text: 'My family visit was cancelled without a reason (demonstration).',
        receivedAgoD: 14,
        steps: [{ action: 'acknowledge', afterD: 1 }],
      });
      await complaint(2, {
        addressee: 'governor',
        category: 'conditions',
        text: 'The window of cell 12 does not close (demonstration).',
        receivedAgoD: 20,
        steps: [
          { action: 'acknowledge', afterD: 1 },
          { action: 'answer', afterD: 6, text: 'The window was repaired on the 6th day.' },
        ],
      });
      await complaint(3, {
        addressee: 'governor',
        category: 'property',
        text: 'My radio was not returned after the search (demonstration).',
        receivedAgoD: 30,
        steps: [
          { action: 'answer', afterD: 5, text: 'Returned to you.' },
          { action: 'close', afterD: 7, text: 'Answered and confirmed.' },
        ],
      });
      await complaint(4, {
        addressee: 'governor',
        category: 'legal_aid',
        text: 'Request for transfer closer to my family (demonstration).',
        receivedAgoD: 8,
        steps: [
          {
            action: 'forward',
            afterD: 1,
            forwardTo: 'ministry',
            text: 'Sent to the ministry with the file.',
          },
        ],
      });
      await complaint(5, {
        addressee: 'ombudsman',
        category: 'staff_conduct',
        text: 'Confidential letter to the ombudsman about treatment on the wing (demonstration).',
        receivedAgoD: 3,
        confidential: true,
      });
      await complaint(1, {
        addressee: 'governor',
        category: 'ill_treatment',
        text: 'Says he was hit by staff during the evening count (demonstration).',
        receivedAgoD: 0.1,
        allegation: true,
      });
    }
    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'requests.demo.seed',
        dataClass: 'custodial',
        outcome: 'allowed',
        resourceType: 'complaint',
        details: { demo: true, requests, complaints },
      },
    );
    return `${requests} requests to health care and ${complaints} complaints (one confidential to the ombudsman, one allegation awaiting its examination)`;
  },
};
