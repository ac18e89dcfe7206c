import { createHash } from 'node:crypto';
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

describe.skipIf(skip)('deaths in custody (INJ-8, DTH-1, DAT-7, MHS-8, X-2)', () => {
  let t: TestApp;
  let governor: Session;
  let doctor: Session;
  let manager: Session;
  let registrar: Session;
  let analyst: Session;
  let pilot1: string;
  let staff: { id: string; name: string }[];

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1980-05-06' }),
      admission: admissionBody(pilot1, hoursBefore(200)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const deathBody = (over: Record<string, unknown> = {}) => ({
    kind: 'death',
    foundAt: hoursBefore(2),
    place: 'Cell 21',
    foundBy: 'Officer on the round',
    circumstances: 'Found unresponsive in the cell at the round.',
    resuscitationAttempted: true,
    pronouncedBy: 'Dr Demo',
    pronouncedAt: hoursBefore(1.5),
    setting: 'in_custody',
    manner: 'pending',
    involvedStaffIds: [] as string[],
    ...over,
  });

  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'death_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      events: await n('death_event'),
      amendments: await n('death_amendment'),
      reviewers: await n('death_reviewer'),
      bodies: await n('death_body_release'),
      audit: await n('audit_event'),
    };
  }

  async function recordDeath(personId: string, over: Record<string, unknown> = {}) {
    const res = await as(governor).post(`/api/v1/persons/${personId}/deaths-events`, deathBody(over));
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    governor = await signInAs(t.app, 'governor');
    doctor = await signInAs(t.app, 'doctor');
    manager = await signInAs(t.app, 'health_manager');
    registrar = await signInAs(t.app, 'registry_officer');
    analyst = await signInAs(t.app, 'ministry_analyst');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    staff = (await as(governor).get(`/api/v1/deaths/staff?institutionId=${pilot1}`)).json().items;
    expect(staff.length).toBeGreaterThan(3);
  });
  afterAll(async () => t?.close());

  it('the demo: the governor’s worklist shows the overdue prosecutor step; the health manager the review; the body awaits return (DTH-1, MHS-8, INJ-8)', async () => {
    const items = (await allWorklistItems(governor)) as {
      kind: string;
      severity: string;
      label: string;
    }[];
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'deaths_step_prosecutor', severity: 'overdue' }),
    );
    expect(items.some((i) => i.kind.startsWith('deaths_review'))).toBe(false);
    expect(items.some((i) => i.kind === 'deaths_action')).toBe(true);
    // INJ-8: the demo death's inquiry is open and its body not yet returned: a standing line.
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'deaths_body_awaiting_return', severity: 'due', dueAt: null }),
    );
    const health = (await allWorklistItems(manager)) as { kind: string }[];
    expect(health.some((i) => i.kind === 'deaths_review_clinical_review')).toBe(true);
  });

  it('DAT-7, DTH-1: recording a death freezes the medical file; the hash matches the file at death; later entries are addenda outside it', async () => {
    const person = await admitNew('Frozenov');
    expect(await as(doctor).post(`/api/v1/persons/${person}/problems`, { code: 'I10' })).toHaveStatus(201);
    const id = await recordDeath(person);
    const event = (await as(governor).get(`/api/v1/deaths/events/${id}`)).json();
    expect(event.snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    // An entry written after the death.
    t.clock.advance(60_000);
    expect(await as(doctor).post(`/api/v1/persons/${person}/problems`, { code: 'J45.9' })).toHaveStatus(201);
    const file = await as(doctor).get(`/api/v1/deaths/events/${id}/frozen-file`);
    expect(file).toHaveStatus(200);
    const sha = createHash('sha256').update(file.rawPayload).digest('hex');
    expect(sha).toBe(event.snapshot.sha256);
    expect(file.headers['x-content-sha256']).toBe(sha);
    const text = pdfText(file.rawPayload);
    expect(text).toContain('I10');
    expect(text).not.toContain('J45.9');
    // The chart tells when the file was frozen: the later problem is an addendum after death.
    const chart = (await as(doctor).get(`/api/v1/persons/${person}/chart`)).json();
    expect(chart.deathInCustody).toMatchObject({ eventId: id, sha256: event.snapshot.sha256 });
    const later = chart.problems.find((p: { code: string }) => p.code === 'J45.9');
    expect(later.recordedAt > chart.deathInCustody.frozenAt).toBe(true);
    const earlier = chart.problems.find((p: { code: string }) => p.code === 'I10');
    expect(earlier.recordedAt <= chart.deathInCustody.frozenAt).toBe(true);
    // The frozen file is clinical: the governor may not download it.
    expect(await as(governor).get(`/api/v1/deaths/events/${id}/frozen-file`)).toHaveStatus(403);
  });

  it('X-2: an edit of the record is refused in words and writes nothing; an amendment keeps the original', async () => {
    const id = await recordDeath(await admitNew('Amendov'));
    const before = await counts();
    const edit = await as(governor).patch(`/api/v1/deaths/events/${id}`, { place: 'Elsewhere' });
    expect(edit).toHaveStatus(409);
    expect(edit.json().code).toBe('death_record_append_only');
    expect(await counts()).toEqual(before);
    const amend = await as(governor).post(`/api/v1/deaths/events/${id}/amendments`, {
      reason: 'The cell number was mistyped',
      place: 'Cell 12',
      manner: 'suicide',
    });
    expect(amend).toHaveStatus(201);
    const event = (await as(governor).get(`/api/v1/deaths/events/${id}`)).json();
    expect(event).toMatchObject({ place: 'Cell 12', manner: 'suicide' });
    expect(event.amendments).toEqual([
      expect.objectContaining({
        reason: 'The cell number was mistyped',
        changes: { place: 'Cell 12', manner: 'suicide' },
      }),
    ]);
    const row = await t.services.database.db
      .selectFrom('death_event')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.place).toBe('Cell 21');
  });

  it('INJ-8, MHS-8: a staff member involved in the event is refused as reviewer, in words, nothing written', async () => {
    const [involved, other] = staff;
    const id = await recordDeath(await admitNew('Reviewov'), { involvedStaffIds: [involved?.id] });
    const review = await as(manager).post(`/api/v1/deaths/events/${id}/reviews`, { kind: 'clinical_review' });
    expect(review).toHaveStatus(201);
    const reviewId = review.json().id;
    const before = await counts();
    const refused = await as(manager).post(`/api/v1/deaths/reviews/${reviewId}/reviewers`, {
      staffId: involved?.id,
    });
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ code: 'reviewer_involved' }));
    // Nothing written: no reviewer, and the trail holds at most the refusal itself (a clinical route).
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    const assigned = await t.services.database.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'deaths.review.assign')
      .where('resource_id', '=', id)
      .execute();
    expect(assigned.every((a) => a.outcome !== 'allowed')).toBe(true);
    expect(
      await as(manager).post(`/api/v1/deaths/reviews/${reviewId}/reviewers`, { staffId: other?.id }),
    ).toHaveStatus(201);
  });

  it('MED-1, DAT-7: the governor sees the event and checklist but no clinical content; the doctor records and reads the cause (audited)', async () => {
    const id = await recordDeath(await admitNew('Causeov'));
    const cause = {
      causeCode: 'X70',
      causeText: 'Hanging',
      autopsy: 'done',
      autopsyResult: 'Asphyxia; no other injury',
    };
    expect(await as(governor).post(`/api/v1/deaths/events/${id}/clinical`, cause)).toHaveStatus(403);
    expect(await as(doctor).post(`/api/v1/deaths/events/${id}/clinical`, cause)).toHaveStatus(201);
    const event = await as(governor).get(`/api/v1/deaths/events/${id}`);
    expect(event).toHaveStatus(200);
    expect(event.body).not.toContain('Hanging');
    expect(event.body).not.toContain('X70');
    expect(await as(governor).get(`/api/v1/deaths/events/${id}/clinical`)).toHaveStatus(403);
    const clinical = await as(doctor).get(`/api/v1/deaths/events/${id}/clinical`);
    expect(clinical.json().entries[0]).toMatchObject({ causeCode: 'X70', autopsy: 'done' });
    const audit = await t.services.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('deaths.clinical.read');
    // The register: the governor's lines carry no cause; the doctor's do.
    const year = 2026;
    const gov = (
      await as(governor).get(`/api/v1/deaths/register?institutionId=${pilot1}&year=${year}`)
    ).json();
    expect(JSON.stringify(gov)).not.toContain('Hanging');
    expect(gov.suppression).not.toBeNull();
    const doc = (await as(doctor).get(`/api/v1/deaths/register?institutionId=${pilot1}&year=${year}`)).json();
    expect(doc.lines.some((l: { causeText: string }) => l.causeText === 'Hanging')).toBe(true);
    expect(doc.suppression).toBeNull();
    expect(doc.indicators.withAutopsy).toBeGreaterThanOrEqual(1);
  });

  it('DTH-1, INJ-8: a step recorded with time, channel and reference; closure refused without the investigation’s reference', async () => {
    const person = await admitNew('Missingov');
    const res = await as(governor).post(`/api/v1/persons/${person}/deaths-events`, {
      kind: 'disappearance',
      foundAt: hoursBefore(3),
      place: 'Work zone',
      foundBy: 'Evening count',
      circumstances: 'Missing at the evening count.',
    });
    expect(res).toHaveStatus(201);
    const id = res.json().id;
    for (const step of ['next_of_kin', 'independent_authority', 'prosecutor', 'ministry'])
      expect(
        await as(governor).post(
          `/api/v1/deaths/events/${id}/steps`,
          { step, at: hoursBefore(2), channel: 'phone', recipient: 'Duty desk', reference: `REF-${step}` },
          { 'idempotency-key': `step-${id}-${step}` },
        ),
      ).toHaveStatus(201);
    // A step that a disappearance does not have is refused.
    const wrong = await as(governor).post(`/api/v1/deaths/events/${id}/steps`, {
      step: 'doctor_certification',
      at: hoursBefore(2),
      channel: 'phone',
      recipient: 'x',
    });
    expect(wrong.json().errors).toContainEqual(expect.objectContaining({ code: 'step_not_for_kind' }));
    const before = await counts();
    const refused = await as(governor).post(`/api/v1/deaths/events/${id}/close`, {});
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors).toContainEqual(
      expect.objectContaining({ code: 'investigation_reference_missing' }),
    );
    expect(await counts()).toEqual(before);
    expect(
      await as(governor).post(`/api/v1/deaths/events/${id}/investigation`, {
        authority: 'Prosecutor',
        reference: 'PROS-1',
        openedAt: hoursBefore(1),
      }),
    ).toHaveStatus(201);
    expect(await as(governor).post(`/api/v1/deaths/events/${id}/close`, {})).toHaveStatus(201);
    const event = (await as(governor).get(`/api/v1/deaths/events/${id}`)).json();
    expect(event.closedAt).not.toBeNull();
    expect(event.checklist.every((l: { state: string }) => l.state === 'done')).toBe(true);
  });

  it('INJ-8: the body’s return — refusals in words write nothing; custodial roles record it; closure waits for it', async () => {
    const person = await admitNew('Bodyov');
    const id = await recordDeath(person);
    const deputy = await signInAs(t.app, 'deputy_governor');
    const officer = await signInAs(t.app, 'custodial_officer');
    const body = (over: Record<string, unknown> = {}) => ({
      releasedAt: hoursBefore(1),
      releaseReference: 'PROS-2026-17/B',
      outcome: 'returned',
      returnedAt: hoursBefore(0.5),
      recipientName: 'Leyla Bodyova',
      recipientRelation: 'sister',
      note: 'Handed over at the hospital morgue',
      ...over,
    });
    // Everything but the body: the investigation, every step, a concluded review.
    expect(
      await as(governor).post(`/api/v1/deaths/events/${id}/investigation`, {
        authority: 'Prosecutor',
        reference: 'PROS-2026-17',
        openedAt: hoursBefore(1.8),
      }),
    ).toHaveStatus(201);
    for (const step of [
      'emergency_response',
      'doctor_certification',
      'next_of_kin',
      'independent_authority',
      'prosecutor',
      'ministry',
    ])
      expect(
        await as(governor).post(`/api/v1/deaths/events/${id}/steps`, {
          step,
          at: hoursBefore(1.9),
          channel: 'phone',
          recipient: 'Duty desk',
        }),
      ).toHaveStatus(201);
    const reviewId = (
      await as(manager).post(`/api/v1/deaths/events/${id}/reviews`, { kind: 'clinical_review' })
    ).json().id;
    expect(
      await as(manager).post(`/api/v1/deaths/reviews/${reviewId}/reviewers`, { staffId: staff[1]?.id }),
    ).toHaveStatus(201);
    expect(
      await as(manager).post(`/api/v1/deaths/reviews/${reviewId}/conclusion`, {
        findings: 'Care was timely; no failings found.',
      }),
    ).toHaveStatus(201);
    // The investigation is recorded and the body not returned: a standing line for the governor.
    const line = ((await allWorklistItems(governor)) as { kind: string; subjectId: string }[]).filter(
      (i) => i.kind === 'deaths_body_awaiting_return' && i.subjectId === id,
    );
    expect(line).toHaveLength(1);

    const before = await counts();
    const refusedClose = await as(governor).post(`/api/v1/deaths/events/${id}/close`, {});
    expect(refusedClose).toHaveStatus(400);
    expect(refusedClose.json().errors).toEqual([expect.objectContaining({ code: 'body_return_missing' })]);
    const refusals: [Record<string, unknown>, string, string][] = [
      [body({ returnedAt: hoursBefore(3) }), 'returnedAt', 'before_found'],
      [body({ returnedAt: hoursBefore(-1) }), 'returnedAt', 'in_the_future'],
      [body({ recipientName: null }), 'recipientName', 'required'],
    ];
    for (const [input, path, code] of refusals) {
      const res = await as(governor).post(`/api/v1/deaths/events/${id}/body`, input);
      expect(res).toHaveStatus(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ path: `body.${path}`, code }));
    }
    // Not on a disappearance.
    const gone = await as(governor).post(`/api/v1/persons/${await admitNew('Goneov')}/deaths-events`, {
      kind: 'disappearance',
      foundAt: hoursBefore(3),
      place: 'Work zone',
      foundBy: 'Evening count',
      circumstances: 'Missing at the evening count.',
    });
    const beforeGone = await counts();
    const onGone = await as(governor).post(`/api/v1/deaths/events/${gone.json().id}/body`, body());
    expect(onGone).toHaveStatus(400);
    expect(onGone.json().errors).toContainEqual(expect.objectContaining({ code: 'body_death_only' }));
    expect(await counts()).toEqual(beforeGone);
    expect({ ...(await counts()), events: 0, audit: 0 }).toEqual({ ...before, events: 0, audit: 0 });

    // A custodial officer without the checklist permission is refused; the deputy governor records it.
    expect(await as(officer).post(`/api/v1/deaths/events/${id}/body`, body())).toHaveStatus(403);
    expect(await as(deputy).post(`/api/v1/deaths/events/${id}/body`, body())).toHaveStatus(201);
    const twice = await as(governor).post(`/api/v1/deaths/events/${id}/body`, body());
    expect(twice).toHaveStatus(400);
    expect(twice.json().errors).toContainEqual(expect.objectContaining({ code: 'body_return_recorded' }));
    // A correction gives its reason; the latest stands and both are kept.
    expect(
      await as(governor).post(
        `/api/v1/deaths/events/${id}/body`,
        body({ recipientName: 'Leyla Bodyova-Aliyeva', correctionReason: 'Her married name was left out' }),
      ),
    ).toHaveStatus(201);
    const event = (await as(governor).get(`/api/v1/deaths/events/${id}`)).json();
    expect(event.body).toHaveLength(2);
    expect(event.body[1]).toMatchObject({
      outcome: 'returned',
      recipientName: 'Leyla Bodyova-Aliyeva',
      recipientRelation: 'sister',
      releaseReference: 'PROS-2026-17/B',
      correctionReason: 'Her married name was left out',
      author: expect.any(String),
    });
    expect(event.closeProblems).toEqual([]);
    const after = ((await allWorklistItems(governor)) as { kind: string; subjectId: string }[]).filter(
      (i) => i.kind === 'deaths_body_awaiting_return' && i.subjectId === id,
    );
    expect(after).toHaveLength(0);
    const audit = await t.services.database.db
      .selectFrom('audit_event')
      .select(['action', 'data_class'])
      .where('resource_id', '=', id)
      .where('action', '=', 'deaths.body.record')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.data_class === 'custodial')).toBe(true);
    expect(await as(governor).post(`/api/v1/deaths/events/${id}/close`, {})).toHaveStatus(201);
  });

  it('MON-2: a recommendation becomes an action with owner and due date, followed to done', async () => {
    const id = await recordDeath(await admitNew('Actionov'));
    const reviewId = (
      await as(manager).post(`/api/v1/deaths/events/${id}/reviews`, { kind: 'clinical_review' })
    ).json().id;
    const action = await as(manager).post(`/api/v1/deaths/reviews/${reviewId}/actions`, {
      recommendation: 'Train night staff in cut-down tools',
      ownerStaffId: staff[2]?.id,
      dueOn: '2026-12-20',
    });
    expect(action).toHaveStatus(201);
    expect(
      await as(governor).post(`/api/v1/deaths/actions/${action.json().id}/done`, {
        evidence: 'Training held on 10 Dec',
      }),
    ).toHaveStatus(201);
    const event = (await as(governor).get(`/api/v1/deaths/events/${id}`)).json();
    expect(event.actions[0]).toMatchObject({
      doneAt: expect.any(String),
      evidence: 'Training held on 10 Dec',
    });
  });

  it('DAT-7, ADR 0016: the register as PDF reads back as text; the analyst gets suppressed indicators only', async () => {
    const pdf = await as(governor).get(
      `/api/v1/deaths/register/export?institutionId=${pilot1}&year=2026&format=pdf`,
    );
    expect(pdf).toHaveStatus(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Deaths in custody register');
    expect(text).toContain('Frozenov');
    expect(text).toContain('left out');
    const csv = await as(governor).get(
      `/api/v1/deaths/register/export?institutionId=${pilot1}&year=2026&format=csv`,
    );
    expect(csv.body).toContain('Frozenov');
    const indicators = (
      await as(analyst).get(`/api/v1/deaths/indicators?institutionId=${pilot1}&year=2026`)
    ).json();
    expect(indicators.lines).toEqual([]);
    expect(indicators.suppression.threshold).toBe(5);
    expect(await as(analyst).get(`/api/v1/deaths/register?institutionId=${pilot1}&year=2026`)).toHaveStatus(
      403,
    );
  });
});
