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

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const TODAY = '2026-12-06';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)(
  'ADR 0050: planned release (registry), TB release screening (PHC-9), regimen allergy check, housing by resistance (PHC-7)',
  () => {
    let t: TestApp;
    let officer: Session;
    let doctor: Session;
    let nurse: Session;
    let registrar: Session;
    let pilot1: string;
    let cells: { id: string; cellType: string; occupants: number; certifiedCapacity: number }[];

    async function admitNew(surname: string) {
      const res = await as(registrar).post('/api/v1/persons', {
        person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1985-04-05' }),
        admission: admissionBody(pilot1, hoursBefore(24 * 100)),
        confirmedNotDuplicate: true,
      });
      expect(res).toHaveStatus(201);
      return res.json().id as string;
    }
    const place = (person: string, cellId: string, at: string, reason?: string) =>
      as(registrar).post(`/api/v1/persons/${person}/events`, {
        type: 'placement',
        occurredAt: at,
        cellId,
        ...(reason ? { placementGuardReason: reason } : {}),
      });
    const count = async (table: 'audit_event' | 'medication_prescription' | 'custody_event') =>
      Number(
        (
          await t.services.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** A registered TB case: a positive screen, then (for RR) an Xpert with rifampicin resistance. */
    async function registered(person: string, resistance: 'unknown' | 'rr') {
      const screen = await as(nurse).post(`/api/v1/persons/${person}/tb-screens`, {
        method: 'symptom',
        occasion: 'other',
        screenedOn: TODAY,
        result: 'positive',
        cough2Weeks: true,
      });
      expect(screen).toHaveStatus(201);
      const episodeId = screen.json().episodeId as string;
      if (resistance === 'rr') {
        const xpert = await as(nurse).post(`/api/v1/programme-episodes/${episodeId}/tests`, {
          test: 'xpert',
          specimen: 'sputum',
          sampleOn: TODAY,
          purpose: 'diagnosis',
        });
        expect(
          await as(nurse).post(`/api/v1/programme-tests/${xpert.json().id}/result`, {
            test: 'xpert',
            resultOn: TODAY,
            result: 'detected',
            rifampicin: 'detected',
          }),
        ).toHaveStatus(200);
      }
      const reg = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/registration`, {
        category: 'new',
        bacteriology: resistance === 'rr' ? 'bacteriologically_confirmed' : 'clinically_diagnosed',
        site: 'pulmonary',
        resistance,
        diagnosedOn: TODAY,
        registeredOn: TODAY,
      });
      expect(reg).toHaveStatus(200);
      return episodeId;
    }

    beforeAll(async () => {
      t = await buildTestApp({ now: NOW });
      await seedTestDemo(t);
      officer = await signInAs(t.app, 'custodial_officer');
      doctor = await signInAs(t.app, 'doctor');
      nurse = await signInAs(t.app, 'nurse');
      registrar = await signInAs(t.app, 'registry_officer');
      const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
        id: string;
        code: string;
      }[];
      pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
      const detail = (await as(registrar).get(`/api/v1/institutions/${pilot1}`)).json();
      cells = detail.units.flatMap((u: { cells: unknown[] }) => u.cells);
    });
    afterAll(async () => t?.close());

    it('the registry records the planned release date (audited), refuses one before the admission (nothing written), and lists it by institution and dates', async () => {
      const person = await admitNew('Azadov');
      const url = `/api/v1/persons/${person}/planned-release`;
      const audits = await count('audit_event');
      const early = await as(registrar).put(url, { plannedReleaseDate: '2026-08-01' });
      expect(early).toHaveStatus(400);
      expect(early.json().errors[0]).toMatchObject({
        path: 'body.plannedReleaseDate',
        code: 'planned_release_before_admission',
      });
      expect(await count('audit_event')).toBe(audits);
      expect(await as(officer).put(url, { plannedReleaseDate: TODAY })).toHaveStatus(403);
      expect(await as(registrar).put(url, { plannedReleaseDate: 'soon' })).toHaveStatus(400);
      expect(await as(registrar).put(url, { plannedReleaseDate: TODAY })).toHaveStatus(204);
      expect((await as(officer).get(`/api/v1/persons/${person}`)).json().plannedReleaseDate).toBe(TODAY);
      const audit = await t.services.database.db
        .selectFrom('audit_event')
        .select(['action', 'person_id'])
        .where('action', '=', 'registry.person.planned_release')
        .where('person_id', '=', person)
        .execute();
      expect(audit).toHaveLength(1);
      const listed = await t.services.registry.plannedReleases(t.services.database.db, {
        institutionIds: [pilot1],
        from: TODAY,
        to: TODAY,
      });
      expect(listed).toContainEqual({ personId: person, institutionId: pilot1, plannedReleaseDate: TODAY });
      expect(
        await t.services.registry.plannedReleases(t.services.database.db, {
          institutionIds: [],
          from: TODAY,
          to: TODAY,
        }),
      ).toEqual([]);
    });

    it('PHC-9: a person whose planned release is within the threshold days has a TB release screening on the clinical worklist, done by recording the screening at release; the officer never sees it', async () => {
      const person = await admitNew('Buraxov');
      expect(
        await as(registrar).put(`/api/v1/persons/${person}/planned-release`, { plannedReleaseDate: TODAY }),
      ).toHaveStatus(204);
      const lines = async (session: Session) =>
        ((await allWorklistItems(session)) as { kind: string; subjectId: string }[]).filter(
          (i) => i.kind === 'tb_release_screen',
        );
      expect((await lines(nurse)).some((i) => i.subjectId === person)).toBe(true);
      expect(await lines(officer)).toEqual([]);
      expect(
        await as(nurse).post(`/api/v1/persons/${person}/tb-screens`, {
          method: 'chest_xray',
          occasion: 'release',
          screenedOn: TODAY,
          result: 'negative',
        }),
      ).toHaveStatus(201);
      expect((await lines(nurse)).some((i) => i.subjectId === person)).toBe(false);
    });

    it('the regimen goes through medication’s allergy check: a drug matching a recorded allergy is refused without an override reason (nothing written), prescribed with one', async () => {
      const person = await admitNew('Allergov');
      expect(
        await as(nurse).post(`/api/v1/persons/${person}/allergies`, {
          substance: 'Rifampicin',
          category: 'medication',
          severity: 'severe',
        }),
      ).toHaveStatus(201);
      const episodeId = await registered(person, 'unknown');
      const before = await count('medication_prescription');
      const refused = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/treatment`, {
        regimenCode: '2HRZE/4HR',
        startOn: TODAY,
      });
      expect(refused).toHaveStatus(400);
      expect(refused.json().errors[0]).toMatchObject({
        path: 'body.allergyOverrideReason',
        code: 'allergy_override_required',
      });
      expect(await count('medication_prescription')).toBe(before);
      const ok = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/treatment`, {
        regimenCode: '2HRZE/4HR',
        startOn: TODAY,
        allergyOverrideReason: 'Rash in 2019 only; TB physician agreed, monitored start',
      });
      expect(ok).toHaveStatus(200);
      const rows = await t.services.database.db
        .selectFrom('medication_prescription')
        .select(['allergy_override_reason', 'delivery'])
        .where('prescription_id', 'in', ok.json().prescriptionIds)
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.delivery === 'supervised' && r.allergy_override_reason)).toBe(true);
    });

    it('PHC-7: an RR-TB patient is not placed with a drug-susceptible TB patient without a reason (nothing written), with one he is', async () => {
      const cell = cells.find(
        (c) => c.cellType === 'ordinary' && c.occupants === 0 && c.certifiedCapacity > 2,
      );
      expect(cell).toBeTruthy();
      const susceptible = await admitNew('Hessasov');
      const resistant = await admitNew('Davamlov');
      const ds = await registered(susceptible, 'unknown');
      const rr = await registered(resistant, 'rr');
      // Both past their infectious phase: the airborne isolation ended by the clinician (PHC-6).
      for (const id of [ds, rr])
        expect(
          await as(doctor).post(`/api/v1/programme-episodes/${id}/isolation-end`, {
            endedOn: TODAY,
            reason: 'Smear converted after two weeks of treatment',
          }),
        ).toHaveStatus(200);
      expect(await place(susceptible, cell!.id, hoursBefore(3))).toHaveStatus(201);
      const events = await count('custody_event');
      const refused = await place(resistant, cell!.id, hoursBefore(2));
      expect(refused).toHaveStatus(400);
      expect(refused.json().errors[0]).toMatchObject({
        path: 'body.placementGuardReason',
        code: 'resistance_profile_shared_cell',
      });
      expect(await count('custody_event')).toBe(events);
      expect(
        await place(
          resistant,
          cell!.id,
          hoursBefore(2),
          'Only cell free tonight; moved tomorrow, doctor told',
        ),
      ).toHaveStatus(201);
    });

    it('PHC-6: the airborne isolation is an order with a review date on the worklist; the review defines the infectious period (a period ending before the review is refused), only the doctor records it', async () => {
      const person = await admitNew('Izolov');
      const opened = await as(nurse).post(`/api/v1/persons/${person}/programme-episodes`, {
        programme: 'tb',
        source: 'clinician',
        presumedOn: '2026-11-16',
      });
      expect(opened).toHaveStatus(201);
      const view = async () =>
        (
          (await as(doctor).get(`/api/v1/persons/${person}/programmes`)).json().episodes as {
            id: string;
            isolationReview: {
              dueOn: string;
              lastReviewedOn: string | null;
              infectiousUntil: string | null;
            } | null;
          }[]
        )[0]!;
      const episode = await view();
      expect(episode.isolationReview).toEqual({
        dueOn: '2026-11-30',
        lastReviewedOn: null,
        infectiousUntil: null,
      });
      const due = async () =>
        ((await allWorklistItems(doctor)) as { kind: string; subjectId: string }[]).some(
          (i) => i.kind === 'tb_isolation_review' && i.subjectId === person,
        );
      expect(await due()).toBe(true);
      const url = `/api/v1/programme-episodes/${episode.id}/isolation-review`;
      expect(await as(nurse).post(url, { reviewedOn: TODAY, infectiousUntil: '2026-12-20' })).toHaveStatus(
        403,
      );
      const bad = await as(doctor).post(url, { reviewedOn: TODAY, infectiousUntil: '2026-12-01' });
      expect(bad).toHaveStatus(400);
      expect(bad.json().errors[0]).toMatchObject({
        path: 'body.infectiousUntil',
        code: 'infectious_until_before_review',
      });
      expect((await view()).isolationReview?.lastReviewedOn).toBeNull();
      expect(await as(doctor).post(url, { reviewedOn: TODAY, infectiousUntil: '2026-12-20' })).toHaveStatus(
        200,
      );
      expect((await view()).isolationReview).toEqual({
        dueOn: '2026-12-20',
        lastReviewedOn: TODAY,
        infectiousUntil: '2026-12-20',
      });
      expect(await due()).toBe(false);
      // Ending the isolation needs its reason (PHC-6); then there is nothing left to review.
      const end = `/api/v1/programme-episodes/${episode.id}/isolation-end`;
      expect(await as(doctor).post(end, { endedOn: TODAY })).toHaveStatus(400);
      expect(await as(doctor).post(end, { endedOn: TODAY, reason: 'TB excluded clinically' })).toHaveStatus(
        200,
      );
      expect((await view()).isolationReview).toBeNull();
    });
  },
);
