import { describe, expect, it } from 'vitest';
import { instantToWallTime, wallTimeToInstant } from '../platform/zoned-time.ts';
import {
  EXAMINATION_LIMIT_MINUTES,
  examinationProblems,
  examinationState,
  examinedInTime,
  type ForceReportInput,
  registerCounts,
  reportProblems,
  reviewOverdueAt,
  suppressRegister,
} from './index.ts';

const BAKU = 'Asia/Baku';
/** A time typed in Baku, as the institution's wall clock reads it. */
const baku = (wall: string) => wallTimeToInstant(wall, BAKU) as string;

const report = (over: Partial<ForceReportInput> = {}): ForceReportInput => ({
  occurredAt: baku('2026-12-06T13:00:00'),
  institutionId: 'i1',
  personIds: ['p1'],
  staffIds: ['s1'],
  account: {
    staffId: 's1',
    types: ['physical_hold'],
    reason: 'self_defence',
    narrative: 'Held by the arms for two minutes.',
    durationMinutes: 2,
    deEscalationTried: false,
    injuriesToStaff: 'no',
    injuriesToPerson: 'unknown',
  },
  ...over,
});

describe('use of force (INJ-7, RST-11)', () => {
  it('RST-11: the examination is due at once and overdue 4 h after the force, in Baku time (injected clock)', () => {
    expect(EXAMINATION_LIMIT_MINUTES).toBe(240);
    const occurred = baku('2026-12-06T23:30:00');
    // Just after the force: due.
    expect(examinationState(occurred, null, new Date(baku('2026-12-06T23:31:00')))).toBe('due');
    // 3 h 59 min later, past midnight in Baku: still due.
    expect(examinationState(occurred, null, new Date(baku('2026-12-07T03:29:00')))).toBe('due');
    // 4 h later: overdue, whatever day it is.
    expect(examinationState(occurred, null, new Date(baku('2026-12-07T03:30:00')))).toBe('overdue');
    expect(instantToWallTime(new Date(Date.parse(occurred) + 4 * 3_600_000), BAKU)).toBe(
      '2026-12-07T03:30:00',
    );
    // Recorded: done, even late.
    expect(
      examinationState(occurred, baku('2026-12-07T05:00:00'), new Date(baku('2026-12-07T06:00:00'))),
    ).toBe('done');
    expect(examinedInTime(occurred, baku('2026-12-07T03:30:00'))).toBe(true);
    expect(examinedInTime(occurred, baku('2026-12-07T03:31:00'))).toBe(false);
  });

  it('INJ-7: the governor’s review is overdue 72 h after the report', () => {
    expect(reviewOverdueAt('2026-12-06T09:00:00.000Z')).toBe('2026-12-09T09:00:00.000Z');
  });

  it('INJ-7: a time in the future, nobody, no staff, an author not involved, no type: each refused', () => {
    const now = new Date(baku('2026-12-06T14:00:00'));
    expect(reportProblems(report(), now)).toEqual([]);
    const codes = (r: ForceReportInput) => reportProblems(r, now).map((p) => p.code);
    expect(codes(report({ occurredAt: baku('2026-12-06T14:06:00') }))).toEqual(['in_the_future']);
    // Five minutes of clock drift are allowed.
    expect(codes(report({ occurredAt: baku('2026-12-06T14:04:00') }))).toEqual([]);
    expect(codes(report({ personIds: [] }))).toEqual(['no_person']);
    expect(codes(report({ staffIds: [] }))).toEqual(['no_staff']);
    expect(codes(report({ staffIds: ['s2'] }))).toEqual(['author_not_involved']);
    const base = report().account;
    expect(codes(report({ account: { ...base, types: [] } }))).toEqual(['no_force_type']);
    expect(codes(report({ account: { ...base, types: ['other'] } }))).toEqual(['other_type_unnamed']);
    expect(codes(report({ account: { ...base, deEscalationTried: true } }))).toEqual([
      'de_escalation_undescribed',
    ]);
  });

  it('MED-4, RST-11: non-medical staff present only with the clinician’s reason; not before the force', () => {
    const occurred = baku('2026-12-06T13:00:00');
    const now = new Date(baku('2026-12-06T14:00:00'));
    const at = baku('2026-12-06T13:30:00');
    expect(examinationProblems({ examinedAt: at, nonMedicalStaffPresent: false }, occurred, now)).toEqual([]);
    expect(
      examinationProblems({ examinedAt: at, nonMedicalStaffPresent: true }, occurred, now).map((p) => p.code),
    ).toEqual(['presence_reason_required']);
    expect(
      examinationProblems(
        {
          examinedAt: at,
          nonMedicalStaffPresent: true,
          presenceReason: 'Asked for an officer: he was violent',
        },
        occurred,
        now,
      ),
    ).toEqual([]);
    expect(
      examinationProblems(
        { examinedAt: baku('2026-12-06T12:59:00'), nonMedicalStaffPresent: false },
        occurred,
        now,
      ).map((p) => p.code),
    ).toEqual(['before_force']);
  });

  it('INJ-7, RST-11, DAT-6: the register counts types and examinations; small cells suppressed', () => {
    const occurredAt = '2026-12-01T10:00:00.000Z';
    const fact = (unitId: string, examinedAt: string | null, types = ['physical_hold'] as const) => ({
      unitId,
      occurredAt,
      types: [...types],
      referred: false,
      examinations: [{ examinedAt, outcome: examinedAt ? ('no_injuries' as const) : null }],
    });
    const a = [...Array(6)].map(() => fact('u1', '2026-12-01T11:00:00.000Z'));
    const b = [fact('u2', '2026-12-01T15:00:00.000Z', ['physical_hold', 'baton'] as never), fact('u2', null)];
    const total = registerCounts([...a, ...b]);
    expect(total).toMatchObject({
      incidents: 8,
      subjects: 8,
      examinedInTime: 6,
      examinedLate: 1,
      notExamined: 1,
    });
    expect(total.byType.physical_hold).toBe(8);
    expect(total.byType.baton).toBe(1);
    const shown = suppressRegister(
      {
        total,
        units: [
          { unitId: 'u1', ...registerCounts(a) },
          { unitId: 'u2', ...registerCounts(b) },
        ],
      },
      5,
    );
    expect(shown.units[1]?.incidents).toBeNull();
    expect(shown.total.byType.baton).toBeNull();
    expect(shown.total.examinedLate).toBeNull();
    // The unit of two cannot be worked out from the total and the other unit.
    expect(shown.total.incidents === null || shown.units[0]?.incidents === null).toBe(true);
  });
});
