import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { buildServices } from '../../services.ts';
import {
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
  testEngine,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const minutesAfter = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();

describe.skipIf(skip)('restraint and seclusion', () => {
  let t: TestApp;
  let officer: Session;
  let doctor: Session;
  let registrar: Session;
  let inspector: Session;
  let governor: Session;
  let pilot1: string;
  let seclusionRoom: string;
  let ordinaryCell: string;
  let staff: { id: string; version: number }[];

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function admitNew(surname: string, sex: 'male' | 'female' = 'male') {
    const res = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1991-02-03', sex }),
      admission: admissionBody(pilot1, minutesBefore(600)),
      confirmedNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  const start = (overrides: Record<string, unknown> = {}) => ({
    types: ['seclusion'],
    cellId: seclusionRoom,
    inViewOfOthers: false,
    startedAt: minutesBefore(2),
    authorisation: { kind: 'emergency_start' },
    harm: 'harm_to_others',
    harmDescription: 'Threatening staff with a broken chair leg',
    lessRestrictiveTried: ['verbal_de_escalation', 'time_out_offered'],
    lessRestrictiveDescription: 'Talked down for 20 minutes; offered the quiet room',
    personPreferences: 'Asks not to be held down',
    appliedBy: [staff[0]?.id],
    supervisorId: staff[1]?.id,
    supervisionPosition: 'doorway',
    ...overrides,
  });
  const observation = (at: string, overrides: Record<string, unknown> = {}) => ({
    at,
    breathing: 'normal',
    limbCirculation: 'not_applicable',
    hydrationOffered: true,
    toiletNeeds: 'not_needed',
    mentalState: 'agitated',
    stillNeeded: true,
    ...overrides,
  });

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    officer = await signIn(t.app, 'demo.officer');
    doctor = await signIn(t.app, 'demo.doctor');
    registrar = await signIn(t.app, 'demo.registry-officer');
    inspector = await signIn(t.app, 'demo.inspector');
    governor = await signIn(t.app, 'demo.governor');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const detail = (await call(registrar, 'GET', `/api/v1/institutions/${pilot1}`)).json();
    const cells = detail.units.flatMap((u: { cells: { id: string; cellType: string }[] }) => u.cells);
    seclusionRoom = cells.find((c: { cellType: string }) => c.cellType === 'safe').id;
    ordinaryCell = cells.find((c: { cellType: string }) => c.cellType === 'ordinary').id;
    staff = (await call(governor, 'GET', `/api/v1/staff?institutionId=${pilot1}&limit=5`)).json().items;
    // The first staff member holds valid restraint training; the third's expired in January.
    const admin = await signIn(t.app, 'demo.admin');
    const trained = await call(admin, 'PUT', `/api/v1/staff/${staff[0]?.id}/restraint-training`, {
      trainedUntil: '2027-06-30',
      version: staff[0]?.version,
    });
    expect(trained.statusCode, trained.body).toBe(200);
    const lapsed = await call(admin, 'PUT', `/api/v1/staff/${staff[2]?.id}/restraint-training`, {
      trainedUntil: '2026-01-31',
      version: staff[2]?.version,
    });
    expect(lapsed.statusCode, lapsed.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('RST-2: an officer starts an emergency seclusion; the doctor approves it; the board counts down', async () => {
    const person = await admitNew('Abdullayev');
    const res = await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().flags).toEqual(['emergency_start']);
    const id = res.json().id;

    let board = (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`)).json();
    let entry = board.episodes.find((e: { id: string }) => e.id === id);
    expect(entry.state).toMatchObject({
      approved: false,
      observation: { dueAt: minutesAfter(13), state: 'ok' },
    });
    expect(entry.state.examination.dueAt).toBe(minutesAfter(58));
    // The doctors on duty see the approval waiting on their worklist.
    const worklist = (await call(doctor, 'GET', '/api/v1/worklist')).json().items;
    expect(worklist).toContainEqual(
      expect.objectContaining({ module: 'restraint', kind: 'restraint_approval', subjectId: id }),
    );

    expect(
      (
        await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/approval`, {
          at: NOW,
          assessment: 'Seen; agitated, risk to others',
        })
      ).statusCode,
    ).toBe(403);
    const approved = await call(doctor, 'POST', `/api/v1/restraint-episodes/${id}/approval`, {
      at: NOW,
      assessment: 'Seen at the door; acute agitation, risk to others',
    });
    expect(approved.statusCode, approved.body).toBe(201);
    const observed = await call(
      officer,
      'POST',
      `/api/v1/restraint-episodes/${id}/observations`,
      observation(NOW),
    );
    expect(observed.statusCode, observed.body).toBe(201);
    board = (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`)).json();
    entry = board.episodes.find((e: { id: string }) => e.id === id);
    expect(entry.state).toMatchObject({ approved: true, observation: { dueAt: minutesAfter(15) } });
    // No diagnosis and no clinical text reaches the officer's view of the episode.
    const asOfficer = await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`);
    expect(asOfficer.body).not.toMatch(/acute agitation|harmDescription|medication/);
    const asDoctor = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(asDoctor.harmDescription).toBe('Threatening staff with a broken chair leg');
  });

  it('RST-6: an episode started 20 minutes earlier has its observation overdue (red)', async () => {
    const person = await admitNew('Məmmədli');
    const res = await call(
      officer,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ startedAt: minutesBefore(20), lateEntryReason: 'Both officers were needed at the door' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const board = (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`)).json();
    expect(board.episodes.find((e: { id: string }) => e.id === res.json().id).state.observation).toEqual({
      dueAt: minutesBefore(5),
      state: 'red',
    });
    const worklist = (await call(officer, 'GET', '/api/v1/worklist')).json().items;
    expect(worklist).toContainEqual(
      expect.objectContaining({
        kind: 'restraint_observation',
        subjectId: res.json().id,
        severity: 'overdue',
      }),
    );
  });

  it('RST-8: bad input records nothing: before the start, after the end, a late entry without reason, a second open episode, a non-doctor order, chains or a neck hold', async () => {
    const person = await admitNew('Qasımov');
    const late = await call(
      officer,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ startedAt: minutesBefore(30) }),
    );
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].code).toBe('late_entry_reason_required');
    const order = await call(
      officer,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ authorisation: { kind: 'doctor_order', assessment: 'I think he needs it' } }),
    );
    expect(order.json().errors[0].code).toBe('order_needs_doctor');
    // RST-8: chains are refused for what they are: the supervisor is in the room (RST-4), so the
    // equipment is the only thing wrong, and it is the only field the refusal names.
    const chains = await call(
      officer,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ types: ['mechanical'], equipment: ['chains'], supervisionPosition: 'in_room' }),
    );
    expect(chains.statusCode).toBe(400);
    expect(chains.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.equipment.0']);
    const neckHold = await call(
      officer,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ types: ['physical'], holds: ['neck_hold'] }),
    );
    expect(neckHold.statusCode).toBe(400);
    expect(neckHold.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.holds.0']);
    const standing = await call(
      doctor,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({ authorisation: { kind: 'standing_order' } }),
    );
    expect(standing.statusCode).toBe(400);

    const ok = await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start());
    expect(ok.statusCode).toBe(201);
    const id = ok.json().id;
    const second = await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start());
    expect(second.json().errors[0].code).toBe('already_open');
    const before = await call(
      officer,
      'POST',
      `/api/v1/restraint-episodes/${id}/observations`,
      observation(minutesBefore(5)),
    );
    expect(before.statusCode).toBe(400);
    expect(before.json().errors[0].code).toBe('before_start');
    const ended = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/end`, {
      at: NOW,
      reason: 'no_longer_needed',
    });
    expect(ended.statusCode, ended.body).toBe(201);
    const after = await call(
      officer,
      'POST',
      `/api/v1/restraint-episodes/${id}/observations`,
      observation(minutesAfter(2)),
    );
    expect(after.json().errors[0].code).toBe('in_the_future');
    t.clock.set(minutesAfter(3));
    try {
      const lateNote = await call(
        officer,
        'POST',
        `/api/v1/restraint-episodes/${id}/observations`,
        observation(minutesAfter(1)),
      );
      expect(lateNote.json().errors[0].code).toBe('after_end');
    } finally {
      t.clock.set(NOW);
    }
    const events = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json().events;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['end']);
  });

  it('RST-1: a second episode of another type is refused while one is open; the type is added to the open episode with the combination reason', async () => {
    const person = await admitNew('Əsgərov');
    const url = `/api/v1/persons/${person}/restraint-episodes`;
    const id = (await call(officer, 'POST', url, start())).json().id;
    const physical = { types: ['physical'], holds: ['seated_hold'] };
    const second = await call(officer, 'POST', url, start(physical));
    expect(second.statusCode).toBe(400);
    expect(second.json().errors.map((e: { code: string }) => e.code)).toEqual(['add_to_open_episode']);
    expect((await call(doctor, 'GET', url)).json().items).toHaveLength(1);

    const addUrl = `/api/v1/restraint-episodes/${id}/types`;
    const reason = 'Held briefly to stop him striking his head on the door';
    const noReason = await call(officer, 'POST', addUrl, { at: NOW, ...physical });
    expect(noReason.statusCode).toBe(400);
    const noHold = await call(officer, 'POST', addUrl, {
      at: NOW,
      types: ['physical'],
      combinationReason: reason,
    });
    expect(noHold.json().errors.map((e: { code: string }) => e.code)).toEqual(['hold_required']);
    // RST-4: mechanical restraint joins only with the supervisor in the room.
    const mechanical = await call(officer, 'POST', addUrl, {
      at: NOW,
      types: ['mechanical'],
      equipment: ['padded_limb_straps'],
      combinationReason: reason,
    });
    expect(mechanical.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'supervisor_in_room_required',
    ]);
    const added = await call(officer, 'POST', addUrl, { at: NOW, ...physical, combinationReason: reason });
    expect(added.statusCode, added.body).toBe(201);
    const again = await call(officer, 'POST', addUrl, { at: NOW, ...physical, combinationReason: reason });
    expect(again.json().errors.map((e: { code: string }) => e.code)).toEqual(['already_open']);

    const episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.types).toEqual(['physical', 'seclusion']);
    expect(episode.holds).toEqual(['seated_hold']);
    expect(episode.events.at(-1)).toMatchObject({
      kind: 'types_added',
      payload: { types: ['physical'], combinationReason: reason },
    });
    const board = (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`)).json();
    expect(board.episodes.find((e: { id: string }) => e.id === id).types).toEqual(['physical', 'seclusion']);
    const third = await call(officer, 'POST', url, start(physical));
    expect(third.json().errors.map((e: { code: string }) => e.code)).toEqual(['already_open']);
  });

  it('RST-4/RST-5: mechanical restraint with the supervisor outside the room is refused, also at a handover; the position is on the episode', async () => {
    const person = await admitNew('Vəliyev');
    const mechanical = { types: ['mechanical'], equipment: ['padded_limb_straps'] };
    const url = `/api/v1/persons/${person}/restraint-episodes`;
    const outside = await call(officer, 'POST', url, start(mechanical));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([
      expect.objectContaining({ path: 'body.supervisionPosition', code: 'supervisor_in_room_required' }),
    ]);
    const video = await call(officer, 'POST', url, start({ supervisionPosition: 'video' }));
    expect(video.statusCode).toBe(400);
    expect((await call(doctor, 'GET', url)).json().items).toEqual([]);

    const ok = await call(officer, 'POST', url, start({ ...mechanical, supervisionPosition: 'in_room' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    const handover = (position: string) =>
      call(officer, 'POST', `/api/v1/restraint-episodes/${id}/handovers`, {
        at: NOW,
        supervisorId: staff[0]?.id,
        supervisionPosition: position,
      });
    const toDoorway = await handover('doorway');
    expect(toDoorway.statusCode).toBe(400);
    expect(toDoorway.json().errors[0].code).toBe('supervisor_in_room_required');
    expect((await handover('in_room')).statusCode).toBe(201);
    const episode = (await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.supervisionPosition).toBe('in_room');
    expect(episode.events.map((e: { kind: string; payload: unknown }) => [e.kind, e.payload])).toEqual([
      ['handover', { supervisorId: staff[0]?.id, supervisionPosition: 'in_room' }],
    ]);
  });

  it('RST-16, RST-8: an ordinary cell in view of others and untrained staff are flagged', async () => {
    const person = await admitNew('Hacıyev');
    const res = await call(
      doctor,
      'POST',
      `/api/v1/persons/${person}/restraint-episodes`,
      start({
        types: ['physical'],
        holds: ['seated_hold'],
        cellId: ordinaryCell,
        inViewOfOthers: true,
        appliedBy: [staff[2]?.id],
        authorisation: { kind: 'doctor_order', assessment: 'Examined; acute psychosis, risk to cellmates' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().flags).toEqual(['in_view_of_others', 'unsuitable_room', 'untrained_staff']);
  });

  it('RST-13: a woman recorded as in labour cannot be restrained', async () => {
    const person = await admitNew('Əliyeva', 'female');
    const alert = await call(doctor, 'POST', `/api/v1/persons/${person}/health-alerts`, {
      detail: { kind: 'obstetric', stage: 'in_labour' },
      startsAt: minutesBefore(30),
    });
    expect(alert.statusCode, alert.body).toBe(201);
    const res = await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start());
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].code).toBe('obstetric_block');
  });

  it('a person not in custody cannot be restrained', async () => {
    const person = await admitNew('Rüstəmov');
    expect(
      (
        await call(registrar, 'POST', `/api/v1/persons/${person}/events`, {
          type: 'release',
          occurredAt: minutesBefore(10),
          releaseReason: 'End of sentence',
        })
      ).statusCode,
    ).toBe(201);
    const res = await call(doctor, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start());
    expect([400, 404]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(res.json().errors[0].code).toBe('not_in_custody');
  });

  it('RST-9, RST-11, RST-10: the end opens the examination and the debriefs; the register and the report show it; the inspector reads and cannot write', async () => {
    const person = await admitNew('Novruzov');
    const id = (
      await call(
        officer,
        'POST',
        `/api/v1/persons/${person}/restraint-episodes`,
        start({ startedAt: minutesBefore(9) }),
      )
    ).json().id;
    await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/end`, {
      at: NOW,
      reason: 'no_longer_needed',
      injuriesToStaff: 'Scratch on an officer’s hand',
    });
    const chart = (await call(doctor, 'GET', `/api/v1/persons/${person}/chart`)).json();
    expect(chart.restraints).toEqual([expect.objectContaining({ id, types: ['seclusion'] })]);
    expect(chart.tasks).toContainEqual(
      expect.objectContaining({
        kind: 'post_restraint_examination',
        sourceRef: 'RST-11',
        dueAt: minutesAfter(60),
      }),
    );
    const episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.state).toMatchObject({
      open: false,
      durationMinutes: 9,
      debriefPerson: { dueAt: minutesAfter(24 * 60) },
    });
    expect(
      (
        await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/person-debrief`, {
          at: NOW,
          summary: 'Talked it through; he says the noise set him off',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/staff-debrief`, {
          at: NOW,
          summary: 'Earlier call for the doctor next time',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/complaints`, {
          at: NOW,
          text: 'I was not told why',
        })
      ).statusCode,
    ).toBe(201);

    const register = await call(
      inspector,
      'GET',
      `/api/v1/restraint/register?institutionId=${pilot1}&from=2026-11-01&to=2026-12-01`,
    );
    expect(register.statusCode, register.body).toBe(200);
    const row = register.json().items.find((e: { id: string }) => e.id === id);
    expect(row).toMatchObject({
      types: ['seclusion'],
      injuriesToStaff: 'Scratch on an officer’s hand',
      endReason: 'no_longer_needed',
    });
    expect(row.harmDescription).toBeUndefined();
    expect(register.body).not.toMatch(/broken chair leg/);
    const audited = await t.services.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'restraint.register.read')
      .where('username', '=', 'demo.inspector')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(
      (await call(inspector, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).statusCode,
    ).toBe(403);
    expect(
      (await call(inspector, 'POST', `/api/v1/restraint-episodes/${id}/observations`, observation(NOW)))
        .statusCode,
    ).toBe(403);

    // Within the health service the counts are whole (outside it, DAT-6: see below).
    const manager = await signIn(t.app, 'demo.health-manager');
    const report = (
      await call(manager, 'GET', `/api/v1/restraint/reports/monthly?institutionId=${pilot1}&month=2026-11`)
    ).json();
    expect(report.total.episodes).toBeGreaterThanOrEqual(1);
    expect(report.total.byType.seclusion).toBeGreaterThanOrEqual(1);
    expect(report.total.maxMinutes).toBeGreaterThanOrEqual(9);
    expect(report.units.reduce((n: number, u: { episodes: number }) => n + u.episodes, 0)).toBe(
      report.total.episodes,
    );
  });

  it('RST-11: the medical examination after the end, recorded on the episode, clears its countdown and the medical file’s task', async () => {
    const person = await admitNew('Şirinov');
    const id = (await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).json()
      .id;
    const exam = { at: NOW, findings: 'No injuries; calm, oriented', injuriesFound: false };
    const url = `/api/v1/restraint-episodes/${id}/medical-examinations`;
    const early = await call(doctor, 'POST', url, exam);
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].code).toBe('before_end');
    const ended = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/end`, {
      at: NOW,
      reason: 'no_longer_needed',
    });
    expect(ended.statusCode, ended.body).toBe(201);
    const pendingTasks = async () =>
      (await call(doctor, 'GET', `/api/v1/persons/${person}/chart`))
        .json()
        .tasks.filter((x: { kind: string }) => x.kind === 'post_restraint_examination');
    expect(await pendingTasks()).toHaveLength(1);
    let episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.state.medicalExamination).toEqual({ dueAt: minutesAfter(60), state: 'ok' });
    // Health staff examine; custodial staff cannot record it.
    expect((await call(officer, 'POST', url, exam)).statusCode).toBe(403);
    const done = await call(doctor, 'POST', url, exam);
    expect(done.statusCode, done.body).toBe(201);
    episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.state.medicalExamination).toBeNull();
    expect(episode.events.at(-1)).toMatchObject({
      kind: 'medical_examination',
      payload: { findings: 'No injuries; calm, oriented', injuriesFound: false },
    });
    // The findings are clinical: the officer sees that it was done, not what was found.
    const asOfficer = (await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(asOfficer.events.at(-1)).toMatchObject({ kind: 'medical_examination', payload: null });
    const register = (
      await call(
        inspector,
        'GET',
        `/api/v1/restraint/register?institutionId=${pilot1}&from=2026-11-01&to=2026-12-01`,
      )
    ).json();
    const row = register.items.find((e: { id: string }) => e.id === id);
    expect(row.state.medicalExamination).toBeNull();
    // The medical file's task is closed by the same examination.
    expect(await pendingTasks()).toEqual([]);
  });

  it('X-2: a correction points at the event it corrects; the countdown falls back to the note before; the register itself refuses changes', async () => {
    const person = await admitNew('Kazımov');
    const id = (await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).json()
      .id;
    const first = await call(
      officer,
      'POST',
      `/api/v1/restraint-episodes/${id}/observations`,
      observation(minutesBefore(1)),
    );
    expect(first.statusCode, first.body).toBe(201);
    const note = (
      await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/observations`, observation(NOW))
    ).json().id;
    const fix = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/corrections`, {
      at: NOW,
      eventId: note,
      reason: 'Recorded on the wrong episode',
    });
    expect(fix.statusCode, fix.body).toBe(201);
    const episode = (await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.events.find((e: { id: string }) => e.id === note).corrected).toBe(true);
    expect(episode.state.observation.dueAt).toBe(minutesAfter(14)); // from the note before, not the corrected one
    const board = (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`)).json();
    const entry = board.episodes.find((e: { id: string }) => e.id === id);
    expect(entry.state.observation.dueAt).toBe(minutesAfter(14));
    expect(entry.stillNeeded).toBe(true);
    const registerPage = (
      await call(
        officer,
        'GET',
        `/api/v1/restraint/register?institutionId=${pilot1}&from=${NOW.slice(0, 10)}&to=2100-01-01`,
      )
    ).json();
    const listed = registerPage.items.find((e: { id: string }) => e.id === id);
    expect(listed.state.observation.dueAt).toBe(minutesAfter(14));
    expect(listed.events).toBeUndefined(); // lists carry the state, the episode's page the timeline
    const { db } = t.services.database;
    await expect(
      db.updateTable('restraint_event').set({ at: NOW }).where('id', '=', note).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('restraint_episode').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('X-2: a correction is made only by a role allowed to make the original entry: an officer cannot void a doctor’s examination, review or approval', async () => {
    const person = await admitNew('Tağıyev');
    const id = (await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).json()
      .id;
    const review = (kind: string) => ({ at: NOW, kind, findings: 'Calmer, oriented', continueMeasure: true });
    const post = async (path: string, body: unknown) => {
      const res = await call(doctor, 'POST', `/api/v1/restraint-episodes/${id}/${path}`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const entries = [
      await post('approval', { at: NOW, assessment: 'Seen at the door; risk to others persists' }),
      await post('examinations', review('examination')),
      await post('reviews', review('review')),
    ];
    for (const eventId of entries) {
      const voided = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/corrections`, {
        at: NOW,
        eventId,
        reason: 'Wrong episode, says the officer',
      });
      expect(voided.statusCode, voided.body).toBe(403);
      expect(voided.json().errors).toEqual([
        expect.objectContaining({ path: 'body.eventId', code: 'correction_needs_author_role' }),
      ]);
    }
    let episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.events.map((e: { kind: string }) => e.kind)).toEqual([
      'approval',
      'examination',
      'review',
    ]);
    expect(episode.state.approved).toBe(true);
    // The doctor, who may make these entries, may correct them.
    const fixed = await call(doctor, 'POST', `/api/v1/restraint-episodes/${id}/corrections`, {
      at: NOW,
      eventId: entries[0],
      reason: 'Approval recorded on the wrong episode',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    episode = (await call(doctor, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(episode.state.approved).toBe(false);
  });

  it('X-2: an end entered in error and corrected reopens the episode: back on the board, and a second one of its type is refused', async () => {
    const person = await admitNew('Sultanov');
    const url = `/api/v1/persons/${person}/restraint-episodes`;
    const id = (await call(officer, 'POST', url, start())).json().id;
    const onBoard = async () =>
      (await call(officer, 'GET', `/api/v1/restraint/board?institutionId=${pilot1}`))
        .json()
        .episodes.some((e: { id: string }) => e.id === id);
    expect(await onBoard()).toBe(true);
    const end = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/end`, {
      at: NOW,
      reason: 'no_longer_needed',
    });
    expect(end.statusCode, end.body).toBe(201);
    expect(await onBoard()).toBe(false);
    expect((await call(officer, 'POST', url, start({ startedAt: NOW }))).statusCode).toBe(201); // a new one may start
    const fix = await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/corrections`, {
      at: NOW,
      eventId: end.json().id,
      reason: 'Ended on the wrong episode by mistake',
    });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(await onBoard()).toBe(true);
    const again = (await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`)).json();
    expect(again.state.open).toBe(true);
  });

  it('RST-10: the register and its CSV and PDF exports name the person (prison number and name) and the staff who applied, supervised and approved, not account ids', async () => {
    const person = await admitNew('Cəfərov');
    const id = (
      await call(
        officer,
        'POST',
        `/api/v1/persons/${person}/restraint-episodes`,
        start({ appliedBy: [staff[0]?.id, staff[2]?.id] }),
      )
    ).json().id;
    const approved = await call(doctor, 'POST', `/api/v1/restraint-episodes/${id}/approval`, {
      at: NOW,
      assessment: 'Seen at the door; risk to others persists',
    });
    expect(approved.statusCode, approved.body).toBe(201);
    // A handover: both supervisors are named.
    expect(
      (
        await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/handovers`, {
          at: NOW,
          supervisorId: staff[3]?.id,
          supervisionPosition: 'doorway',
        })
      ).statusCode,
    ).toBe(201);
    const prisonNumber = (await call(registrar, 'GET', `/api/v1/persons/${person}`)).json().prisonNumber;
    expect(prisonNumber).toBeTruthy();
    const admin = await signIn(t.app, 'demo.admin');
    const doctorUser = (await call(admin, 'GET', '/api/v1/users?q=demo.doctor&limit=5'))
      .json()
      .items.find((u: { username: string }) => u.username === 'demo.doctor');
    const staffFull = (await call(governor, 'GET', `/api/v1/staff?institutionId=${pilot1}&limit=5`)).json()
      .items as { id: string; fullName: string }[];
    const nameOf = (i: number) => staffFull.find((x) => x.id === staff[i]?.id)?.fullName as string;

    const register = (
      await call(
        inspector,
        'GET',
        `/api/v1/restraint/register?institutionId=${pilot1}&from=2026-11-01&to=2026-12-01`,
      )
    ).json();
    expect(register.items.find((e: { id: string }) => e.id === id)).toMatchObject({
      person: { prisonNumber, name: 'Cəfərov Test' },
      appliedByNames: [nameOf(0), nameOf(2)],
      supervisedByNames: [nameOf(1), nameOf(3)],
      orderedOrApprovedByName: doctorUser.displayName,
    });

    const res = await call(
      governor,
      'GET',
      `/api/v1/restraint/register/export?institutionId=${pilot1}&from=2026-11-01&to=2026-12-01&format=csv&language=en`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const [head, ...lines] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    const columns = (head as string).split(',');
    expect(columns).toEqual(
      expect.arrayContaining([
        'prison number',
        'person',
        'applied by',
        'supervised by',
        'ordered or approved by',
      ]),
    );
    const line = lines.find((l) => l.includes(prisonNumber)) as string;
    expect(line).toBeDefined();
    // The fields of one CSV line (quoted fields may hold commas and semicolons).
    const fields = [...`${line},`.matchAll(/("(?:[^"]|"")*"|[^,]*),/g)].map((m) =>
      (m[1] as string).replace(/^"|"$/g, '').replaceAll('""', '"'),
    );
    const cell = (name: string) => fields[columns.indexOf(name)];
    expect(cell('person')).toBe('Cəfərov Test');
    // Issue 14: times in the institution's zone (Asia/Baku, UTC+4 all year), to the minute, not UTC.
    const startedAt = register.items.find((e: { id: string }) => e.id === id).startedAt as string;
    const baku = new Date(Date.parse(startedAt) + 4 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(cell('started (Asia/Baku)')).toBe(baku);
    expect(cell('applied by')).toBe(`${nameOf(0)}; ${nameOf(2)}`);
    expect(cell('supervised by')).toBe(`${nameOf(1)}; ${nameOf(3)}`);
    expect(cell('ordered or approved by')).toBe(doctorUser.displayName);
    expect(res.body).not.toContain(doctorUser.id);
    expect(res.body).not.toContain(staff[0]?.id);

    const pdf = await call(
      governor,
      'GET',
      `/api/v1/restraint/register/export?institutionId=${pilot1}&from=2026-11-01&to=2026-12-01&format=pdf&language=en`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 'register.pdf'), pdf.rawPayload);
      // The text of the PDF, words joined whatever the column breaks.
      const text = execFileSync('pdftotext', [path.join(dir, 'register.pdf'), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ');
      expect(text.replace(/ /g, '')).toContain(prisonNumber);
      for (const word of [
        'Cəfərov',
        ...nameOf(0).split(' '),
        ...nameOf(1).split(' '),
        ...doctorUser.displayName.split(' '),
      ]) {
        expect(text).toContain(word);
      }
      expect(text).not.toContain(doctorUser.id);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '1',
        path.join(dir, 'register.pdf'),
        path.join(dir, 'page'),
      ]);
      const image = fs.readdirSync(dir).find((f) => f.endsWith('.png')) as string;
      const png = fs.readFileSync(path.join(dir, image));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(2000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the live board: a change recorded on one server reaches a board stream served by another (PostgreSQL LISTEN/NOTIFY; in-process on SQLite)', async () => {
    const person = await admitNew('Sadıqov');
    const id = (await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).json()
      .id;
    // A second replica over the same database (on SQLite, the same process serves both).
    const second =
      testEngine() === 'postgresql'
        ? await (async () => {
            const handle = await openDatabase(t.database.config.database, {
              searchPath: t.database.schema as string,
              poolSize: 2,
            });
            const services = buildServices(t.database.config, handle, t.clock);
            const app = await buildApp(services);
            return {
              app,
              close: async () => {
                await app.close();
                await handle.close();
              },
            };
          })()
        : { app: t.app, close: async () => {} };
    try {
      const address = await second.app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/restraint/board/stream?institutionId=${pilot1}`, {
        headers: { cookie: officer.cookie },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const nextBoard = async () => {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk.split('\n').find((l) => l.startsWith('data: '));
            if (chunk.startsWith('event: board') && data) return JSON.parse(data.slice(6));
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      };
      const first = await nextBoard();
      const before = first.episodes.find((e: { id: string }) => e.id === id);
      expect(before.state.observation.dueAt).toBe(minutesAfter(13));
      // Recorded through the first server.
      expect(
        (await call(officer, 'POST', `/api/v1/restraint-episodes/${id}/observations`, observation(NOW)))
          .statusCode,
      ).toBe(201);
      const update = await Promise.race([
        nextBoard(),
        // A deadline that names what never came, far above what a loaded machine needs.
        new Promise((_, reject) => setTimeout(() => reject(new Error('no update within 30 s')), 30_000)),
      ]);
      const after = (
        update as { episodes: { id: string; state: { observation: { dueAt: string } } }[] }
      ).episodes.find((e) => e.id === id);
      expect(after?.state.observation.dueAt).toBe(minutesAfter(15));
      controller.abort();
    } finally {
      await second.close();
    }
  });
  it('an observation retried with the same Idempotency-Key is recorded once and answered the same', async () => {
    const person = await admitNew('Bağırov');
    const id = (await call(officer, 'POST', `/api/v1/persons/${person}/restraint-episodes`, start())).json()
      .id;
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/restraint-episodes/${id}/observations`,
        headers: { ...officer.headers, 'idempotency-key': 'b7a3c9e0-0b1f-4c55-9a51-3a0c2f6d1e11' },
        payload: observation(NOW),
      });
    const first = await post();
    const second = await post();
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const events = (await call(officer, 'GET', `/api/v1/restraint-episodes/${id}`)).json().events;
    expect(events.filter((e: { kind: string }) => e.kind === 'observation')).toHaveLength(1);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/v1/restraint-episodes/${id}/person-debrief`,
      headers: { ...officer.headers, 'idempotency-key': 'b7a3c9e0-0b1f-4c55-9a51-3a0c2f6d1e11' },
      payload: { at: NOW, summary: 'Reused key for something else' },
    });
    expect(elsewhere.statusCode).toBe(409);
  });

  it('DAT-6: the monthly report and its export leave out counts of 1 to 4 for the governor, and say so; the health service sees them', async () => {
    const url = `/api/v1/restraint/reports/monthly?institutionId=${pilot1}&month=2026-11`;
    const manager = await signIn(t.app, 'demo.health-manager');
    const full = (await call(manager, 'GET', url)).json();
    const shown = (await call(governor, 'GET', url)).json();
    expect(full.suppression).toBeNull();
    expect(shown.suppression.threshold).toBe(5);
    type Counts = Record<string, number | null> & { byType: Record<string, number | null> };
    const cellsOf = (r: { total: Counts; units: (Counts & { unitId: string })[] }) =>
      [['total', r.total] as const, ...r.units.map((u) => [`unit:${u.unitId}`, u] as const)].flatMap(
        ([key, c]) => [
          ...[
            'episodes',
            'people',
            'beyondSoftAlert',
            'beyondSecondDoctor',
            'beyondEscalation',
            'repeatPeople',
            'stillOpen',
          ].map((m) => [`${key}.${m}`, c[m] as number | null] as const),
          ...Object.entries(c.byType).map(([type, n]) => [`${key}.byType.${type}`, n] as const),
        ],
      );
    const fullCells = new Map(cellsOf(full));
    const shownCells = new Map(cellsOf(shown));
    const small = [...fullCells].filter(([, n]) => n !== null && n >= 1 && n <= 4).map(([k]) => k);
    expect(small.length).toBeGreaterThan(0); // this month has small counts (one physical restraint, …)
    for (const key of small) expect(shownCells.get(key), key).toBeNull();
    for (const [key, n] of shownCells) {
      if (n !== null) expect(n === 0 || n >= 5, key).toBe(true);
      if (n === null) expect(shown.suppression.cells).toContain(key);
    }

    const csv = await call(governor, 'GET', `${url.replace('/monthly?', '/monthly/export?')}&language=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(
      'DAT-6: counts from 1 to 4, and the counts from which they could be worked out, are suppressed',
    );
    expect(csv.body).toContain('suppressed');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const header = (lines[2] as string).split(',');
    const institution = (lines[3] as string).split(',');
    expect(institution[0]).toBe('institution');
    expect(institution[header.indexOf('episodes')]).toBe(String(shown.total.episodes ?? 'suppressed'));
    const whole = await call(manager, 'GET', `${url.replace('/monthly?', '/monthly/export?')}&language=en`);
    expect(whole.body).toContain('no count is suppressed');
  });
});
