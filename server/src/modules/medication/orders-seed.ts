import { calendarDateIn, frequencyPerDay, newId, timesOfDay, wallTimeToInstant } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { RegistryService } from '../registry/index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONE = 'Asia/Baku';

/**
 * ADR 0045 demo work for demo.doctor's first sign-in in the first pilot prison: a verbal order
 * recorded by demo.nurse waiting for the countersignature, a prescription ending in 5 days (renewal),
 * a reconciliation opened by an arrival this morning, and the releases the registry plans within the
 * lead days (one with a letter prepared for an earlier date).
 */
export async function seedOrders(
  tx: Tx,
  o: {
    now: Date;
    institutionId: string;
    personIds: string[];
    drugIds: Map<string, string>;
    doctorId: string;
    nurseId: string;
    registry: Pick<RegistryService, 'plannedReleases'>;
  },
) {
  const [verbalFor, renewalFor, arrived] = o.personIds.slice(-4);
  const prescription = (
    personId: string,
    drug: string,
    startAt: string,
    endAt: string,
    indication: string,
  ) => {
    const timing = { frequency: 'once_daily' as const };
    return {
      id: newId(),
      prescription_id: newId(),
      version: 1,
      current: 1,
      action: 'prescribe',
      person_id: personId,
      institution_id: o.institutionId,
      drug_id: o.drugIds.get(drug) ?? '',
      dose: drug === 'omeprazole' ? 20 : 10,
      dose_unit: 'mg',
      route: 'oral',
      frequency: 'once_daily',
      times_of_day: JSON.stringify(timesOfDay(timing)),
      every_hours: null,
      frequency_per_day: frequencyPerDay(timing),
      prn: 0,
      prn_condition: null,
      prn_min_interval_hours: null,
      prn_max_per_day: null,
      delivery: 'supervised',
      risk_assessment: null,
      review_date: null,
      start_at: startAt,
      end_at: endAt,
      indication,
      status: 'active',
      status_since: startAt,
      status_reason: null,
      allergy_override_reason: null,
      replaces_id: null,
      prescriber_id: o.doctorId,
      created_at: startAt,
    };
  };
  const at = (ms: number) => new Date(o.now.getTime() + ms).toISOString();
  let lines = 0;
  if (verbalFor) {
    const row = prescription(
      verbalFor,
      'omeprazole',
      at(-3 * HOUR),
      at(87 * DAY),
      'Dyspepsia (telephone order)',
    );
    await tx.insertInto('medication_prescription').values(row).execute();
    await tx
      .insertInto('medication_verbal_order')
      .values({
        id: newId(),
        prescription_id: row.prescription_id,
        person_id: verbalFor,
        institution_id: o.institutionId,
        ordered_by: o.doctorId,
        recorded_by: o.nurseId,
        recorded_at: at(-3 * HOUR),
        due_at: at(21 * HOUR),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        reason: null,
      })
      .execute();
    lines += 1;
  }
  if (renewalFor) {
    const row = prescription(renewalFor, 'atorvastatin', at(-85 * DAY), at(5 * DAY), 'Hypercholesterolaemia');
    await tx.insertInto('medication_prescription').values(row).execute();
    lines += 1;
  }
  if (arrived) {
    const date = calendarDateIn(o.now, ZONE);
    await tx
      .insertInto('medication_reconciliation')
      .values({
        id: newId(),
        person_id: arrived,
        institution_id: o.institutionId,
        event_id: newId(),
        opened_at: at(-2 * HOUR),
        due_at: wallTimeToInstant(`${date}T23:59:59`, ZONE) ?? at(12 * HOUR),
        status: 'open',
        decisions: null,
        completed_by: null,
        completed_at: null,
      })
      .execute();
    lines += 1;
  }
  // ADR 0055: the release dates are the registry's (its demo gives the sentenced one, ADR 0050). The
  // first planned within the lead days is left to prepare; the second has a letter prepared for a
  // date the registry has since moved, so the doctor sees it must be prepared again.
  const soon = await o.registry.plannedReleases(tx, {
    institutionIds: [o.institutionId],
    from: calendarDateIn(o.now, ZONE),
    to: calendarDateIn(new Date(o.now.getTime() + 28 * DAY), ZONE),
  });
  const moved = soon[1];
  if (moved) {
    await tx
      .insertInto('medication_release_preparation')
      .values({
        person_id: moved.personId,
        release_on: calendarDateIn(
          new Date(Date.parse(`${moved.plannedReleaseDate}T12:00:00Z`) - 7 * DAY),
          ZONE,
        ),
        letter_at: at(-3 * DAY),
        letter_by: o.doctorId,
      })
      .execute();
    lines += 1;
  }
  return lines;
}
