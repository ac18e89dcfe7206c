import { calendarDateIn, defaultRoundTimes, nearestRound, newId, wallTimeToInstant } from '@custodia/domain';
import type { Tx } from '../../../platform/db/database.ts';
import type { MedicationNotBroughtTable } from '../tables.ts';

const DAY = 86_400_000;

/**
 * ADR 0046 demo data: the officer's "not brought (regime)" marks of the last week — one for each
 * person whose dose the nurse recorded as "regime lockdown" — so the governor's report and the
 * round show both causes on first sign-in. Set-based: one read of those doses, one insert.
 */
export async function seedNotBrought(
  tx: Tx,
  options: { now: Date; institutionId: string; officerId: string; zone: string },
): Promise<number> {
  const since = new Date(options.now.getTime() - 8 * DAY).toISOString();
  const doses = await tx
    .selectFrom('medication_administration')
    .select(['person_id', 'due_at', 'recorded_at'])
    .where('institution_id', '=', options.institutionId)
    .where('reason', '=', 'regime_lockdown')
    .where('due_at', '>=', since)
    .execute();
  const rows = new Map<string, MedicationNotBroughtTable>();
  for (const d of doses) {
    if (!d.due_at) continue;
    const { date, round } = nearestRound(new Date(d.due_at), options.zone);
    const key = `${d.person_id}|${date}|${round}`;
    if (rows.has(key) || date >= calendarDateIn(options.now, options.zone)) continue;
    const roundAt = wallTimeToInstant(`${date}T${defaultRoundTimes[round]}`, options.zone) ?? d.due_at;
    rows.set(key, {
      id: newId(),
      person_id: d.person_id,
      institution_id: options.institutionId,
      round_date: date,
      round,
      round_at: roundAt,
      note: 'Wing locked down',
      marked_by: options.officerId,
      marked_at: new Date(Date.parse(roundAt) + 10 * 60_000).toISOString(),
    });
  }
  if (rows.size)
    await tx
      .insertInto('medication_not_brought')
      .values([...rows.values()])
      .execute();
  return rows.size;
}
