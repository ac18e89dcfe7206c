import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../identity/index.ts';
import {
  type DeathBodyReleaseFacts,
  deathAmendmentSchema,
  deathBodyReleaseProblems,
  deathBodyReleaseSchema,
  deathChecklistState,
  deathClosureProblems,
  deathReviewerProblems,
  deathReviewKindProblems,
  deathStepDueAt,
  deathStepsOf,
} from './index.ts';

const BAKU = 'Asia/Baku';
/** Found at 00:30 on 7 December in Baku (20:30 UTC the day before). */
const FOUND = '2026-12-06T20:30:00.000Z';
const hours = (h: number) => new Date(Date.parse(FOUND) + h * 3_600_000);

describe('deaths (DTH-1, INJ-8)', () => {
  it('DTH-1, INJ-8: each step has its deadline counted from the time found', () => {
    expect(deathStepDueAt('emergency_response', FOUND, BAKU)).toBe('2026-12-06T20:45:00.000Z');
    expect(deathStepDueAt('doctor_certification', FOUND, BAKU)).toBe('2026-12-06T22:30:00.000Z');
    expect(deathStepDueAt('next_of_kin', FOUND, BAKU)).toBe('2026-12-07T00:30:00.000Z');
    expect(deathStepDueAt('independent_authority', FOUND, BAKU)).toBe('2026-12-07T20:30:00.000Z');
    expect(deathStepDueAt('prosecutor', FOUND, BAKU)).toBe('2026-12-07T20:30:00.000Z');
  });

  it('DTH-1: the ministry is due by noon of the next day in the institution’s zone, not in UTC', () => {
    // Found on 7 December in Baku (still the 6th in UTC): due at noon on the 8th, Baku time.
    expect(deathStepDueAt('ministry', FOUND, BAKU)).toBe('2026-12-08T08:00:00.000Z');
    // The same instant in New York is the 6th there: due at noon on the 7th, New York time.
    expect(deathStepDueAt('ministry', FOUND, 'America/New_York')).toBe('2026-12-07T17:00:00.000Z');
  });

  it('INJ-8: a death opens six steps, a serious injury five, a disappearance four', () => {
    expect(deathStepsOf('death')).toHaveLength(6);
    expect(deathStepsOf('serious_injury')).not.toContain('doctor_certification');
    expect(deathStepsOf('disappearance')).toEqual([
      'next_of_kin',
      'independent_authority',
      'prosecutor',
      'ministry',
    ]);
  });

  it('DTH-1: a step is due, overdue, done or done late against an injected clock', () => {
    const done = [
      { step: 'emergency_response' as const, at: '2026-12-06T20:35:00.000Z' },
      { step: 'next_of_kin' as const, at: '2026-12-07T02:00:00.000Z' },
    ];
    const lines = deathChecklistState('death', FOUND, done, hours(5), BAKU);
    const state = Object.fromEntries(lines.map((l) => [l.step, l.state]));
    expect(state).toEqual({
      emergency_response: 'done',
      doctor_certification: 'overdue',
      next_of_kin: 'done_late',
      independent_authority: 'due',
      prosecutor: 'due',
      ministry: 'due',
    });
    // A day and a half later the independent authority and the prosecutor are overdue too.
    const later = deathChecklistState('death', FOUND, done, hours(25), BAKU);
    expect(later.filter((l) => l.state === 'overdue').map((l) => l.step)).toEqual([
      'doctor_certification',
      'independent_authority',
      'prosecutor',
    ]);
  });

  it('DTH-1, INJ-8: closure needs the independent investigation’s reference, every step, and for a death the review', () => {
    const all = deathChecklistState(
      'death',
      FOUND,
      deathStepsOf('death').map((step) => ({ step, at: FOUND })),
      hours(48),
      BAKU,
    );
    const base = {
      kind: 'death' as const,
      closedAt: null,
      checklist: all,
      reviewConcluded: true,
      bodyAccountedFor: true,
    };
    expect(deathClosureProblems({ ...base, investigationReference: null }).map((p) => p.code)).toEqual([
      'investigation_reference_missing',
    ]);
    expect(deathClosureProblems({ ...base, investigationReference: 'PROS-2026-91' })).toEqual([]);
    expect(
      deathClosureProblems({ ...base, investigationReference: 'X', reviewConcluded: false }).map(
        (p) => p.code,
      ),
    ).toEqual(['review_not_concluded']);
    const open = deathChecklistState('disappearance', FOUND, [], hours(1), BAKU);
    expect(
      deathClosureProblems({
        ...base,
        kind: 'disappearance',
        checklist: open,
        investigationReference: 'X',
      }).map((p) => p.code),
    ).toEqual(['checklist_incomplete']);
  });

  it('INJ-8: a death closes only once the body’s return (or a documented reason) is recorded', () => {
    const all = deathChecklistState(
      'death',
      FOUND,
      deathStepsOf('death').map((step) => ({ step, at: FOUND })),
      hours(48),
      BAKU,
    );
    const facts = {
      kind: 'death' as const,
      closedAt: null,
      checklist: all,
      reviewConcluded: true,
      investigationReference: 'PROS-2026-91',
    };
    expect(deathClosureProblems({ ...facts, bodyAccountedFor: false }).map((p) => p.code)).toEqual([
      'body_return_missing',
    ]);
    expect(deathClosureProblems({ ...facts, bodyAccountedFor: true })).toEqual([]);
    // A disappearance has no body to return.
    const disappearance = deathChecklistState(
      'disappearance',
      FOUND,
      deathStepsOf('disappearance').map((step) => ({ step, at: FOUND })),
      hours(48),
      BAKU,
    );
    expect(
      deathClosureProblems({
        ...facts,
        kind: 'disappearance',
        checklist: disappearance,
        bodyAccountedFor: false,
      }),
    ).toEqual([]);
  });

  describe('INJ-8: the body is returned when the investigation allows', () => {
    const facts: DeathBodyReleaseFacts = { kind: 'death', foundAt: FOUND, closedAt: null, recorded: 0 };
    const returned = deathBodyReleaseSchema.parse({
      releasedAt: hours(30).toISOString(),
      releaseReference: 'PROS-2026-91/3',
      outcome: 'returned',
      returnedAt: hours(40).toISOString(),
      recipientName: 'Leyla Mammadova',
      recipientRelation: 'sister',
    });
    const codes = (input: typeof returned, now = hours(48), f = facts) =>
      deathBodyReleaseProblems(f, input, now, BAKU).map((p) => `${p.path}:${p.code}`);

    it('INJ-8: a return after the release, in the past, to a named relative is accepted', () => {
      expect(codes(returned)).toEqual([]);
    });

    it('INJ-8: refuses a return before the death was found, before the release, or in the future', () => {
      expect(codes({ ...returned, returnedAt: hours(-1).toISOString() })).toEqual([
        'returnedAt:before_found',
      ]);
      expect(codes({ ...returned, returnedAt: hours(20).toISOString() })).toEqual([
        'returnedAt:before_release',
      ]);
      expect(codes({ ...returned, releasedAt: hours(-2).toISOString() })).toEqual([
        'releasedAt:before_found',
      ]);
      // 5 minutes of drift allowed, not more.
      expect(codes(returned, hours(39.95))).toEqual([]);
      expect(codes(returned, hours(39.5))).toEqual(['returnedAt:in_the_future']);
    });

    it('INJ-8: refuses a return recorded twice (a correction gives its reason), and on an injury or disappearance', () => {
      expect(codes(returned, hours(48), { ...facts, recorded: 1 })).toEqual([':body_return_recorded']);
      expect(
        codes({ ...returned, correctionReason: 'The sister’s name was misspelt' }, hours(48), {
          ...facts,
          recorded: 1,
        }),
      ).toEqual([]);
      expect(codes(returned, hours(48), { ...facts, kind: 'serious_injury' })).toEqual([':body_death_only']);
      expect(codes(returned, hours(48), { ...facts, kind: 'disappearance' })).toEqual([':body_death_only']);
      expect(codes(returned, hours(48), { ...facts, closedAt: hours(47).toISOString() })).toEqual([
        ':already_closed',
      ]);
    });

    it('INJ-8: refuses a return without its recipient, their relation or its time', () => {
      expect(codes({ ...returned, recipientName: null, recipientRelation: '', returnedAt: null })).toEqual([
        'recipientName:required',
        'recipientRelation:required',
        'returnedAt:required',
      ]);
    });

    it('INJ-8: a burial by the state needs its day, judged against the local day in Asia/Baku', () => {
      const burial = {
        ...returned,
        outcome: 'unclaimed_state_burial' as const,
        returnedAt: null,
        recipientName: null,
        recipientRelation: null,
        buriedOn: null,
      };
      expect(codes(burial)).toEqual(['buriedOn:required']);
      // 21:30 UTC on 8 December is already the 9th in Baku: a burial on the 9th is not in the future.
      const lateEvening = new Date('2026-12-08T21:30:00.000Z');
      expect(codes({ ...burial, buriedOn: '2026-12-09' }, lateEvening)).toEqual([]);
      expect(codes({ ...burial, buriedOn: '2026-12-10' }, lateEvening)).toEqual(['buriedOn:in_the_future']);
      // Released at 06:30 on 8 December in Baku: a burial on the 7th comes before the release.
      expect(codes({ ...burial, buriedOn: '2026-12-07' }, lateEvening)).toEqual(['buriedOn:before_release']);
    });
  });

  it('INJ-8, MHS-8: staff involved in the event cannot review it', () => {
    expect(deathReviewerProblems('s1', ['s1', 's2'])).toEqual([
      { path: 'staffId', code: 'reviewer_involved' },
    ]);
    expect(deathReviewerProblems('s3', ['s1', 's2'])).toEqual([]);
  });

  it('MHS-8: a psychological autopsy is for a suicide (or a manner not yet known)', () => {
    expect(deathReviewKindProblems('psychological_autopsy', 'death', 'natural')).toHaveLength(1);
    expect(deathReviewKindProblems('psychological_autopsy', 'death', 'suicide')).toEqual([]);
    expect(deathReviewKindProblems('clinical_review', 'serious_injury', null)).toEqual([]);
  });

  it('X-2: an amendment must change something and give its reason', () => {
    expect(deathAmendmentSchema.safeParse({ reason: 'Typo in the place' }).success).toBe(false);
    expect(deathAmendmentSchema.safeParse({ reason: 'Typo in the place', place: 'Cell 12' }).success).toBe(
      true,
    );
  });

  it('MED-1, DAT-7: no custodial role reads or records the clinical part of a death', () => {
    for (const role of ['governor', 'deputy_governor', 'custodial_officer', 'inspector'] as const) {
      expect(rolePermissions[role]).not.toContain('deaths.clinical.read');
      expect(rolePermissions[role]).not.toContain('deaths.review.manage');
    }
    expect(rolePermissions.doctor).toContain('deaths.clinical.record');
  });
});
