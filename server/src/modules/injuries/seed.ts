import { createHash } from 'node:crypto';
import { newId } from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Needs = RegistryServices & IdentityServices;

/** The recipients the pilots report to (INJ-4), demonstration names. */
const recipients = [
  {
    kind: 'prosecutor',
    name: 'Baş Prokurorluq — penitensiar müəssisələrə nəzarət şöbəsi (nümayiş)',
    address: 'Bakı, Azərbaycan (nümayiş ünvanı)',
    language: 'az',
  },
  {
    kind: 'ombudsman',
    name: 'İnsan Hüquqları üzrə Müvəkkil (Ombudsman) Aparatı (nümayiş)',
    address: 'Bakı, Azərbaycan (nümayiş ünvanı)',
    language: 'az',
  },
  {
    kind: 'npm',
    name: 'National Preventive Mechanism (demonstration)',
    address: 'Baku, Azerbaijan (demonstration address)',
    language: 'en',
  },
];

/**
 * Injuries demo data (ADR 0035), relative to the seed's `now`: every pilot prison's report
 * recipients; the demo doctor's Istanbul Protocol training; at the first pilot prison an admission
 * record with an allegation whose report was sent (its reprisal review pending) and one whose report
 * is due today; at the second, injuries from before admission documented by the nurse (untrained:
 * a second review due).
 */
export const injuriesSeed: SeedPart<AuditRecorder, Needs> = {
  module: 'injuries',
  async run({ tx, now, store, audit, services: { registry, identity } }) {
    const institutionIds = (store.get('institutionIds') as string[] | undefined) ?? [];
    const users = await identity.userIdsByUsername(tx, ['demo.doctor', 'demo.nurse']);
    const doctor = users.get('demo.doctor');
    const nurse = users.get('demo.nurse');
    if (!doctor || !nurse) throw new Error('the injuries demo needs the demo users');
    const at = (ms: number) => new Date(ms).toISOString();
    const t = now.getTime();
    for (const institutionId of institutionIds) {
      for (const r of recipients) {
        await tx
          .insertInto('injury_recipient')
          .values({
            id: newId(),
            institution_id: institutionId,
            ...r,
            version: 1,
            updated_by: doctor,
            updated_at: at(t - 30 * DAY),
          })
          .execute();
      }
    }
    await tx
      .insertInto('injury_training')
      .values({
        id: newId(),
        user_id: doctor,
        trained_until: `${now.getUTCFullYear() + 2}-06-30`,
        recorded_by: doctor,
        recorded_at: at(t - 60 * DAY),
      })
      .execute();

    let records = 0;
    const [first, second] = institutionIds;
    const seedActor = { userId: null, username: 'seed', role: null, clientAddress: null };
    async function people(institutionId: string, count: number) {
      return (await registry.peopleInCustody(tx, { institutionId, limit: 40 }))
        .slice(5, 5 + count)
        .map((p) => p.id);
    }
    async function record(p: {
      personId: string;
      institutionId: string;
      by: string;
      byName: string;
      trained: boolean;
      signedAt: number;
      allegation: boolean;
      conclusion: string;
      cause: string;
      account: Record<string, unknown>;
      lesions: {
        view: string;
        region: string;
        x: number;
        y: number;
        type: string;
        length: number;
        colour: string;
        age: string;
      }[];
    }) {
      const id = newId();
      const row = {
        id,
        person_id: p.personId,
        institution_id: p.institutionId,
        context: 'admission',
        source_id: null,
        examined_at: at(p.signedAt - HOUR),
        persons_present: 'The examining clinician and the person only (demonstration)',
        interpreter: null,
        out_of_hearing_and_sight: 1,
        presence_reason: null,
        account: JSON.stringify(p.account),
        allegation: p.allegation ? 1 : 0,
        no_injuries_seen: 0,
        conclusion: p.conclusion,
        suggests_ill_treatment: 0,
        cause: p.cause,
        tests_and_treatment: 'Analgesia; wound cleaned (demonstration).',
        report_required: p.allegation && p.conclusion !== 'not_consistent' ? 1 : 0,
        clinician_trained: p.trained ? 1 : 0,
        clinician_id: p.by,
        clinician_name: p.byName,
        signed_at: at(p.signedAt),
        content_hash: '',
      };
      row.content_hash = createHash('sha256').update(JSON.stringify(row)).digest('hex');
      await tx.insertInto('injury_record').values(row).execute();
      await tx
        .insertInto('injury_lesion')
        .values(
          p.lesions.map((l, position) => ({
            id: newId(),
            record_id: id,
            position,
            view: l.view,
            region: l.region,
            x: l.x,
            y: l.y,
            type: l.type,
            length_cm: l.length,
            width_cm: null,
            colour: l.colour,
            shape: null,
            estimated_age: l.age,
            description: null,
            from_screening: 0,
          })),
        )
        .execute();
      await audit.record(tx, seedActor, {
        action: 'injuries.record.create',
        dataClass: 'clinical',
        outcome: 'allowed',
        resourceType: 'injury_record',
        resourceId: id,
        personId: p.personId,
        details: { demo: true },
      });
      records += 1;
      return { id, row };
    }

    const alleged = {
      text: 'Says he was beaten at the police station before being brought here (demonstration).',
      allegation: true,
      who: 'Two police officers',
      when: 'Two days before admission',
      where: 'District police station',
      how: 'Punched and kicked; struck with a baton on the back',
    };
    if (first) {
      const [a, b] = await people(first, 2);
      if (a) {
        const { id } = await record({
          personId: a,
          institutionId: first,
          by: doctor,
          byName: 'Demo · Doctor',
          trained: true,
          signedAt: t - 12 * DAY,
          allegation: true,
          conclusion: 'highly_consistent',
          cause: 'pre_admission',
          account: alleged,
          lesions: [
            {
              view: 'back',
              region: 'back_upper',
              x: 0.5,
              y: 0.35,
              type: 'patterned',
              length: 12,
              colour: 'purple',
              age: 'days_1_3',
            },
            {
              view: 'front',
              region: 'face',
              x: 0.52,
              y: 0.08,
              type: 'bruise',
              length: 3,
              colour: 'blue',
              age: 'days_1_3',
            },
          ],
        });
        const sentAt = t - 12 * DAY + 6 * HOUR;
        await tx
          .insertInto('injury_report')
          .values({
            id: newId(),
            record_id: id,
            person_id: a,
            institution_id: first,
            recipient_kind: 'prosecutor',
            recipient_name: recipients[0]?.name ?? '',
            recipient_address: recipients[0]?.address ?? '',
            language: 'az',
            sent_at: at(sentAt),
            channel: 'secure_electronic',
            reference: 'DEMO-2026-0042',
            person_objected: 0,
            objection: null,
            person_informed_at: at(sentAt + HOUR),
            reprisal_risk: 1,
            recorded_by: doctor,
            recorded_at: at(sentAt),
          })
          .execute();
      }
      if (b) {
        await record({
          personId: b,
          institutionId: first,
          by: doctor,
          byName: 'Demo · Doctor',
          trained: true,
          signedAt: t - 3 * HOUR,
          allegation: true,
          conclusion: 'consistent',
          cause: 'pre_admission',
          account: { ...alleged, how: 'Slapped and kicked during questioning' },
          lesions: [
            {
              view: 'front',
              region: 'arm_left',
              x: 0.2,
              y: 0.4,
              type: 'abrasion',
              length: 4,
              colour: 'red',
              age: 'under_24h',
            },
          ],
        });
      }
    }
    if (second) {
      const [c] = await people(second, 1);
      if (c) {
        await record({
          personId: c,
          institutionId: second,
          by: nurse,
          byName: 'Demo · Nurse',
          trained: false,
          signedAt: t - 1 * DAY,
          allegation: false,
          conclusion: 'consistent',
          cause: 'accident',
          account: {
            text: 'Fell from the upper bunk in the police cell (demonstration).',
            allegation: false,
          },
          lesions: [
            {
              view: 'front',
              region: 'leg_right',
              x: 0.6,
              y: 0.7,
              type: 'laceration',
              length: 2.5,
              colour: 'red',
              age: 'days_1_3',
            },
          ],
        });
      }
    }
    return `${records} injury records, recipients for ${institutionIds.length} institutions`;
  },
};
