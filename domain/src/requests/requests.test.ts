import { describe, expect, it } from 'vitest';
import { rolePermissions } from '../identity/index.ts';
import { fixedClock } from '../platform/index.ts';
import {
  answerDueAt,
  answerOverdue,
  boxRequestProblems,
  complaintActionProblems,
  complaintReadableWith,
  complaintRegisterProblems,
  triageDueAt,
  triagedInTime,
  triageProblems,
} from './index.ts';

const BAKU = 'Asia/Baku';
/** An injected clock: 2026-12-06 13:00 in Baku (UTC+4). */
const clock = fixedClock(new Date('2026-12-06T09:00:00.000Z'));

describe('MED-5: triage deadlines in the institution’s zone', () => {
  it('MED-5: a routine request is due 24 h after receipt', () => {
    expect(triageDueAt('2026-12-06T09:00:00.000Z', 'routine', BAKU)).toBe('2026-12-07T09:00:00.000Z');
  });

  it('MED-5: an urgent request is due the same day, at midnight in Baku (20:00 UTC)', () => {
    expect(triageDueAt('2026-12-06T09:00:00.000Z', 'urgent', BAKU)).toBe('2026-12-06T20:00:00.000Z');
  });

  it('MED-5: an urgent request received at 22:30 in Baku still has 4 h (not 90 minutes)', () => {
    // 22:30 Baku = 18:30 UTC; midnight is 20:00 UTC, 4 h later is 22:30 UTC.
    expect(triageDueAt('2026-12-06T18:30:00.000Z', 'urgent', BAKU)).toBe('2026-12-06T22:30:00.000Z');
  });

  it('MED-5: the day is Baku’s, not UTC’s: 01:00 in Baku on the 7th is due at midnight ending the 7th', () => {
    // 2026-12-06T21:00Z is 01:00 on the 7th in Baku.
    expect(triageDueAt('2026-12-06T21:00:00.000Z', 'urgent', BAKU)).toBe('2026-12-07T20:00:00.000Z');
  });

  it('MED-5: time to triage is tracked: in time, late, and late while still waiting', () => {
    const now = clock.now();
    const received = '2026-12-05T08:00:00.000Z';
    expect(
      triagedInTime(
        { receivedAt: received, urgency: 'routine', triagedAt: '2026-12-06T07:59:00.000Z' },
        now,
        BAKU,
      ),
    ).toBe(true);
    expect(
      triagedInTime(
        { receivedAt: received, urgency: 'routine', triagedAt: '2026-12-06T08:01:00.000Z' },
        now,
        BAKU,
      ),
    ).toBe(false);
    expect(triagedInTime({ receivedAt: received, urgency: 'routine', triagedAt: null }, now, BAKU)).toBe(
      false,
    );
    expect(
      triagedInTime({ receivedAt: now.toISOString(), urgency: 'routine', triagedAt: null }, now, BAKU),
    ).toBeNull();
  });

  it('MED-5: a box opened in the future, or a paper dated after the box was opened, is refused', () => {
    const problems = boxRequestProblems(
      {
        text: 'Toothache',
        urgency: 'routine',
        boxOpenedAt: '2026-12-06T10:00:00.000Z',
        paperDate: '2026-12-07',
        allegation: false,
      },
      clock.now(),
      BAKU,
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['in_the_future', 'paper_after_box']);
  });

  it('MED-5: triage needs its outcome’s details and happens once', () => {
    const request = { receivedAt: '2026-12-06T08:00:00.000Z', triagedAt: null };
    expect(triageProblems({ outcome: 'no_action' }, request).map((p) => p.code)).toEqual(['reason_required']);
    expect(triageProblems({ outcome: 'appointment_booked' }, request).map((p) => p.code)).toEqual([
      'appointment_required',
    ]);
    expect(
      triageProblems({ outcome: 'seen' }, { ...request, triagedAt: '2026-12-06T09:00:00.000Z' })[0]?.code,
    ).toBe('already_triaged');
    expect(triageProblems({ outcome: 'advice_given' }, request)).toEqual([]);
  });
});

describe('RES-7: complaint deadlines and the confidential route', () => {
  it('RES-7: the governor answers within 10 calendar days, due at midnight in Baku', () => {
    // Received 23:30 on 6 December in Baku (19:30 UTC): the day of receipt is the 6th; due at the end of the 16th.
    expect(answerDueAt('2026-12-06T19:30:00.000Z', 'governor', BAKU)).toBe('2026-12-16T20:00:00.000Z');
    // Received 00:30 on 7 December in Baku (20:30 UTC on the 6th): the day is the 7th.
    expect(answerDueAt('2026-12-06T20:30:00.000Z', 'governor', BAKU)).toBe('2026-12-17T20:00:00.000Z');
    expect(answerDueAt('2026-12-06T09:00:00.000Z', 'ombudsman', BAKU)).toBe('2027-01-05T20:00:00.000Z');
  });

  it('RES-7: an answer is overdue after the deadline while received or acknowledged only', () => {
    const due = '2026-12-06T08:00:00.000Z';
    expect(answerOverdue({ status: 'received', answerDueAt: due }, clock.now())).toBe(true);
    expect(answerOverdue({ status: 'acknowledged', answerDueAt: due }, clock.now())).toBe(true);
    expect(answerOverdue({ status: 'answered', answerDueAt: due }, clock.now())).toBe(false);
    expect(answerOverdue({ status: 'received', answerDueAt: '2026-12-07T08:00:00.000Z' }, clock.now())).toBe(
      false,
    );
  });

  it('RES-7: no custodial role reads a confidential complaint or one to an independent body', () => {
    for (const role of [
      'custodial_officer',
      'personal_officer',
      'registry_officer',
      'social_worker',
    ] as const) {
      const perms = new Set<string>(rolePermissions[role]);
      const has = (p: string) => perms.has(p);
      expect(complaintReadableWith(has, { addressee: 'ombudsman', confidential: false })).toBe(false);
      expect(complaintReadableWith(has, { addressee: 'governor', confidential: true })).toBe(false);
    }
    const officer = new Set<string>(rolePermissions.custodial_officer);
    expect(complaintReadableWith((p) => officer.has(p), { addressee: 'governor', confidential: false })).toBe(
      false,
    );
    const inspector = new Set<string>(rolePermissions.inspector);
    expect(
      complaintReadableWith((p) => inspector.has(p), { addressee: 'ombudsman', confidential: false }),
    ).toBe(true);
    const governor = new Set<string>(rolePermissions.governor);
    expect(complaintReadableWith((p) => governor.has(p), { addressee: 'cpt', confidential: false })).toBe(
      false,
    );
    expect(complaintReadableWith((p) => governor.has(p), { addressee: 'governor', confidential: true })).toBe(
      true,
    );
  });

  it('MED-5: no custodial role reads a request to health care', () => {
    for (const role of [
      'custodial_officer',
      'personal_officer',
      'registry_officer',
      'social_worker',
      'governor',
    ] as const)
      expect(rolePermissions[role]).not.toContain('requests.health.read');
  });

  it('INJ-4: an allegation needs its dispatch channel; its escalation cannot be withdrawn', () => {
    const register = {
      addressee: 'governor' as const,
      category: 'ill_treatment' as const,
      text: 'Beaten by staff',
      receivedAt: '2026-12-06T08:00:00.000Z',
      confidential: false,
      allegation: true,
    };
    expect(complaintRegisterProblems(register, clock.now()).map((p) => p.code)).toEqual([
      'dispatch_channel_required',
    ]);
    const complaint = {
      status: 'received' as const,
      addressee: 'prosecutor' as const,
      allegation: true,
      receivedAt: register.receivedAt,
    };
    const withdraw = { action: 'close' as const, text: 'The person withdraws it', withdrawn: true };
    expect(complaintActionProblems(withdraw, complaint, clock.now(), BAKU).map((p) => p.code)).toEqual([
      'escalation_irreversible',
    ]);
    expect(complaintActionProblems(withdraw, { ...complaint, allegation: false }, clock.now(), BAKU)).toEqual(
      [],
    );
  });

  it('RES-7: an answer needs its text and a date between receipt and today; a closed complaint takes nothing', () => {
    const c = {
      status: 'received' as const,
      addressee: 'governor' as const,
      allegation: false,
      receivedAt: '2026-12-01T08:00:00.000Z',
    };
    const codes = (input: Parameters<typeof complaintActionProblems>[0], over = {}) =>
      complaintActionProblems(input, { ...c, ...over }, clock.now(), BAKU).map((p) => p.code);
    expect(codes({ action: 'answer', withdrawn: false })).toEqual([
      'answer_required',
      'answer_date_required',
    ]);
    expect(codes({ action: 'answer', text: 'Granted', answerDate: '2026-12-07', withdrawn: false })).toEqual([
      'in_the_future',
    ]);
    expect(codes({ action: 'answer', text: 'Granted', answerDate: '2026-11-30', withdrawn: false })).toEqual([
      'before_receipt',
    ]);
    expect(codes({ action: 'answer', text: 'Granted', answerDate: '2026-12-06', withdrawn: false })).toEqual(
      [],
    );
    expect(codes({ action: 'forward', forwardTo: 'governor', withdrawn: false })).toEqual(['same_addressee']);
    expect(codes({ action: 'acknowledge', withdrawn: false }, { status: 'closed' })).toEqual([
      'not_allowed_now',
    ]);
  });
});
