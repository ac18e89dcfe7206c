import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();
const NOW = '2026-11-28T09:00:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();

/**
 * Issue 14 item 2: the episode's page shows what was recorded — the person, the staff by name, and
 * every entry's content with its author — and what a custodial reader may not read stays out.
 */
describe.skipIf(skip)('a restraint episode as a record', () => {
  let t: TestApp;
  let officer: Session;
  let doctor: Session;
  let registrar: Session;
  let pilot1: string;
  let episodeId: string;
  let personId: string;
  let staff: { id: string; fullName: string }[];
  let homeCell: string;

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    officer = await signInAs(t.app, 'custodial_officer');
    doctor = await signInAs(t.app, 'doctor');
    registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const detail = (await as(registrar).get(`/api/v1/institutions/${pilot1}`)).json();
    const cells = detail.units.flatMap((u: { cells: { id: string; cellType: string }[] }) => u.cells);
    const safe = cells.find((c: { cellType: string }) => c.cellType === 'safe').id;
    const governor = await signInAs(t.app, 'governor');
    staff = (await as(governor).get(`/api/v1/staff?institutionId=${pilot1}&limit=5`)).json().items;
    const admitted = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: 'Quliyev', givenNameLatin: 'Rauf', birthDate: '1990-04-05' }),
      admission: admissionBody(pilot1, minutesBefore(600)),
      confirmedNotDuplicate: true,
    });
    expect(admitted).toHaveStatus(201);
    personId = admitted.json().id;
    const home = cells.find(
      (c: { cellType: string; occupants: number; certifiedCapacity: number }) =>
        c.cellType === 'ordinary' && c.occupants < c.certifiedCapacity,
    );
    expect(
      await as(registrar).post(`/api/v1/persons/${personId}/events`, {
        type: 'placement',
        occurredAt: minutesBefore(500),
        cellId: home.id,
      }),
    ).toHaveStatus(201);
    homeCell = home.code;
    const started = await as(officer).post(`/api/v1/persons/${personId}/restraint-episodes`, {
      types: ['seclusion'],
      cellId: safe,
      inViewOfOthers: false,
      startedAt: minutesBefore(9),
      authorisation: { kind: 'emergency_start' },
      harm: 'harm_to_others',
      harmDescription: 'Threatening staff',
      lessRestrictiveTried: ['verbal_de_escalation'],
      lessRestrictiveDescription: 'Talked down for 20 minutes',
      personPreferences: 'None stated',
      appliedBy: [staff[0]?.id],
      supervisorId: staff[1]?.id,
      supervisionPosition: 'doorway',
    });
    expect(started).toHaveStatus(201);
    episodeId = started.json().id;
    const url = `/api/v1/restraint-episodes/${episodeId}`;
    expect(
      await as(doctor).post(`${url}/approval`, {
        at: minutesBefore(7),
        assessment: 'Seen at the door; acute agitation, risk to others',
      }),
    ).toHaveStatus(201);
    expect(
      await as(officer).post(`${url}/observations`, {
        at: minutesBefore(5),
        breathing: 'normal',
        limbCirculation: 'not_applicable',
        hydrationOffered: true,
        toiletNeeds: 'not_needed',
        mentalState: 'calm',
        stillNeeded: false,
        note: 'Sitting quietly on the bench',
      }),
    ).toHaveStatus(201);
    expect(
      await as(officer).post(`${url}/end`, { at: minutesBefore(2), reason: 'no_longer_needed' }),
    ).toHaveStatus(201);
    expect(
      await as(officer).post(`${url}/person-debrief`, {
        at: NOW,
        summary: 'Talked it through; the noise set him off',
      }),
    ).toHaveStatus(201);
    expect(
      await as(officer).post(`${url}/staff-debrief`, {
        at: NOW,
        summary: 'Call the doctor earlier next time',
      }),
    ).toHaveStatus(201);
  });
  afterAll(async () => t?.close());

  it('names the person (prison number, name, cell), the staff and the author and role of every entry, in order', async () => {
    const res = await as(officer).get(`/api/v1/restraint-episodes/${episodeId}`);
    expect(res).toHaveStatus(200);
    const episode = res.json();
    expect(episode.person).toMatchObject({ id: personId, surname: 'Quliyev', givenName: 'Rauf' });
    expect(episode.person.prisonNumber).toMatch(/\S/);
    expect(episode.person.cell).toEqual({ code: homeCell, cellType: 'ordinary' });
    expect(episode.cellCode).toEqual(expect.any(String));
    expect(episode.staffNames[staff[0]?.id ?? '']).toBe(staff[0]?.fullName);
    expect(episode.staffNames[staff[1]?.id ?? '']).toBe(staff[1]?.fullName);
    expect(episode.recordedByAuthor).toEqual({
      name: 'Demo · Custodial officer',
      roles: ['custodial_officer'],
    });
    expect(episode.events.map((e: { kind: string }) => e.kind)).toEqual([
      'approval',
      'observation',
      'end',
      'debrief_person',
      'debrief_staff',
    ]);
    expect(episode.events[0].author).toEqual({ name: 'Demo · Doctor', roles: ['doctor'] });
    expect(episode.events[1].author).toEqual({
      name: 'Demo · Custodial officer',
      roles: ['custodial_officer'],
    });
  });

  it('X-3: shows the ward its own entries (observation note, debriefs) but not the doctor’s approval text (ADR 0030)', async () => {
    const episode = (await as(officer).get(`/api/v1/restraint-episodes/${episodeId}`)).json();
    const byKind = (kind: string) => episode.events.find((e: { kind: string }) => e.kind === kind);
    expect(byKind('observation').payload).toMatchObject({
      mentalState: 'calm',
      note: 'Sitting quietly on the bench',
    });
    expect(byKind('debrief_person').payload).toEqual({ summary: 'Talked it through; the noise set him off' });
    expect(byKind('debrief_staff').payload).toEqual({ summary: 'Call the doctor earlier next time' });
    expect(byKind('approval').payload).toBeNull();
    expect(JSON.stringify(episode)).not.toContain('acute agitation');
    expect(episode.harmDescription).toBeUndefined();
  });

  it('X-3: shows a clinical reader the approval text too', async () => {
    const episode = (await as(doctor).get(`/api/v1/restraint-episodes/${episodeId}`)).json();
    const approval = episode.events.find((e: { kind: string }) => e.kind === 'approval');
    expect(approval.payload).toMatchObject({
      assessment: 'Seen at the door; acute agitation, risk to others',
    });
  });

  it('still opens once the person has moved to another prison: the card is left out, the record stays', async () => {
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    const pilot2 = institutions.find((i: { code: string }) => i.code === 'PILOT-2').id;
    expect(
      await as(registrar).post(`/api/v1/persons/${personId}/events`, {
        type: 'transfer_out',
        occurredAt: NOW,
        destinationInstitutionId: pilot2,
      }),
    ).toHaveStatus(201);
    expect(
      await as(registrar).post(`/api/v1/persons/${personId}/events`, {
        type: 'transfer_in',
        occurredAt: NOW,
      }),
    ).toHaveStatus(201);
    const res = await as(officer).get(`/api/v1/restraint-episodes/${episodeId}`);
    expect(res).toHaveStatus(200);
    expect(res.json().person).toBeNull();
    expect(res.json().events).toHaveLength(5);
  });
});
