import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../identity/index.ts';
import {
  backToBackDays,
  type DayRecord,
  dayRecordFlags,
  dayRecordProblems,
  decisionDueAt,
  healthRolesNeverDecide,
  isSolitaryDay,
  nextReviewDueAt,
  type PersonFacts,
  type PlacementFacts,
  type PlacementStart,
  placementStartProblems,
  placementStartSchema,
  placementState,
  protectedGroupsOf,
  standingDays,
} from './index.ts';

const TZ = 'Asia/Baku';
/** 2026-12-01 10:00 in Baku (UTC+4). */
const START = '2026-12-01T06:00:00.000Z';
const DAY = 86_400_000;
const after = (ms: number) => new Date(Date.parse(START) + ms);
const iso = (ms: number) => after(ms).toISOString();

const adult: PersonFacts = {
  inCustody: true,
  birthDate: '1990-05-05',
  pregnant: false,
  withInfant: false,
  contraindicated: false,
};

const start = (over: Partial<PlacementStart> = {}): PlacementStart =>
  placementStartSchema.parse({
    kind: 'disciplinary',
    reason: 'Assault on another prisoner',
    offenceReference: 'DISC-1',
    startedAt: START,
    plannedEndAt: iso(10 * DAY),
    ...over,
  });

const ctx = (over: Partial<Parameters<typeof placementStartProblems>[1]> = {}) => ({
  now: after(0),
  timeZone: TZ,
  person: adult,
  mayOverride: false,
  callerIsHealth: false,
  earlier: [],
  alreadyOpen: false,
  ...over,
});

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

const rec = (day: string, outOfCell: number, contact: number, outdoor = 60): DayRecord => ({
  day,
  outOfCellMinutes: outOfCell,
  outdoorMinutes: outdoor,
  contactMinutes: contact,
});

const facts = (over: Partial<PlacementFacts> = {}): PlacementFacts => ({
  kind: 'disciplinary',
  startedAt: START,
  plannedEndAt: iso(14 * DAY),
  endedAt: null,
  overridden: false,
  days: [],
  healthVisits: [],
  managementVisits: [],
  decisions: [],
  ...over,
});

describe('starting a placement', () => {
  it('accepts a 10-day disciplinary placement for an adult', () => {
    expect(placementStartProblems(start(), ctx())).toEqual([]);
  });

  it('SEG-2: a placement needs a planned end after its start', () => {
    expect(codes(placementStartProblems(start({ plannedEndAt: START }), ctx()))).toContain(
      'end_before_start',
    );
  });

  it('SEG-3: a disciplinary placement lasts at most 14 days per offence', () => {
    expect(codes(placementStartProblems(start({ plannedEndAt: iso(14 * DAY) }), ctx()))).toEqual([]);
    expect(codes(placementStartProblems(start({ plannedEndAt: iso(14 * DAY + 60_000) }), ctx()))).toContain(
      'disciplinary_too_long',
    );
    expect(codes(placementStartProblems(start({ offenceReference: null }), ctx()))).toContain(
      'offence_required',
    );
  });

  it('SEG-3: back-to-back disciplinary placements beyond 14 days are blocked; after a break they are not', () => {
    const earlier = [{ kind: 'disciplinary' as const, startedAt: iso(-11 * DAY), endsAt: iso(-1 * DAY) }];
    expect(backToBackDays(start({ plannedEndAt: iso(5 * DAY) }), earlier)).toBe(15);
    expect(codes(placementStartProblems(start({ plannedEndAt: iso(5 * DAY) }), ctx({ earlier })))).toContain(
      'back_to_back',
    );
    expect(codes(placementStartProblems(start({ plannedEndAt: iso(4 * DAY) }), ctx({ earlier })))).toEqual(
      [],
    );
    const longAgo = [{ kind: 'disciplinary' as const, startedAt: iso(-30 * DAY), endsAt: iso(-16 * DAY) }];
    expect(codes(placementStartProblems(start(), ctx({ earlier: longAgo })))).toEqual([]);
    // Administrative segregation before it does not count towards the disciplinary maximum.
    const admin = [{ kind: 'administrative' as const, startedAt: iso(-11 * DAY), endsAt: iso(-1 * DAY) }];
    expect(codes(placementStartProblems(start(), ctx({ earlier: admin })))).toEqual([]);
  });

  it('SEG-4: refused for a child, a pregnant woman, a woman with an infant', () => {
    const child = { ...adult, birthDate: '2009-12-02' };
    expect(protectedGroupsOf(child, '2026-12-01')).toEqual(['child']);
    expect(protectedGroupsOf(child, '2027-12-02')).toEqual([]);
    for (const person of [child, { ...adult, pregnant: true }, { ...adult, withInfant: true }]) {
      expect(codes(placementStartProblems(start(), ctx({ person })))).toContain('protected_group');
    }
  });

  it('MHS-7: refused when solitary is contraindicated, unless the director overrides with a reason', () => {
    const person = { ...adult, contraindicated: true };
    expect(codes(placementStartProblems(start(), ctx({ person })))).toEqual(['protected_group']);
    expect(codes(placementStartProblems(start(), ctx({ person, mayOverride: true })))).toEqual([
      'override_reason_required',
    ]);
    const overridden = start({ overrideReason: 'Imminent risk to his life on the wing' });
    expect(placementStartProblems(overridden, ctx({ person, mayOverride: true }))).toEqual([]);
    expect(codes(placementStartProblems(overridden, ctx({ mayOverride: true })))).toEqual([
      'override_not_needed',
    ]);
  });

  it('SEG-6: a health role cannot sign a placement, and no health role holds the permission to', () => {
    expect(codes(placementStartProblems(start(), ctx({ callerIsHealth: true })))).toContain(
      'health_role_cannot_decide',
    );
    for (const role of healthRolesNeverDecide) {
      expect(rolePermissions[role]).not.toContain('segregation.placement.decide');
      expect(rolePermissions[role]).not.toContain('segregation.placement.override');
    }
  });

  it('refuses a start in the future and a second open placement', () => {
    expect(codes(placementStartProblems(start({ startedAt: iso(DAY) }), ctx()))).toContain('in_the_future');
    expect(codes(placementStartProblems(start(), ctx({ alreadyOpen: true })))).toContain('already_open');
  });
});

describe('daily records', () => {
  it('SEG-1: ≥ 22 h in cell without 2 h of meaningful contact is solitary, whatever the regime', () => {
    expect(isSolitaryDay({ outOfCellMinutes: 120, contactMinutes: 0 })).toBe(true);
    expect(isSolitaryDay({ outOfCellMinutes: 121, contactMinutes: 0 })).toBe(false);
    expect(isSolitaryDay({ outOfCellMinutes: 60, contactMinutes: 119 })).toBe(true);
    expect(isSolitaryDay({ outOfCellMinutes: 60, contactMinutes: 120 })).toBe(false);
  });

  it('SEG-9, SEG-10: contact under 120 minutes and less than an hour outdoors are flagged', () => {
    expect(dayRecordFlags(rec('2026-12-01', 300, 119, 59))).toEqual(['contact_short', 'no_outdoor_hour']);
    expect(dayRecordFlags(rec('2026-12-01', 300, 120, 60))).toEqual([]);
    expect(dayRecordFlags(rec('2026-12-01', 60, 30, 60))).toEqual(['solitary_day', 'contact_short']);
  });

  it('refuses a day in the future (institution zone), before the placement, or for an ended placement', () => {
    // 2026-12-01 21:00 UTC is already 2 December in Baku.
    const c = {
      now: new Date('2026-12-01T21:00:00Z'),
      timeZone: TZ,
      placementStartedAt: START,
      placementEndedAt: null,
    };
    expect(dayRecordProblems(rec('2026-12-02', 60, 60), c)).toEqual([]);
    expect(codes(dayRecordProblems(rec('2026-12-03', 60, 60), c))).toEqual(['in_the_future']);
    expect(codes(dayRecordProblems(rec('2026-11-30', 60, 60), c))).toEqual(['before_placement']);
    expect(codes(dayRecordProblems(rec('2026-12-01', 60, 60), { ...c, placementEndedAt: iso(DAY) }))).toEqual(
      ['placement_ended'],
    );
    expect(codes(dayRecordProblems(rec('2026-12-01', 30, 60, 45), c))).toEqual(['outdoor_over_out_of_cell']);
  });

  it('a later record of the same day stands', () => {
    const days = standingDays([
      { ...rec('2026-12-01', 60, 0), recordedAt: '2026-12-01T10:00:00Z' },
      { ...rec('2026-12-01', 200, 200), recordedAt: '2026-12-01T12:00:00Z' },
    ]);
    expect(days.get('2026-12-01')?.outOfCellMinutes).toBe(200);
  });
});

describe('the state of a placement', () => {
  const solitaryDays = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      rec(new Date(Date.parse('2026-12-01') + i * DAY).toISOString().slice(0, 10), 60, 0),
    );
  const visitsEveryDay = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ at: iso(i * DAY + 3_600_000), adverseEffect: false }));

  it('SEG-2: pre-alert on day 13 of consecutive solitary confinement', () => {
    const s = placementState(
      facts({ days: solitaryDays(13), healthVisits: visitsEveryDay(13) }),
      after(12 * DAY + 7_200_000),
      TZ,
    );
    expect(s.dayNumber).toBe(13);
    expect(s.solitaryRun).toBe(13);
    expect(s.alerts).toContain('pre_alert_day_13');
    expect(s.alerts).not.toContain('breach_day_15');
    const day12 = placementState(facts({ days: solitaryDays(12) }), after(11 * DAY), TZ);
    expect(day12.alerts).not.toContain('pre_alert_day_13');
  });

  it('SEG-2: a breach after 15 consecutive days; a day with contact breaks the run', () => {
    const long = facts({ kind: 'administrative', plannedEndAt: iso(60 * DAY), days: solitaryDays(16) });
    expect(placementState(long, after(15 * DAY + 7_200_000), TZ).alerts).toContain('breach_day_15');
    expect(placementState(long, after(14 * DAY + 7_200_000), TZ).alerts).not.toContain('breach_day_15');
    const broken = {
      ...long,
      days: [...solitaryDays(16).slice(0, 5), rec('2026-12-06', 300, 180), ...solitaryDays(16).slice(6)],
    };
    const s = placementState(broken, after(15 * DAY + 7_200_000), TZ);
    expect(s.solitaryRun).toBe(10);
    expect(s.alerts).not.toContain('breach_day_15');
    expect(s.alerts).not.toContain('pre_alert_day_13');
  });

  it('SEG-1: today marked as a solitary day from its record', () => {
    const s = placementState(facts({ days: [rec('2026-12-01', 60, 30)] }), after(3_600_000), TZ);
    expect(s.alerts).toContain('solitary_day');
    expect(s.alerts).toContain('contact_short');
    expect(s.alerts).not.toContain('day_record_due');
  });

  it('SEG-5: a health visit is due at once; a day without one is a breach at midnight in the institution zone', () => {
    const none = facts();
    expect(placementState(none, after(60_000), TZ).alerts).toContain('health_visit_due');
    expect(placementState(none, after(60_000), TZ).alerts).not.toContain('health_visit_missed');
    // 19:59 UTC on 1 December is 23:59 in Baku: not yet a breach.
    expect(placementState(none, new Date('2026-12-01T19:59:00Z'), TZ).alerts).not.toContain(
      'health_visit_missed',
    );
    // 20:00 UTC is midnight in Baku: the 1st ended without a visit.
    const s = placementState(none, new Date('2026-12-01T20:00:00Z'), TZ);
    expect(s.alerts).toContain('health_visit_missed');
    expect(s.missedHealthVisitDays).toEqual(['2026-12-01']);
    const visited = facts({ healthVisits: [{ at: iso(60_000), adverseEffect: false }] });
    expect(placementState(visited, new Date('2026-12-01T20:00:00Z'), TZ).missedHealthVisitDays).toEqual([]);
  });

  it('MHS-7: an override asks for an immediate health review until the first visit', () => {
    expect(placementState(facts({ overridden: true }), after(60_000), TZ).alerts).toContain(
      'health_review_override',
    );
    const seen = facts({ overridden: true, healthVisits: [{ at: iso(600_000), adverseEffect: false }] });
    expect(placementState(seen, after(700_000), TZ).alerts).not.toContain('health_review_override');
  });

  it('SEG-7: a recommendation to end needs the director within 24 h', () => {
    const visit = { at: iso(3_600_000), adverseEffect: true };
    expect(decisionDueAt({ healthVisits: [visit], decisions: [] })).toBe(iso(25 * 3_600_000));
    const p = facts({ healthVisits: [visit] });
    expect(placementState(p, after(24 * 3_600_000), TZ).alerts).toContain('director_decision_due');
    expect(placementState(p, after(26 * 3_600_000), TZ).alerts).toContain('director_decision_overdue');
    const answered = facts({
      healthVisits: [visit],
      decisions: [{ at: iso(5 * 3_600_000), kind: 'health_recommendation' }],
    });
    expect(placementState(answered, after(26 * 3_600_000), TZ).directorDecisionDueAt).toBeNull();
  });

  it('SEG-8: a management visit every day of disciplinary solitary', () => {
    const s = placementState(facts(), new Date('2026-12-02T08:00:00Z'), TZ);
    expect(s.alerts).toContain('management_visit_missed');
    expect(s.alerts).toContain('management_visit_due');
    const admin = placementState(facts({ kind: 'administrative' }), new Date('2026-12-02T08:00:00Z'), TZ);
    expect(admin.alerts).not.toContain('management_visit_due');
  });

  it('SEG-11: administrative segregation is reviewed after a month, then every 3 months', () => {
    expect(nextReviewDueAt({ kind: 'administrative', startedAt: START, decisions: [] })).toBe(iso(30 * DAY));
    expect(
      nextReviewDueAt({
        kind: 'protective',
        startedAt: START,
        decisions: [{ at: iso(29 * DAY), kind: 'review' }],
      }),
    ).toBe(iso(119 * DAY));
    expect(nextReviewDueAt({ kind: 'disciplinary', startedAt: START, decisions: [] })).toBeNull();
    const p = facts({ kind: 'administrative', plannedEndAt: iso(90 * DAY) });
    expect(placementState(p, after(30 * DAY), TZ).alerts).toContain('review_due');
  });
});
