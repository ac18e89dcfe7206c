import {
  calendarDateIn,
  type DeliveryMode,
  dueDosesOn,
  type FrequencyCode,
  frequencyPerDay,
  type NotGivenReason,
  newId,
  prescriptionEnd,
  timesOfDay,
} from '@custodia/domain';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { IdentityServices } from '../identity/index.ts';
import type { RegistryServices } from '../registry/index.ts';
import { demoFormulary } from './formulary.ts';
import { seedOrders } from './orders-seed.ts';
import { controlledDrugCodes, seedPharmacy } from './pharmacy/seed.ts';
import { seedNotBrought } from './rounds/seed.ts';

const DAY = 86_400_000;
const ZONE = 'Asia/Baku';

/** The demo orders: drug code, dose, unit, frequency, delivery (each person gets one or two). */
const orders: {
  drug: string;
  dose: number;
  unit: string;
  frequency: FrequencyCode;
  delivery: DeliveryMode;
  indication: string;
  prn?: { condition: string; minIntervalHours: number; maxPerDay: number };
}[][] = [
  [
    {
      drug: 'rhze',
      dose: 4,
      unit: 'tablet',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Pulmonary TB, intensive phase',
    },
    {
      drug: 'pyridoxine',
      dose: 25,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Neuropathy prevention on isoniazid',
    },
  ],
  [
    {
      drug: 'methadone',
      dose: 60,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Opioid dependence (OST)',
    },
  ],
  [
    {
      drug: 'tld',
      dose: 1,
      unit: 'tablet',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'HIV infection',
    },
  ],
  [
    {
      drug: 'metformin',
      dose: 500,
      unit: 'mg',
      frequency: 'twice_daily',
      delivery: 'supervised',
      indication: 'Type 2 diabetes',
    },
    {
      drug: 'amlodipine',
      dose: 5,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Hypertension',
    },
  ],
  [
    {
      drug: 'olanzapine',
      dose: 10,
      unit: 'mg',
      frequency: 'at_night',
      delivery: 'supervised',
      indication: 'Schizophrenia',
    },
  ],
  [
    {
      drug: 'buprenorphine',
      dose: 8,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Opioid dependence (OST)',
    },
    {
      drug: 'paracetamol',
      dose: 1000,
      unit: 'mg',
      frequency: 'prn',
      delivery: 'supervised',
      indication: 'Back pain',
      prn: { condition: 'Pain', minIntervalHours: 4, maxPerDay: 4 },
    },
  ],
  [
    {
      drug: 'insulin-human-nph',
      dose: 12,
      unit: 'units',
      frequency: 'twice_daily',
      delivery: 'supervised',
      indication: 'Type 1 diabetes',
    },
  ],
  [
    {
      drug: 'sertraline',
      dose: 50,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'supervised',
      indication: 'Depression',
    },
    // MDX-5: an in-possession supply whose risk-assessment review is due today (the doctor's worklist).
    {
      drug: 'amlodipine',
      dose: 5,
      unit: 'mg',
      frequency: 'once_daily',
      delivery: 'in_possession',
      indication: 'Hypertension',
    },
  ],
];

/**
 * Medication demo data (issue 15 item 11): the demonstration formulary; active prescriptions for
 * people held in the first pilot prison (where demo.nurse and demo.doctor work); and a week of
 * recorded rounds before the seed's `now`. Today's doses are left for demo.nurse's first round.
 */
export const medicationSeed: SeedPart<AuditRecorder, RegistryServices & IdentityServices> = {
  module: 'medication',
  async run({ tx, now, random, audit, store, services: { registry, identity } }) {
    const created = now.toISOString();
    const drugIds = new Map<string, string>();
    for (const d of demoFormulary) {
      const id = newId();
      drugIds.set(d.code, id);
      await tx
        .insertInto('medication_drug')
        .values({
          id,
          code: d.code,
          inn: d.inn,
          name_az: d.az,
          name_en: d.en,
          name_ru: d.ru,
          strength: d.strength,
          form: d.form,
          route: d.route,
          atc_code: d.atc,
          high_risk: d.highRisk ? 1 : 0,
          programme: d.programme ?? null,
          supervised_only: d.supervisedOnly ? 1 : 0,
          observe_after: d.observeAfter ? 1 : 0,
          controlled: controlledDrugCodes.has(d.code) ? 1 : 0,
          created_at: created,
        })
        .execute();
    }
    const institutionId = ((store.get('institutionIds') as string[] | undefined) ??
      (await registry.institutionIds(tx)))[0];
    const users = await identity.userIdsByUsername(tx, ['demo.doctor', 'demo.nurse', 'demo.pharmacist']);
    const doctorId = users.get('demo.doctor');
    const nurseId = users.get('demo.nurse');
    if (!institutionId || !doctorId || !nurseId)
      throw new Error('the medication demo needs the registry and identity demo data');
    const people = await registry.peopleInCustody(tx, { institutionId, limit: orders.length });
    const startAt = new Date(now.getTime() - 20 * DAY).toISOString();
    const today = calendarDateIn(now, ZONE);
    let prescriptions = 0;
    let doses = 0;
    for (const [i, person] of people.entries()) {
      for (const o of orders[i] ?? []) {
        const drugId = drugIds.get(o.drug);
        if (!drugId) continue;
        const prescriptionId = newId();
        const timing = { frequency: o.frequency };
        const row = {
          id: newId(),
          prescription_id: prescriptionId,
          version: 1,
          current: 1,
          action: 'prescribe',
          person_id: person.id,
          institution_id: institutionId,
          drug_id: drugId,
          dose: o.dose,
          dose_unit: o.unit,
          route: demoFormulary.find((d) => d.code === o.drug)?.route ?? 'oral',
          frequency: o.frequency,
          times_of_day: JSON.stringify(timesOfDay(timing)),
          every_hours: null,
          frequency_per_day: frequencyPerDay(timing, o.prn?.maxPerDay),
          prn: o.prn ? 1 : 0,
          prn_condition: o.prn?.condition ?? null,
          prn_min_interval_hours: o.prn?.minIntervalHours ?? null,
          prn_max_per_day: o.prn?.maxPerDay ?? null,
          delivery: o.delivery,
          risk_assessment:
            o.delivery === 'in_possession'
              ? 'Stable and adherent; no self-harm history; own cell locker'
              : null,
          review_date: o.delivery === 'in_possession' ? today : null,
          start_at: startAt,
          end_at: prescriptionEnd(startAt, null),
          indication: o.indication,
          status: 'active',
          status_since: startAt,
          status_reason: null,
          allergy_override_reason: null,
          replaces_id: null,
          prescriber_id: doctorId,
          created_at: startAt,
        };
        await tx.insertInto('medication_prescription').values(row).execute();
        prescriptions += 1;
        // A week of rounds before today: mostly given and observed, some not given with a reason
        // (an in-possession supply is taken by the person, not given on the round).
        for (let back = 7; back >= 1 && o.delivery !== 'in_possession'; back--) {
          const date = calendarDateIn(new Date(now.getTime() - back * DAY), ZONE);
          if (date >= today) continue;
          for (const dueAt of dueDosesOn(
            {
              ...row,
              timesOfDay: timesOfDay(timing),
              status: 'active',
              statusSince: startAt,
              startAt,
              endAt: row.end_at,
              frequency: o.frequency,
            },
            date,
            ZONE,
          )) {
            const roll = random();
            const reason: NotGivenReason | null =
              roll < 0.05
                ? 'refused'
                : roll < 0.07
                  ? 'not_available_stock'
                  : roll < 0.09
                    ? 'regime_lockdown'
                    : roll < 0.11
                      ? 'away_court'
                      : null;
            const givenAt = new Date(Date.parse(dueAt) + Math.floor(random() * 40) * 60_000).toISOString();
            await tx
              .insertInto('medication_administration')
              .values({
                id: newId(),
                prescription_id: prescriptionId,
                prescription_version: 1,
                person_id: person.id,
                institution_id: institutionId,
                due_at: dueAt,
                given_at: givenAt,
                outcome: reason ? 'not_given' : 'given',
                reason,
                note: reason === 'refused' ? 'Refused; counselled on why the dose matters' : null,
                dose_given: reason ? null : o.dose,
                mouth_check: reason ? 0 : 1,
                recorded_by: nurseId,
                recorded_at: givenAt,
              })
              .execute();
            doses += 1;
          }
        }
      }
    }
    // ADR 0046: the officers' "not brought (regime)" marks of the week's lockdowns.
    const officerId = (await identity.userIdsByUsername(tx, ['demo.officer'])).get('demo.officer') ?? nurseId;
    await seedNotBrought(tx, { now, institutionId, officerId, zone: ZONE });
    // ADR 0040: the pharmacy's stock in the pilot prisons, a stock-out, the controlled-drug book.
    const pharmacy = await seedPharmacy(tx, {
      now,
      random,
      institutionIds: ((store.get('institutionIds') as string[] | undefined) ?? [institutionId]).slice(0, 2),
      drugIds,
      pharmacistId: users.get('demo.pharmacist') ?? nurseId,
      witnessId: nurseId,
    });
    // ADR 0045: a verbal order to countersign, a renewal, a reconciliation, a release to prepare.
    await seedOrders(tx, {
      now,
      institutionId,
      personIds: people.map((p) => p.id),
      drugIds,
      doctorId,
      nurseId,
      registry,
    });
    await audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'medication.seed_demo',
        dataClass: 'clinical',
        outcome: 'allowed',
        details: { drugs: demoFormulary.length, prescriptions, doses, batches: pharmacy.batches },
      },
    );
    return `${demoFormulary.length} drugs in the formulary, ${prescriptions} prescriptions, ${doses} recorded doses, ${pharmacy.batches} stock batches, ${pharmacy.counts} controlled-drug counts`;
  },
};
