import {
  attendanceCodes,
  courseOutcome,
  FINISHED_COURSE_SESSIONS,
  type MentalHealthReport,
  monthBounds,
  referralUrgencies,
  type SuppressionLine,
  suppressedCells,
  TRANSFER_TARGET_DAYS,
} from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type MentalhealthDeps } from './context.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return (
    Math.round((s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2) * 10) / 10
  );
};

/**
 * MHS-1, MHS-2, MHS-5, MHT-3: the month's report of an institution: referrals by urgency with time
 * to assessment, transfers, attendance by code (the regime's causes apart), the outcomes of those who
 * finished a course (recovery and reliable improvement on PHQ-9 / GAD-7) and the share of the
 * caseload with a non-drug intervention. DAT-6: small counts suppressed for readers outside health
 * care (no `mentalhealth.read`). A handful of queries whatever the month's size.
 */
export function createReports(deps: MentalhealthDeps) {
  const { db, clock, audit, smallCellThreshold, timeZone, screening } = deps;

  return {
    /**
     * The month's report of one institution, or of the whole country when `institutionId` is left
     * out (national readers only: a ministry analyst, an inspector).
     */
    async month(caller: Caller, institutionId: string | null, month: string): Promise<MentalHealthReport> {
      if (institutionId === null ? !caller.viewer.national : !inScope(caller.viewer, institutionId))
        throw forbidden('You do not work there.');
      const { from, to } = monthBounds(month, timeZone);
      return inTransaction(db, async (tx) => {
        let referralQuery = tx
          .selectFrom('mh_referral')
          .select(['urgency', 'referred_at', 'due_at', 'assessed_at'])
          .where('referred_at', '>=', from)
          .where('referred_at', '<', to);
        if (institutionId) referralQuery = referralQuery.where('institution_id', '=', institutionId);
        const referrals = await referralQuery.execute();
        let transferQuery = tx
          .selectFrom('mh_transfer')
          .select(['requested_at', 'transferred_at', 'cancelled_at'])
          .where('requested_at', '<', to)
          .where((eb) => eb.or([eb('transferred_at', 'is', null), eb('transferred_at', '>=', from)]));
        if (institutionId) transferQuery = transferQuery.where('institution_id', '=', institutionId);
        const transfers = await transferQuery.execute();
        let attendanceQuery = tx
          .selectFrom('mh_attendance as a')
          .innerJoin('mh_session as s', 's.id', 'a.session_id')
          .select(['a.code', 'a.person_id', 'a.enrolment_id', 's.id as session_id'])
          .where('s.held_at', '>=', from)
          .where('s.held_at', '<', to);
        if (institutionId) attendanceQuery = attendanceQuery.where('s.institution_id', '=', institutionId);
        const attendance = await attendanceQuery.execute();
        // Finished courses: enrolments with at least two attended sessions, the last within the month.
        // Only the enrolments attended this month can have finished in it: their whole attendance is
        // read, not the institution's history.
        const attendedThisMonth = [
          ...new Set(attendance.filter((a) => a.code === 'attended').map((a) => a.enrolment_id)),
        ];
        const attendedAll: {
          enrolment_id: string;
          person_id: string;
          held_at: string;
          enrolled_at: string;
        }[] = [];
        for (let i = 0; i < attendedThisMonth.length; i += 500) {
          attendedAll.push(
            ...(await tx
              .selectFrom('mh_attendance as a')
              .innerJoin('mh_session as s', 's.id', 'a.session_id')
              .innerJoin('mh_enrolment as e', 'e.id', 'a.enrolment_id')
              .select(['a.enrolment_id', 'a.person_id', 's.held_at', 'e.enrolled_at'])
              .where('a.enrolment_id', 'in', attendedThisMonth.slice(i, i + 500))
              .where('a.code', '=', 'attended')
              .where('s.held_at', '<', to)
              .execute()),
          );
        }
        const byEnrolment = new Map<string, { personId: string; enrolledAt: string; dates: string[] }>();
        for (const a of attendedAll) {
          const e = byEnrolment.get(a.enrolment_id) ?? {
            personId: a.person_id,
            enrolledAt: a.enrolled_at,
            dates: [],
          };
          e.dates.push(a.held_at);
          byEnrolment.set(a.enrolment_id, e);
        }
        const finishers = [...byEnrolment.values()].filter(
          (e) => e.dates.length >= FINISHED_COURSE_SESSIONS && e.dates.some((d) => d >= from),
        );
        // Each finisher's PHQ-9 / GAD-7 scores, by person (read in slices of 500 people).
        const scoresOf = new Map<
          string,
          { instrument_code: string; total: number; completed_at: string }[]
        >();
        const finisherIds = [...new Set(finishers.map((f) => f.personId))];
        for (let i = 0; i < finisherIds.length; i += 500) {
          const rows = await tx
            .selectFrom('mh_response')
            .select(['person_id', 'instrument_code', 'total', 'completed_at'])
            .where('person_id', 'in', finisherIds.slice(i, i + 500))
            .where('instrument_code', 'in', ['phq9', 'gad7'])
            .where('completed_at', '<', to)
            .orderBy('completed_at')
            .execute();
          for (const r of rows) scoresOf.set(r.person_id, [...(scoresOf.get(r.person_id) ?? []), r]);
        }
        let caseloadQuery = tx
          .selectFrom('mh_assessment')
          .select('person_id')
          .distinct()
          .where('outcome', '!=', 'no_further_action')
          .where('assessed_at', '<', to);
        if (institutionId) caseloadQuery = caseloadQuery.where('institution_id', '=', institutionId);
        const caseloadRows = await caseloadQuery.execute();
        let enrolledQuery = tx
          .selectFrom('mh_enrolment')
          .select('person_id')
          .distinct()
          .where('enrolled_at', '<', to);
        if (institutionId) enrolledQuery = enrolledQuery.where('institution_id', '=', institutionId);
        const enrolledRows = await enrolledQuery.execute();

        const now = clock.now();
        const values: Record<string, number> = {};
        const lines: SuppressionLine[] = [];
        const hours = new Map<string, number[]>();
        for (const u of referralUrgencies) {
          const mine = referrals.filter((r) => r.urgency === u);
          const assessed = mine.filter((r) => r.assessed_at);
          values[`referred.${u}`] = mine.length;
          values[`assessed.${u}`] = assessed.length;
          values[`inTime.${u}`] = assessed.filter((r) => (r.assessed_at as string) <= r.due_at).length;
          hours.set(
            u,
            assessed.map((r) => (Date.parse(r.assessed_at as string) - Date.parse(r.referred_at)) / HOUR),
          );
          lines.push({ total: `referred.${u}`, parts: [`assessed.${u}`] });
        }
        values['transfers.requested'] = transfers.filter((t) => t.requested_at >= from).length;
        values['transfers.transferred'] = transfers.filter(
          (t) => t.transferred_at && t.transferred_at < to,
        ).length;
        const end = Math.min(Date.parse(to), now.getTime());
        // MHS-5: the institution's target (its rule threshold; the national one for the country).
        const targetDays =
          (await screening.thresholdValues(tx, ['MHS-5.transfer_target_days'], institutionId ?? '')).get(
            'MHS-5.transfer_target_days',
          ) ?? TRANSFER_TARGET_DAYS;
        values['transfers.waitingOverTarget'] = transfers.filter(
          (t) => !t.transferred_at && !t.cancelled_at && end - Date.parse(t.requested_at) > targetDays * DAY,
        ).length;
        for (const code of attendanceCodes)
          values[`attendance.${code}`] = attendance.filter((a) => a.code === code).length;
        values.sessions = new Set(attendance.map((a) => a.session_id)).size;
        lines.push({ total: 'attendance.all', parts: attendanceCodes.map((c) => `attendance.${c}`) });
        values['attendance.all'] = attendance.length;

        let atCaseness = 0;
        let recovered = 0;
        let improved = 0;
        for (const f of finishers) {
          const since = new Date(Date.parse(f.enrolledAt) - 14 * DAY).toISOString();
          const pair = (code: string) => {
            const s = (scoresOf.get(f.personId) ?? []).filter(
              (x) => x.instrument_code === code && x.completed_at >= since,
            );
            return s.length >= 2
              ? {
                  first: (s[0] as { total: number }).total,
                  last: (s[s.length - 1] as { total: number }).total,
                }
              : null;
          };
          const o = courseOutcome({ phq9: pair('phq9'), gad7: pair('gad7') });
          if (o.atCaseness) atCaseness++;
          if (o.recovered) recovered++;
          if (o.reliableImprovement) improved++;
        }
        values['outcomes.finished'] = finishers.length;
        values['outcomes.atCaseness'] = atCaseness;
        values['outcomes.recovered'] = recovered;
        values['outcomes.reliableImprovement'] = improved;
        lines.push({ total: 'outcomes.finished', parts: ['outcomes.atCaseness'] });
        lines.push({ total: 'outcomes.atCaseness', parts: ['outcomes.recovered'] });

        const caseload = new Set([
          ...caseloadRows.map((r) => r.person_id),
          ...enrolledRows.map((r) => r.person_id),
        ]);
        const withNonDrug = new Set(
          attendance
            .filter((a) => a.code === 'attended' && caseload.has(a.person_id))
            .map((a) => a.person_id),
        );
        values['indicator.caseload'] = caseload.size;
        values['indicator.withNonDrug'] = withNonDrug.size;
        lines.push({ total: 'indicator.caseload', parts: ['indicator.withNonDrug'] });

        const clinicalReader = caller.has('mentalhealth.read');
        const suppressed = clinicalReader
          ? new Set<string>()
          : suppressedCells(values, lines, smallCellThreshold, new Set(['attendance.all']));
        const v = (key: string) => (suppressed.has(key) ? null : (values[key] ?? 0));
        await audit.record(tx, caller.audit, {
          action: 'mentalhealth.report.read',
          dataClass: 'aggregate',
          outcome: 'allowed',
          resourceType: institutionId ? 'institution' : 'country',
          resourceId: institutionId,
          details: { month, suppressed: suppressed.size },
        });
        const caseN = v('indicator.caseload');
        const withN = v('indicator.withNonDrug');
        return {
          month,
          institutionId,
          referrals: referralUrgencies.map((u) => ({
            urgency: u,
            referred: v(`referred.${u}`),
            assessed: v(`assessed.${u}`),
            inTime: v(`inTime.${u}`),
            medianHours: suppressed.has(`assessed.${u}`) ? null : median(hours.get(u) ?? []),
          })),
          transfers: {
            requested: v('transfers.requested'),
            transferred: v('transfers.transferred'),
            waitingOverTarget: v('transfers.waitingOverTarget'),
          },
          attendance: attendanceCodes.map((code) => ({ code, count: v(`attendance.${code}`) })),
          sessions: v('sessions'),
          outcomes: {
            finished: v('outcomes.finished'),
            atCaseness: v('outcomes.atCaseness'),
            recovered: v('outcomes.recovered'),
            reliableImprovement: v('outcomes.reliableImprovement'),
          },
          indicator: {
            caseload: caseN,
            withNonDrug: withN,
            percent: caseN && withN !== null ? Math.round((withN / caseN) * 1000) / 10 : null,
          },
          suppression: clinicalReader
            ? null
            : { threshold: smallCellThreshold, cells: [...suppressed].sort() },
        };
      });
    },
  };
}
