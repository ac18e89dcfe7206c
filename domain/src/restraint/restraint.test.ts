import { describe, expect, it } from 'vitest';
import {
  approvedEquipment,
  approvedHolds,
  defaultRestraintLimits,
  type EpisodeEventFact,
  episodeStanding,
  episodeState,
  episodeTypes,
  harmKinds,
  medianOf,
  type RestraintMonthlyCounts,
  type RestraintStart,
  restraintAddTypesProblems,
  restraintAddTypesSchema,
  restraintEventTimeProblem,
  restraintStartFlags,
  restraintStartProblems,
  restraintStartSchema,
  supervisionPositionProblem,
  supervisionPositions,
  suppressMonthlyReport,
} from '../index.ts';

const START = '2026-11-28T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

const seclusion: RestraintStart = restraintStartSchema.parse({
  types: ['seclusion'],
  cellId: 'cell-1',
  inViewOfOthers: false,
  startedAt: START,
  authorisation: { kind: 'emergency_start' },
  harm: 'harm_to_others',
  harmDescription: 'Threatening staff with a broken chair leg',
  lessRestrictiveTried: ['verbal_de_escalation', 'time_out_offered'],
  lessRestrictiveDescription: 'Talked down for 20 minutes; offered a quiet room',
  personPreferences: 'Asks not to be held down',
  appliedBy: ['staff-1'],
  supervisorId: 'staff-2',
  supervisionPosition: 'doorway',
});
const context = {
  now: at(1),
  personInCustody: true,
  obstetricBlock: false,
  openTypes: [],
  recorderIsDoctor: false,
};
const codes = (list: { code: string }[]) => list.map((p) => p.code);
const state = (events: EpisodeEventFact[], minutes: number, extra: { priorEpisodes30Days?: number } = {}) =>
  episodeState(
    {
      startedAt: START,
      authorisation: 'emergency_start',
      priorEpisodes30Days: extra.priorEpisodes30Days ?? 0,
    },
    events,
    defaultRestraintLimits,
    at(minutes),
  );

describe('restraint and seclusion', () => {
  it('RST-11: the examination after the measure clears its countdown, and is made only after the end', () => {
    const end: EpisodeEventFact = { id: 'end', kind: 'end', at: iso(20) };
    expect(state([end], 30).medicalExamination).toEqual({ dueAt: iso(80), state: 'ok' });
    const examined: EpisodeEventFact = { id: 'x', kind: 'medical_examination', at: iso(40) };
    expect(state([end, examined], 200).medicalExamination).toBeNull();
    // Corrected, it no longer clears the countdown.
    const correction: EpisodeEventFact = { id: 'c', kind: 'correction', at: iso(41), correctsEventId: 'x' };
    expect(state([end, examined, correction], 200).medicalExamination?.state).toBe('red');
    const open = { startedAt: START, endedAt: null };
    expect(restraintEventTimeProblem(iso(10), open, at(11), 'medical_examination')).toBe('before_end');
    const ended = { startedAt: START, endedAt: iso(20) };
    expect(restraintEventTimeProblem(iso(19), ended, at(30), 'medical_examination')).toBe('before_end');
    expect(restraintEventTimeProblem(iso(25), ended, at(30), 'medical_examination')).toBeNull();
  });

  it('RST-3: there is no reason code for punishment, convenience or staff shortage', () => {
    expect(harmKinds.join(' ')).not.toMatch(/punish|discipline|convenien|shortage/);
    expect(restraintStartSchema.safeParse({ ...seclusion, harm: 'punishment' }).success).toBe(false);
    expect(restraintStartSchema.safeParse({ ...seclusion, lessRestrictiveTried: [] }).success).toBe(false);
    expect(restraintStartSchema.safeParse({ ...seclusion, personPreferences: '' }).success).toBe(false);
  });

  it('RST-2: no standing, as-needed or blanket order exists', () => {
    for (const kind of ['standing_order', 'prn', 'as_needed', 'blanket']) {
      expect(restraintStartSchema.safeParse({ ...seclusion, authorisation: { kind } }).success).toBe(false);
    }
    expect(
      codes(
        restraintStartProblems(
          { ...seclusion, authorisation: { kind: 'doctor_order', assessment: 'Seen and assessed at 09:58' } },
          context,
        ),
      ),
    ).toEqual(['order_needs_doctor']);
  });

  it('RST-8, RST-12: only padded cloth equipment can be chosen; chains and irons do not exist', () => {
    expect(approvedEquipment.join(' ')).not.toMatch(/chain|iron|cuff|neck/);
    expect(approvedHolds.join(' ')).not.toMatch(/neck|choke|prone|pain/);
    // A start that is valid in every other respect: only the equipment or the hold differs, so a
    // refusal here is the refusal of that equipment or hold and nothing else.
    const mechanical = { ...seclusion, types: ['mechanical'], supervisionPosition: 'in_room' };
    const physical = { ...seclusion, types: ['physical'] };
    const valid = restraintStartSchema.parse({ ...mechanical, equipment: ['padded_limb_straps'] });
    expect(restraintStartProblems(valid, context)).toEqual([]);
    expect(
      restraintStartProblems(restraintStartSchema.parse({ ...physical, holds: ['seated_hold'] }), context),
    ).toEqual([]);
    for (const equipment of ['chains', 'leg_irons', 'handcuffs', 'metal_cuffs', 'neck_restraint']) {
      const result = restraintStartSchema.safeParse({ ...mechanical, equipment: [equipment] });
      expect(result.success, equipment).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['equipment.0']);
    }
    for (const hold of ['neck_hold', 'chokehold', 'prone_hold_with_pressure', 'pain_compliance']) {
      const result = restraintStartSchema.safeParse({ ...physical, holds: [hold] });
      expect(result.success, hold).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['holds.0']);
    }
    expect(
      codes(
        restraintStartProblems(
          { ...seclusion, types: ['mechanical'], supervisionPosition: 'in_room' },
          context,
        ),
      ),
    ).toEqual(['equipment_required']);
  });

  it('RST-13: a woman in labour, giving birth or just after cannot be restrained', () => {
    expect(codes(restraintStartProblems(seclusion, { ...context, obstetricBlock: true }))).toEqual([
      'obstetric_block',
    ]);
  });

  it('RST-1: a combination needs its reason; a second open episode of the same type is refused', () => {
    expect(
      codes(
        restraintStartProblems(
          { ...seclusion, types: ['seclusion', 'chemical'], medication: 'Haloperidol 5 mg IM' },
          context,
        ),
      ),
    ).toEqual(['combination_reason_required']);
    expect(codes(restraintStartProblems(seclusion, { ...context, openTypes: ['seclusion'] }))).toEqual([
      'already_open',
    ]);
  });

  it('RST-1: a second episode of another type is refused while one is open; the type is added to the open one with its reason', () => {
    const physical = { ...seclusion, types: ['physical' as const], holds: ['seated_hold' as const] };
    expect(codes(restraintStartProblems(physical, context))).toEqual([]);
    expect(codes(restraintStartProblems(physical, { ...context, openTypes: ['seclusion'] }))).toEqual([
      'add_to_open_episode',
    ]);
    const add = (body: Record<string, unknown>) =>
      restraintAddTypesSchema.parse({
        at: iso(5),
        combinationReason: 'Held briefly to stop him striking his head on the door',
        ...body,
      });
    const seclusionOnly = { currentTypes: ['seclusion' as const], supervisionPosition: 'doorway' as const };
    expect(
      restraintAddTypesProblems(add({ types: ['physical'], holds: ['seated_hold'] }), seclusionOnly),
    ).toEqual([]);
    expect(
      restraintAddTypesSchema.safeParse({ at: iso(5), types: ['physical'], holds: ['seated_hold'] }).success,
    ).toBe(false);
    expect(codes(restraintAddTypesProblems(add({ types: ['seclusion'] }), seclusionOnly))).toEqual([
      'already_open',
    ]);
    expect(codes(restraintAddTypesProblems(add({ types: ['physical'] }), seclusionOnly))).toEqual([
      'hold_required',
    ]);
    expect(
      codes(
        restraintAddTypesProblems(
          add({ types: ['mechanical'], equipment: ['padded_limb_straps'] }),
          seclusionOnly,
        ),
      ),
    ).toEqual(['supervisor_in_room_required']);
    expect(codes(restraintAddTypesProblems(add({ types: ['chemical'] }), seclusionOnly))).toEqual([
      'medication_required',
    ]);
    // The episode's types: those of the start and those added, unless the addition was corrected.
    const added = { id: 'a', kind: 'types_added' as const, at: iso(5), types: ['physical' as const] };
    expect(episodeTypes(['seclusion'], [added])).toEqual(['physical', 'seclusion']);
    const correction = { id: 'c', kind: 'correction' as const, at: iso(6), correctsEventId: 'a' };
    expect(episodeTypes(['seclusion'], [added, correction])).toEqual(['seclusion']);
    expect(
      restraintEventTimeProblem(iso(30), { startedAt: START, endedAt: iso(20) }, at(31), 'types_added'),
    ).toBe('after_end');
  });

  it('a start may be entered up to 2 hours later, with a reason after 10 minutes; never for someone not in custody', () => {
    expect(codes(restraintStartProblems(seclusion, { ...context, now: at(30) }))).toEqual([
      'late_entry_reason_required',
    ]);
    expect(
      restraintStartProblems(
        { ...seclusion, lateEntryReason: 'Both officers were holding the door' },
        { ...context, now: at(30) },
      ),
    ).toEqual([]);
    expect(
      codes(
        restraintStartProblems(
          { ...seclusion, lateEntryReason: 'Busy night on the ward' },
          { ...context, now: at(121) },
        ),
      ),
    ).toEqual(['too_late_to_enter']);
    expect(codes(restraintStartProblems(seclusion, { ...context, personInCustody: false }))).toEqual([
      'not_in_custody',
    ]);
  });

  it('RST-16, RST-8: in view of others, an unsuitable room and untrained staff are flagged', () => {
    expect(
      restraintStartFlags(
        { ...seclusion, inViewOfOthers: true },
        { cellType: 'ordinary', untrainedStaff: ['staff-1'] },
      ),
    ).toEqual(['in_view_of_others', 'unsuitable_room', 'untrained_staff', 'emergency_start']);
    expect(restraintStartFlags(seclusion, { cellType: 'seclusion', untrainedStaff: [] })).toEqual([
      'emergency_start',
    ]);
  });

  it('RST-6: an observation is due 15 minutes after the last one, amber within 2 minutes, red after (injected clock)', () => {
    expect(state([], 12).observation).toEqual({ dueAt: iso(15), state: 'ok' });
    expect(state([], 13.5).observation?.state).toBe('amber');
    expect(state([], 15.1).observation?.state).toBe('red');
    const noted: EpisodeEventFact[] = [{ id: 'o1', kind: 'observation', at: iso(14) }];
    expect(state(noted, 20).observation).toEqual({ dueAt: iso(29), state: 'ok' });
    // A correction removes the note it points at: the observation is overdue again.
    expect(
      state([...noted, { id: 'c1', kind: 'correction', at: iso(21), correctsEventId: 'o1' }], 21).observation
        ?.state,
    ).toBe('red');
  });

  it('RST-2: after an emergency start the doctor examines within 1 hour, overdue after', () => {
    expect(state([], 57).examination?.state).toBe('ok');
    expect(state([], 59).examination?.state).toBe('amber');
    expect(state([], 61).examination?.state).toBe('red');
    expect(state([{ id: 'e', kind: 'examination', at: iso(40) }], 61).examination).toBeNull();
    expect(state([], 30).approved).toBe(false);
    expect(state([{ id: 'a', kind: 'approval', at: iso(5) }], 30).approved).toBe(true);
  });

  it('RST-7: review every hour, soft alert at 30 minutes, second doctor at 4 hours or the third episode in 30 days, escalation at 24 hours', () => {
    expect(state([], 61).review?.state).toBe('red');
    expect(state([{ id: 'r', kind: 'review', at: iso(50) }], 61).review).toEqual({
      dueAt: iso(110),
      state: 'ok',
    });
    expect(state([], 29).softAlert).toBe(false);
    expect(state([], 30).softAlert).toBe(true);
    expect(state([], 239).secondDoctorPrompt).toBe(false);
    expect(state([], 240).secondDoctorPrompt).toBe(true);
    expect(state([], 5, { priorEpisodes30Days: 2 }).secondDoctorPrompt).toBe(true);
    expect(state([{ id: 's', kind: 'second_doctor', at: iso(241) }], 245).secondDoctorPrompt).toBe(false);
    expect(state([], 24 * 60 - 1).escalationRequired).toBe(false);
    expect(state([], 24 * 60).escalationRequired).toBe(true);
    expect(state([{ id: 'x', kind: 'escalation', at: iso(24 * 60) }], 24 * 60 + 5)).toMatchObject({
      escalationRequired: false,
      escalated: true,
    });
  });

  it('RST-9, RST-11: after the end, debriefs within 24 hours and the medical examination are due', () => {
    const ended: EpisodeEventFact[] = [{ id: 'end', kind: 'end', at: iso(40) }];
    const s = state(ended, 45);
    expect(s).toMatchObject({ open: false, durationMinutes: 40, observation: null, review: null });
    expect(s.debriefPerson).toEqual({ dueAt: iso(40 + 24 * 60), state: 'ok' });
    expect(s.medicalExamination).toEqual({ dueAt: iso(100), state: 'ok' });
    expect(state(ended, 40 + 24 * 60 + 1).debriefStaff?.state).toBe('red');
    expect(
      state([...ended, { id: 'd', kind: 'debrief_person', at: iso(200) }], 300).debriefPerson,
    ).toBeNull();
  });

  it('RST-4/RST-5: mechanical restraint needs the supervisor in the room; seclusion allows the doorway; video alone is no option', () => {
    expect(supervisionPositions).toEqual(['in_room', 'doorway', 'adjacent_room']);
    expect(restraintStartSchema.safeParse({ ...seclusion, supervisionPosition: 'video' }).success).toBe(
      false,
    );
    expect(restraintStartSchema.safeParse({ ...seclusion, supervisionPosition: undefined }).success).toBe(
      false,
    );
    expect(codes(restraintStartProblems(seclusion, context))).toEqual([]);
    const mechanical = { ...seclusion, types: ['mechanical' as const], equipment: ['padded_limb_straps'] };
    expect(codes(restraintStartProblems(restraintStartSchema.parse(mechanical), context))).toEqual([
      'supervisor_in_room_required',
    ]);
    expect(supervisionPositionProblem(['mechanical'], 'in_room')).toBeNull();
    expect(supervisionPositionProblem(['seclusion', 'mechanical'], 'adjacent_room')).toBe(
      'supervisor_in_room_required',
    );
    expect(supervisionPositionProblem(['seclusion'], 'adjacent_room')).toBeNull();
  });

  it('RST-4/RST-5: a recorded lapse of supervision is a breach', () => {
    expect(state([{ id: 'l', kind: 'supervision_lapse', at: iso(10) }], 20).supervisionBreach).toBe(true);
    expect(state([{ id: 'h', kind: 'handover', at: iso(10) }], 20).supervisionBreach).toBe(false);
  });

  it('an observation before the start or after the end is refused', () => {
    const episode = { startedAt: START, endedAt: iso(30) };
    expect(restraintEventTimeProblem(iso(-1), episode, at(40), 'observation')).toBe('before_start');
    expect(restraintEventTimeProblem(iso(35), episode, at(40), 'observation')).toBe('after_end');
    expect(restraintEventTimeProblem(iso(35), episode, at(40), 'debrief_person')).toBeNull();
    expect(
      restraintEventTimeProblem(iso(50), { startedAt: START, endedAt: null }, at(40), 'observation'),
    ).toBe('in_the_future');
    expect(restraintEventTimeProblem(iso(35), episode, at(40), 'end')).toBe('already_ended');
  });

  it('X-2, RST-2: what the events settle — an end entered in error does not end it; an approval approves it', () => {
    const events: EpisodeEventFact[] = [
      { id: 'a', kind: 'approval', at: at(5).toISOString() },
      { id: 'e', kind: 'end', at: at(30).toISOString() },
    ];
    expect(episodeStanding('emergency_start', [])).toEqual({ endedAt: null, approved: false });
    expect(episodeStanding('doctor_order', [])).toEqual({ endedAt: null, approved: true });
    expect(episodeStanding('emergency_start', events)).toEqual({
      endedAt: at(30).toISOString(),
      approved: true,
    });
    const corrected = [
      ...events,
      { id: 'c', kind: 'correction' as const, at: at(31).toISOString(), correctsEventId: 'e' },
    ];
    expect(episodeStanding('emergency_start', corrected)).toEqual({ endedAt: null, approved: true });
  });

  it('RST-15: the median duration', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([40, 10, 20])).toBe(20);
    expect(medianOf([10, 20, 30, 40])).toBe(25);
  });

  it('DAT-6: the monthly report outside the health service leaves out counts of 1 to 4 and the counts that would give them away', () => {
    const counts = (
      episodes: number,
      extra: Partial<RestraintMonthlyCounts> = {},
    ): RestraintMonthlyCounts => ({
      episodes,
      byType: { physical: 0, mechanical: 0, chemical: 0, seclusion: episodes },
      people: episodes,
      medianMinutes: 20,
      maxMinutes: 45,
      beyondSoftAlert: 0,
      beyondSecondDoctor: 0,
      beyondEscalation: 0,
      repeatPeople: 0,
      stillOpen: 0,
      ...extra,
    });
    const report = {
      total: counts(35),
      units: [
        { unitId: 'a', unitCode: 'A', ...counts(3) },
        { unitId: 'b', unitCode: 'B', ...counts(20) },
        { unitId: 'c', unitCode: 'C', ...counts(12) },
      ],
    };
    const shown = suppressMonthlyReport(report);
    const [a, b, c] = shown.units;
    // Unit A's 3 episodes (and 3 people, 3 in seclusion) are left out, with their median and maximum.
    expect(a).toMatchObject({
      unitCode: 'A',
      episodes: null,
      people: null,
      medianMinutes: null,
      maxMinutes: null,
    });
    expect(a?.byType.seclusion).toBeNull();
    // 35 − 20 − A would give A away: the smallest other unit is left out too; the total stays.
    expect(c?.episodes).toBeNull();
    expect(b?.episodes).toBe(20);
    expect(shown.total.episodes).toBe(35);
    // Zeros are shown.
    expect(b?.stillOpen).toBe(0);
    expect(shown.suppression.threshold).toBe(5);
    expect(shown.suppression.cells).toEqual(expect.arrayContaining(['unit:a.episodes', 'unit:c.episodes']));
    // Every count left in the report is 0 or at least 5.
    const numbers = [shown.total, ...shown.units].flatMap((u) => [
      u.episodes,
      u.people,
      u.beyondSoftAlert,
      u.beyondSecondDoctor,
      u.beyondEscalation,
      u.repeatPeople,
      u.stillOpen,
      ...Object.values(u.byType),
    ]);
    for (const n of numbers) if (n !== null) expect(n === 0 || n >= 5).toBe(true);

    // 2 of 20 seclusions were also physical: the 2 go, and the 20 in seclusion with them (the
    // episodes, 20, would otherwise tell that all were in seclusion).
    const combined = suppressMonthlyReport({
      total: counts(20, { byType: { physical: 2, mechanical: 0, chemical: 0, seclusion: 20 } }),
      units: [],
    });
    expect(combined.total.byType.physical).toBeNull();
    expect(combined.total.byType.seclusion).toBeNull();
    expect(combined.total.episodes).toBe(20);
    // Nothing small: nothing left out.
    expect(suppressMonthlyReport({ total: counts(20), units: [] }).suppression.cells).toEqual([]);
    // A stricter threshold (counts below 10): the 8 people go.
    const strict = suppressMonthlyReport(
      { total: counts(20), units: [{ unitId: 'b', unitCode: 'B', ...counts(20, { people: 8 }) }] },
      10,
    );
    expect(strict.units[0]?.people).toBeNull();
  });
});
