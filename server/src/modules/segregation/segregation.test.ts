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
const DAY = 86_400_000;
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const daysAfter = (d: number) => new Date(Date.parse(NOW) + d * DAY).toISOString();

describe.skipIf(skip)('segregation (SEG-*)', () => {
  let t: TestApp;
  let officer: Session;
  let governor: Session;
  let deputy: Session;
  let doctor: Session;
  let nurse: Session;
  let registrar: Session;
  let pilot1: string;

  async function admitNew(surname: string, overrides: Record<string, unknown> = {}) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({
        surnameLatin: surname,
        givenNameLatin: 'Test',
        birthDate: '1988-02-03',
        ...overrides,
      }),
      admission: admissionBody(pilot1, hoursBefore(100)),
      confirmedNotDuplicate: true,
    });
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  const placement = (over: Record<string, unknown> = {}) => ({
    kind: 'disciplinary',
    reason: 'Fight in the dining hall',
    offenceReference: 'DISC-77',
    startedAt: hoursBefore(1),
    plannedEndAt: daysAfter(10),
    ...over,
  });

  /** How many rows the module's tables and the audit trail hold: "nothing written" compares these. */
  async function counts() {
    const db = t.services.database.db;
    const n = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'segregation_placement')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      placements: await n('segregation_placement'),
      days: await n('segregation_day'),
      visits: await n('segregation_health_visit'),
      audit: await n('audit_event'),
    };
  }

  async function startFor(person: string, session = governor, over: Record<string, unknown> = {}) {
    const res = await as(session).post(`/api/v1/persons/${person}/segregation-placements`, placement(over));
    expect(res).toHaveStatus(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    await seedTestDemo(t);
    officer = await signInAs(t.app, 'custodial_officer');
    governor = await signInAs(t.app, 'governor');
    deputy = await signInAs(t.app, 'deputy_governor');
    doctor = await signInAs(t.app, 'doctor');
    nurse = await signInAs(t.app, 'nurse');
    registrar = await signInAs(t.app, 'registry_officer');
    const institutions = (await as(registrar).get('/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  it('the demo: the wing list shows a day-13 pre-alert and a missed health visit (SEG-2, SEG-5)', async () => {
    const res = await as(officer).get(`/api/v1/segregation/wing?institutionId=${pilot1}`);
    expect(res).toHaveStatus(200);
    const items = res.json().items as { dayNumber: number; alerts: string[] }[];
    expect(items.some((i) => i.dayNumber === 13 && i.alerts.includes('pre_alert_day_13'))).toBe(true);
    expect(items.some((i) => i.alerts.includes('health_visit_missed'))).toBe(true);
  });

  it('SEG-1, SEG-9, SEG-10: an officer records a day; the day is solitary, contact and outdoor time short', async () => {
    const person = await admitNew('Quliyev');
    const id = await startFor(person);
    const body = { day: '2026-12-06', outOfCellMinutes: 45, outdoorMinutes: 30, contactMinutes: 20 };
    const key = { 'idempotency-key': `day-${id}` };
    const res = await as(officer).post(`/api/v1/segregation/placements/${id}/days`, body, key);
    expect(res).toHaveStatus(201);
    // A retry on a flaky network with the same Idempotency-Key records the day once.
    const before = await counts();
    const retry = await as(officer).post(`/api/v1/segregation/placements/${id}/days`, body, key);
    expect(retry).toHaveStatus(201);
    expect(retry.json().id).toBe(res.json().id);
    expect(await counts()).toEqual(before);
    const p = (await as(officer).get(`/api/v1/segregation/placements/${id}`)).json();
    expect(p.alerts).toEqual(
      expect.arrayContaining(['solitary_day', 'contact_short', 'no_outdoor_hour', 'health_visit_due']),
    );
    const day = p.timeline.find((e: { type: string }) => e.type === 'day');
    expect(day.author).toBe('Demo · Custodial officer');
    expect(day.flags).toEqual(['solitary_day', 'contact_short', 'no_outdoor_hour']);
  });

  it('bad input changes nothing: a day in the future, minutes over 1440, an ended placement', async () => {
    const person = await admitNew('Həsənov');
    const id = await startFor(person);
    const before = await counts();
    const future = await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
      day: '2026-12-07',
      outOfCellMinutes: 60,
      outdoorMinutes: 60,
      contactMinutes: 60,
    });
    expect(future).toHaveStatus(400);
    expect(future.json().errors).toEqual([
      expect.objectContaining({ path: 'body.day', code: 'in_the_future' }),
    ]);
    const tooMany = await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
      day: '2026-12-06',
      outOfCellMinutes: 1441,
      outdoorMinutes: 60,
      contactMinutes: 60,
    });
    expect(tooMany).toHaveStatus(400);
    expect(JSON.stringify(tooMany.json().errors)).toContain('minutes_over_day');
    expect(await counts()).toEqual(before);

    expect(
      await as(governor).post(`/api/v1/segregation/placements/${id}/end`, {
        endedAt: NOW,
        reason: 'Sanction served early',
      }),
    ).toHaveStatus(201);
    const afterEnd = await counts();
    const ended = await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
      day: '2026-12-06',
      outOfCellMinutes: 60,
      outdoorMinutes: 60,
      contactMinutes: 60,
    });
    expect(ended).toHaveStatus(400);
    expect(ended.json().errors[0].code).toBe('placement_ended');
    expect(await counts()).toEqual(afterEnd);
  });

  it('SEG-3: more than 14 days, or back-to-back disciplinary placements, are refused and write nothing', async () => {
    const person = await admitNew('Əliyev');
    const before = await counts();
    const long = await as(governor).post(
      `/api/v1/persons/${person}/segregation-placements`,
      placement({ plannedEndAt: daysAfter(15) }),
    );
    expect(long).toHaveStatus(400);
    expect(long.json().errors[0].code).toBe('disciplinary_too_long');
    expect(await counts()).toEqual(before);

    // Served from 20 h ago to 2 h ago; 14 more days from an hour ago would run without a break.
    const first = await startFor(person, governor, { startedAt: hoursBefore(20) });
    expect(
      await as(governor).post(`/api/v1/segregation/placements/${first}/end`, {
        endedAt: hoursBefore(2),
        reason: 'Sanction served',
      }),
    ).toHaveStatus(201);
    const beforeAgain = await counts();
    const again = await as(governor).post(
      `/api/v1/persons/${person}/segregation-placements`,
      placement({ offenceReference: 'DISC-78', plannedEndAt: daysAfter(13.5) }),
    );
    expect(again).toHaveStatus(400);
    expect(again.json().errors[0].code).toBe('back_to_back');
    expect(await counts()).toEqual(beforeAgain);
    // Twelve days stay within the maximum with the 18 h served.
    await startFor(person, governor, { offenceReference: 'DISC-78', plannedEndAt: daysAfter(12) });
  });

  it('SEG-4: refused for a pregnant woman and for a child; MHS-7: the director may override', async () => {
    const woman = await admitNew('Məmmədova', { sex: 'female' });
    const alert = await as(doctor).post(`/api/v1/persons/${woman}/health-alerts`, {
      detail: { kind: 'special_diet', diet: 'pregnancy' },
      startsAt: hoursBefore(50),
    });
    expect(alert).toHaveStatus(201);
    const child = await admitNew('Kərimov', { birthDate: '2010-01-01' });
    const before = await counts();
    const refused = await as(deputy).post(`/api/v1/persons/${woman}/segregation-placements`, placement());
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors[0].code).toBe('protected_group');
    const refusedChild = await as(governor).post(
      `/api/v1/persons/${child}/segregation-placements`,
      placement(),
    );
    expect(refusedChild.json().errors[0].code).toBe('override_reason_required');
    expect(await counts()).toEqual(before);

    const contraindicated = await admitNew('Nəbiyev');
    expect(
      await as(doctor).post(`/api/v1/persons/${contraindicated}/health-alerts`, {
        detail: { kind: 'not_fit_for_segregation' },
        startsAt: hoursBefore(50),
      }),
    ).toHaveStatus(201);
    const id = await startFor(contraindicated, governor, {
      kind: 'protective',
      offenceReference: null,
      overrideReason: 'Credible threat to his life on the wing; no other safe place tonight',
    });
    const p = (await as(officer).get(`/api/v1/segregation/placements/${id}`)).json();
    expect(p.alerts).toContain('health_review_override');
    // The person's page lists the placement; the refused ones left nothing.
    const mine = await as(officer).get(`/api/v1/persons/${contraindicated}/segregation-placements`);
    expect(mine).toHaveStatus(200);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await as(officer).get(`/api/v1/persons/${woman}/segregation-placements`)).json().items).toEqual(
      [],
    );
  });

  it('SEG-6: a doctor or a nurse cannot sign a placement', async () => {
    const person = await admitNew('Rzayev');
    const before = await counts();
    for (const session of [doctor, nurse]) {
      expect(
        await as(session).post(`/api/v1/persons/${person}/segregation-placements`, placement()),
      ).toHaveStatus(403);
    }
    expect(
      await as(officer).post(`/api/v1/persons/${person}/segregation-placements`, placement()),
    ).toHaveStatus(403);
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
  });

  it('SEG-12: a placement in a cell marked constantly lit or without natural light is refused, nothing written', async () => {
    const person = await admitNew('Qaranlıq');
    const detail = (await as(governor).get(`/api/v1/institutions/${pilot1}`)).json();
    const cells = detail.units.flatMap(
      (u: { cells: { id: string; cellType: string; version: number }[] }) => u.cells,
    );
    // The segregation cell(s) first, then any other cell of the prison.
    const [dark, lit] = [
      ...cells.filter((c: { cellType: string }) => c.cellType === 'segregation'),
      ...cells.filter((c: { cellType: string }) => c.cellType !== 'segregation'),
    ];
    for (const [cell, lighting] of [
      [dark, 'no_natural_light'],
      [lit, 'constantly_lit'],
    ] as const) {
      const res = await as(governor).put(`/api/v1/cells/${cell.id}/lighting`, {
        lighting,
        since: '2026-12-01',
        reason: 'Inspection of the segregation unit',
        version: cell.version,
      });
      expect(res).toHaveStatus(200);
    }
    const before = await counts();
    for (const cell of [dark, lit]) {
      const refused = await as(governor).post(
        `/api/v1/persons/${person}/segregation-placements`,
        placement({ cellId: cell.id }),
      );
      expect(refused).toHaveStatus(400);
      expect(refused.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'body.cellId', code: 'cell_lighting' })]),
      );
    }
    const after = await counts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.placements).toBe(before.placements);
    // Back to adequate: the same placement is signed.
    const now = (await as(governor).get(`/api/v1/institutions/${pilot1}`)).json();
    const again = now.units
      .flatMap((u: { cells: { id: string; version: number }[] }) => u.cells)
      .find((c: { id: string }) => c.id === lit.id);
    expect(
      await as(governor).put(`/api/v1/cells/${lit.id}/lighting`, {
        lighting: 'adequate',
        since: '2026-12-06',
        reason: 'Switch fitted',
        version: again.version,
      }),
    ).toHaveStatus(200);
    await startFor(person, governor, { cellId: lit.id });
  });

  it('MED-1, MED-3: custodial staff see that a health visit happened, never its content', async () => {
    const person = await admitNew('Babayev');
    const id = await startFor(person);
    const visit = await as(nurse).post(`/api/v1/segregation/placements/${id}/health-visits`, {
      at: hoursBefore(0.5),
      seen: true,
      adverseEffect: false,
      note: 'Tearful, sleeping badly; reviewed medication',
    });
    expect(visit).toHaveStatus(201);
    for (const session of [officer, governor]) {
      const p = await as(session).get(`/api/v1/segregation/placements/${id}`);
      expect(p).toHaveStatus(200);
      expect(p.body).not.toContain('Tearful');
      const entry = p.json().timeline.find((e: { type: string }) => e.type === 'health_visit');
      expect(entry.author).toBe('Demo · Nurse');
      expect(p.json().alerts).not.toContain('health_visit_due');
      expect(await as(session).get(`/api/v1/segregation/placements/${id}/health-visits`)).toHaveStatus(403);
    }
    const clinical = await as(doctor).get(`/api/v1/segregation/placements/${id}/health-visits`);
    expect(clinical).toHaveStatus(200);
    expect(clinical.json().items[0]).toMatchObject({
      seen: true,
      note: 'Tearful, sleeping badly; reviewed medication',
    });
  });

  it('SEG-7: an adverse effect needs the director within 24 h; the director ends it', async () => {
    const person = await admitNew('Cəfərov');
    const id = await startFor(person);
    expect(
      await as(doctor).post(`/api/v1/segregation/placements/${id}/health-visits`, {
        at: hoursBefore(0.5),
        seen: true,
        adverseEffect: true,
      }),
    ).toHaveStatus(201);
    const p = (await as(governor).get(`/api/v1/segregation/placements/${id}`)).json();
    expect(p.alerts).toContain('director_decision_due');
    expect(p.timeline.find((e: { type: string }) => e.type === 'health_visit').recommendsEnding).toBe(true);
    const worklist = (await allWorklistItems(governor)) as { kind: string }[];
    expect(worklist.map((i) => i.kind)).toContain('segregation_director_decision_due');
    expect(
      await as(deputy).post(`/api/v1/segregation/placements/${id}/decisions`, {
        kind: 'health_recommendation',
        outcome: 'end',
        reason: 'Ended on the doctor’s advice',
      }),
    ).toHaveStatus(403);
    expect(
      await as(governor).post(`/api/v1/segregation/placements/${id}/decisions`, {
        kind: 'health_recommendation',
        outcome: 'end',
        reason: 'Ended on the doctor’s advice',
      }),
    ).toHaveStatus(201);
    const ended = (await as(governor).get(`/api/v1/segregation/placements/${id}`)).json();
    expect(ended.endedAt).not.toBeNull();
    expect(ended.directorDecisionDueAt).toBeNull();
  });

  it('SEG-5: health staff find the visits due on their worklist; officers find the day records', async () => {
    const nurseList = (await allWorklistItems(nurse)) as { kind: string }[];
    expect(nurseList.map((i) => i.kind)).toContain('segregation_health_visit_due');
    const officerList = (await allWorklistItems(officer)) as { kind: string }[];
    expect(officerList.map((i) => i.kind)).toContain('segregation_day_record_due');
    expect(officerList.map((i) => i.kind)).not.toContain('segregation_health_visit_due');
  });

  it('SEG-13: the whole record exports as CSV and PDF for oversight, without clinical content', async () => {
    const url = (format: string) =>
      `/api/v1/segregation/export?institutionId=${pilot1}&from=2026-11-01&to=2026-12-06&format=${format}`;
    const csv = await as(governor).get(url('csv'));
    expect(csv).toHaveStatus(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Fight in the dining hall');
    expect(csv.body).toContain('Assault on another prisoner in the workshop');
    expect(csv.body).toContain('started (Asia/Baku)');
    // MED-1: that a visit was made, never what the clinician wrote.
    expect(csv.body).toContain('health_visit');
    expect(csv.body).not.toContain('Tearful');
    expect(csv.body).not.toContain('no complaints');
    const pdf = await as(governor).get(url('pdf'));
    expect(pdf).toHaveStatus(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await as(officer).get(url('csv'))).toHaveStatus(403);
    const reversed = await as(governor).get(
      `/api/v1/segregation/export?institutionId=${pilot1}&from=2026-12-06&to=2026-11-01&format=csv`,
    );
    expect(reversed).toHaveStatus(400);
    expect(reversed.json().code).toBe('period_reversed');
  });

  it('the wing list and the placement page run the same statements with more placements and days', async () => {
    const wing = `/api/v1/segregation/wing?institutionId=${pilot1}`;
    // Read twice and count the second: the session gate's cache lives 5 s of real time, which a
    // busy machine can outlast between two steps (a miss costs the gate's own statements).
    const count = async (url: string) => {
      expect(await as(officer).get(url)).toHaveStatus(200);
      const res = await as(officer).get(url);
      expect(res).toHaveStatus(200);
      return Number(res.headers['x-statement-count']);
    };
    const first = await startFor(await admitNew('Sultanov'));
    const wingBefore = await count(wing);
    const pageBefore = await count(`/api/v1/segregation/placements/${first}`);
    for (const surname of ['Tağıyev', 'Vəliyev']) {
      const id = await startFor(await admitNew(surname));
      for (const day of ['2026-12-05', '2026-12-06'])
        expect(
          await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
            day,
            outOfCellMinutes: 60,
            outdoorMinutes: 60,
            contactMinutes: 60,
          }),
        ).toHaveStatus(day === '2026-12-05' ? 400 : 201);
      expect(
        await as(officer).post(`/api/v1/segregation/placements/${first}/days`, {
          day: '2026-12-06',
          outOfCellMinutes: 90,
          outdoorMinutes: 60,
          contactMinutes: 150,
        }),
      ).toHaveStatus(201);
    }
    expect(await count(wing)).toBe(wingBefore);
    expect(await count(`/api/v1/segregation/placements/${first}`)).toBe(pageBefore);
  });

  it('the register by month: daily compliance per placement (SEG-1, SEG-5, SEG-8, SEG-9, SEG-10) and a DAT-6 summary', async () => {
    const person = await admitNew('Reyestrov');
    // Started two days ago: the 4th and the 5th ended without a health or management visit.
    t.clock.set(hoursBefore(49.5));
    const id = await startFor(person, governor, { startedAt: hoursBefore(50) }).finally(() =>
      t.clock.set(NOW),
    );
    expect(
      await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
        day: '2026-12-06',
        outOfCellMinutes: 45,
        outdoorMinutes: 30,
        contactMinutes: 20,
      }),
    ).toHaveStatus(201);
    expect(
      await as(nurse).post(`/api/v1/segregation/placements/${id}/health-visits`, {
        at: hoursBefore(0.5),
        seen: true,
        adverseEffect: false,
        note: 'Seen in the cell',
      }),
    ).toHaveStatus(201);
    const url = `/api/v1/segregation/register?institutionId=${pilot1}&from=2026-12`;
    const res = await as(governor).get(url);
    expect(res).toHaveStatus(200);
    const register = res.json();
    const line = register.lines.find((l: { id: string }) => l.id === id);
    expect(line.compliance).toEqual({
      days: 3,
      recordedDays: 1,
      solitaryDays: 1,
      outdoorShortDays: 1,
      contactShortDays: 1,
      healthVisitDays: 1,
      healthVisitMissedDays: 2,
      managementVisitDays: 0,
      managementVisitMissedDays: 2,
    });
    // DAT-6: the governor is outside the health service: no count of 1 to 4 is shown in the summary.
    expect(register.suppression.threshold).toBe(5);
    expect(register.suppression.cells.length).toBeGreaterThan(0);
    for (const group of Object.values(register.summary) as Record<string, number | null>[])
      for (const n of Object.values(group)) if (n !== null) expect(n === 0 || n >= 5).toBe(true);
    for (const cell of register.suppression.cells) {
      const [group, measure] = cell.split('.');
      expect(register.summary[group][measure]).toBeNull();
    }

    // Refused without the permission, or for a reversed period; nothing audited then.
    const audits = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'segregation.register.read')
      .executeTakeFirstOrThrow();
    expect(await as(officer).get(url)).toHaveStatus(403);
    const reversed = await as(governor).get(`${url}&to=2026-11`);
    expect(reversed).toHaveStatus(400);
    expect(reversed.json().code).toBe('period_reversed');
    const after = await t.services.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'segregation.register.read')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audits.n));

    // CSV and PDF in words, the suppression stated; the PDF read back as text.
    const csv = await as(governor).get(
      `/api/v1/segregation/register/export?institutionId=${pilot1}&from=2026-12&format=csv&language=en`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Solitary days (SEG-1)');
    expect(csv.body).toContain('Small counts (1–4)');
    expect(csv.body).toContain('suppressed');
    expect(csv.body).toContain('Reyestrov');
    const summaryOnly = await as(governor).get(
      `/api/v1/segregation/register/export?institutionId=${pilot1}&from=2026-12&format=csv&language=en&part=summary`,
    );
    expect(summaryOnly.body).not.toContain('Reyestrov');
    const pdf = await as(governor).get(
      `/api/v1/segregation/register/export?institutionId=${pilot1}&from=2026-12&format=pdf&language=en`,
    );
    expect(pdf).toHaveStatus(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Segregation register');
    expect(text).toContain('Days without a health visit (SEG-5)');
    expect(text).toContain('Reyestrov');
    const ru = pdfText(
      (
        await as(governor).get(
          `/api/v1/segregation/register/export?institutionId=${pilot1}&from=2026-12&format=pdf&language=ru`,
        )
      ).rawPayload,
    );
    expect(ru).toContain('Реестр одиночного содержания');
  });

  it('SEG-1: the solitary days of the whole country from one day’s records', async () => {
    const person = await admitNew('Təkov');
    const id = await startFor(person);
    expect(
      await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
        day: '2026-12-06',
        outOfCellMinutes: 60,
        outdoorMinutes: 60,
        contactMinutes: 30,
      }),
    ).toHaveStatus(201);
    const res = await as(governor).get('/api/v1/segregation/solitary-days?day=2026-12-06');
    expect(res).toHaveStatus(200);
    const body = res.json();
    expect(body.solitary).toEqual(
      expect.arrayContaining([{ placementId: id, institutionId: pilot1, personId: person }]),
    );
    const here = body.institutions.find((i: { institutionId: string }) => i.institutionId === pilot1);
    expect(here.solitary).toBeGreaterThanOrEqual(1);
    expect(here.placements).toBeGreaterThanOrEqual(here.recorded);
    // A later record of the day with two hours of contact stands over it: no longer solitary.
    expect(
      await as(officer).post(`/api/v1/segregation/placements/${id}/days`, {
        day: '2026-12-06',
        outOfCellMinutes: 60,
        outdoorMinutes: 60,
        contactMinutes: 150,
      }),
    ).toHaveStatus(201);
    const again = (await as(governor).get('/api/v1/segregation/solitary-days?day=2026-12-06')).json();
    expect(again.solitary.some((s: { placementId: string }) => s.placementId === id)).toBe(false);
  });
});
