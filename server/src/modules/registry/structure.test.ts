import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  type TestApp,
} from '../../test/app.ts';
import { admissionBody, personBody } from '../../test/fixtures.ts';

const skip = postgresUnavailableReason();

interface CellView {
  id: string;
  code: string;
  certifiedCapacity: number;
  floorAreaM2: number;
  occupants: number;
  version: number;
  spaceProblems: string[];
  cellType: string;
  lighting: string;
  lightingSince: string | null;
  lightingReason: string | null;
}
interface UnitView {
  id: string;
  code: string;
  name: string;
  version: number;
  cells: CellView[];
}

/** Issue 4: creating and editing institutions, units and cells (ADR 0009). */
describe.skipIf(skip)('registry structure', () => {
  let t: TestApp;
  let admin: Session;
  let governor: Session;
  let officer: Session;
  let inspector: Session;
  let institutions: { id: string; code: string }[];
  const byCode = (code: string) => institutions.find((i) => i.code === code)!.id;

  const send = (method: 'POST' | 'PATCH', url: string, session: Session, payload: object) =>
    t.app.inject({ method, url, headers: session.headers, payload });
  const get = (url: string, session = admin) =>
    t.app.inject({ method: 'GET', url, headers: session.headers });
  const detail = async (id: string) => (await get(`/api/v1/institutions/${id}`)).json();
  const units = async (id: string): Promise<UnitView[]> => (await detail(id)).units;
  const structureAudits = async () =>
    (
      await t.services.database.db
        .selectFrom('audit_event')
        .select(['action', 'resource_id', 'outcome'])
        .where('action', 'in', [
          'registry.institution.create',
          'registry.institution.update',
          'registry.unit.create',
          'registry.unit.update',
          'registry.cell.create',
          'registry.cell.update',
        ])
        .orderBy('seq')
        .execute()
    ).map((r) => `${r.action} ${r.resource_id}`);

  const institution = (overrides: Record<string, unknown> = {}) => ({
    code: 'TEST-1',
    name: {
      az: '7 nömrəli Cəzaçəkmə Müəssisəsi',
      en: 'Penitentiary Institution No. 7',
      ru: 'Учреждение № 7',
    },
    kind: 'colony',
    populationSex: 'male',
    capacity: 400,
    timeZone: 'Asia/Baku',
    ...overrides,
  });

  beforeAll(async () => {
    t = await buildTestApp({ now: '2026-11-28T09:00:00.000Z' });
    t.clock.set(new Date()); // the demo data is relative to the real time of seeding
    await seedTestDemo(t);
    admin = await signIn(t.app, 'demo.admin');
    governor = await signIn(t.app, 'demo.governor'); // works in PILOT-1 only
    officer = await signIn(t.app, 'demo.officer');
    inspector = await signIn(t.app, 'demo.inspector');
    institutions = (await get('/api/v1/institutions')).json().items;
  });
  afterAll(async () => t?.close());

  it('the system administrator adds an institution; it is listed and the write is audited', async () => {
    const res = await send('POST', '/api/v1/institutions', admin, institution({ code: 'test-1' }));
    expect(res.statusCode).toBe(201);
    const { id, version } = res.json();
    expect(version).toBe(1);
    const listed = (await get('/api/v1/institutions')).json().items;
    expect(listed.find((i: { id: string }) => i.id === id)).toMatchObject({
      code: 'TEST-1',
      kind: 'colony',
      capacity: 400,
      timeZone: 'Asia/Baku',
      name: { en: 'Penitentiary Institution No. 7' },
    });
    expect(await structureAudits()).toContain(`registry.institution.create ${id}`);
  });

  it('bad input is refused with field codes, and nothing is changed or audited', async () => {
    const before = (await get('/api/v1/institutions')).json().items.length;
    const audits = (await structureAudits()).length;

    const duplicate = await send('POST', '/api/v1/institutions', admin, institution({ code: 'PILOT-1' }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.json()).toMatchObject({
      code: 'conflict',
      errors: [{ path: 'body.code', code: 'code_taken' }],
    });

    const zone = await send(
      'POST',
      '/api/v1/institutions',
      admin,
      institution({ code: 'TZ', timeZone: 'Asia/Bakuu' }),
    );
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors).toEqual([
      expect.objectContaining({ path: 'body.timeZone', message: 'unknown_time_zone' }),
    ]);

    const negative = await send(
      'POST',
      '/api/v1/institutions',
      admin,
      institution({ code: 'NEG', capacity: -1 }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0]).toMatchObject({ path: 'body.capacity', message: 'capacity_range' });

    const unitId = (await units(byCode('PILOT-1')))[0]!.id;
    for (const [floorAreaM2, certifiedCapacity, path] of [
      [0, 1, 'body.floorAreaM2'],
      [-3, 1, 'body.floorAreaM2'],
      [8, -1, 'body.certifiedCapacity'],
    ] as const) {
      const cell = await send('POST', `/api/v1/units/${unitId}/cells`, admin, {
        code: 'BAD-1',
        cellType: 'ordinary',
        certifiedCapacity,
        floorAreaM2,
      });
      expect(cell.statusCode, path).toBe(400);
      expect(cell.json().errors[0].path).toBe(path);
    }
    const existingCell = (await units(byCode('PILOT-1')))[0]!.cells[0]!;
    const sameCell = await send('POST', `/api/v1/units/${unitId}/cells`, admin, {
      code: existingCell.code,
      cellType: 'ordinary',
      certifiedCapacity: 2,
      floorAreaM2: 12,
    });
    expect(sameCell.statusCode).toBe(409);
    expect(sameCell.json().errors[0].code).toBe('code_taken');

    expect((await get('/api/v1/institutions')).json().items.length).toBe(before);
    expect((await units(byCode('PILOT-1')))[0]!.cells.some((c) => c.code === 'BAD-1')).toBe(false);
    expect((await structureAudits()).length).toBe(audits);
  });

  it('the governor adds a unit and a cell to their own prison; a small cell is flagged at once (RES-8)', async () => {
    const pilot1 = byCode('PILOT-1');
    const unit = await send('POST', `/api/v1/institutions/${pilot1}/units`, governor, {
      code: 'N',
      name: 'Yeni blok',
    });
    expect(unit.statusCode).toBe(201);
    const unitId = unit.json().id;
    const again = await send('POST', `/api/v1/institutions/${pilot1}/units`, governor, {
      code: 'N',
      name: 'Eyni',
    });
    expect(again.statusCode).toBe(409);

    const cell = await send('POST', `/api/v1/units/${unitId}/cells`, governor, {
      code: 'N-001',
      cellType: 'ordinary',
      certifiedCapacity: 3,
      floorAreaM2: 10.5,
    });
    expect(cell.statusCode).toBe(201);
    // 10.5 m² for 3 people is 3.5 m² each: below 4 m².
    expect(cell.json()).toMatchObject({ version: 1, occupants: 0, spaceProblems: ['below_shared_minimum'] });

    const shown = (await units(pilot1)).find((u) => u.id === unitId)!;
    expect(shown).toMatchObject({ code: 'N', name: 'Yeni blok', version: 1 });
    expect(shown.cells).toEqual([
      expect.objectContaining({ code: 'N-001', certifiedCapacity: 3, floorAreaM2: 10.5, version: 1 }),
    ]);
    const audits = await structureAudits();
    expect(audits).toContain(`registry.unit.create ${unitId}`);
    expect(audits).toContain(`registry.cell.create ${cell.json().id}`);

    const renamed = await send('PATCH', `/api/v1/units/${unitId}`, governor, {
      code: 'N',
      name: 'Yeni blok (təmirdən sonra)',
      version: 1,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(2);
  });

  it('403: roles without the permission, a governor adding an institution or touching another prison', async () => {
    const pilot2 = byCode('PILOT-2');
    const unit2 = (await units(pilot2))[0]!;
    const cell2 = unit2.cells[0]!;
    const cellBody = {
      code: cell2.code,
      cellType: 'ordinary',
      certifiedCapacity: 1,
      floorAreaM2: 50,
      version: cell2.version,
    };
    const audits = (await structureAudits()).length;

    for (const session of [officer, inspector]) {
      const refused = await send('POST', '/api/v1/institutions', session, institution({ code: 'NOPE' }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('forbidden');
      expect((await send('PATCH', `/api/v1/cells/${cell2.id}`, session, cellBody)).statusCode).toBe(403);
      expect(
        (
          await send('POST', `/api/v1/institutions/${byCode('PILOT-1')}/units`, session, {
            code: 'X',
            name: 'X',
          })
        ).statusCode,
      ).toBe(403);
    }

    // ADR 0009: a new institution needs national scope or the system administrator.
    expect(
      (await send('POST', '/api/v1/institutions', governor, institution({ code: 'GOV' }))).statusCode,
    ).toBe(403);
    // The governor works in PILOT-1 only.
    const otherCell = await send('PATCH', `/api/v1/cells/${cell2.id}`, governor, cellBody);
    expect(otherCell.statusCode).toBe(403);
    expect(otherCell.json().code).toBe('forbidden');
    expect(
      (
        await send('PATCH', `/api/v1/units/${unit2.id}`, governor, {
          code: unit2.code,
          name: 'X',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await send('POST', `/api/v1/units/${unit2.id}/cells`, governor, { ...cellBody, code: 'G-1' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await send('POST', `/api/v1/institutions/${pilot2}/units`, governor, { code: 'G', name: 'G' }))
        .statusCode,
    ).toBe(403);
    const p2 = await detail(pilot2);
    expect(
      (
        await send('PATCH', `/api/v1/institutions/${pilot2}`, governor, {
          ...institution({ code: 'PILOT-2', capacity: 1 }),
          version: p2.version,
        })
      ).statusCode,
    ).toBe(403);

    // Nothing changed, nothing written.
    const after = (await units(pilot2))[0]!.cells[0]!;
    expect(after).toMatchObject({
      floorAreaM2: cell2.floorAreaM2,
      certifiedCapacity: cell2.certifiedCapacity,
    });
    expect((await structureAudits()).length).toBe(audits);
  });

  it('RES-8: a capacity below the people held is saved but flagged; a stale version is a 409', async () => {
    const pilot1 = byCode('PILOT-1');
    const occupied = (await units(pilot1)).flatMap((u) => u.cells).find((c) => c.occupants >= 2)!;
    expect(occupied).toBeDefined();
    const body = {
      code: occupied.code,
      cellType: 'ordinary',
      certifiedCapacity: occupied.occupants - 1,
      floorAreaM2: occupied.floorAreaM2,
      version: occupied.version,
    };
    const res = await send('PATCH', `/api/v1/cells/${occupied.id}`, governor, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: occupied.version + 1,
      occupants: occupied.occupants,
      warnings: ['capacity_below_occupancy'],
    });
    expect(res.json().spaceProblems).toContain('over_capacity');
    const alerts = (await get('/api/v1/registry/space-alerts', governor)).json().items;
    expect(alerts.find((a: { cellId: string }) => a.cellId === occupied.id).problems).toContain(
      'over_capacity',
    );

    // The same version again: someone else's change came first.
    const stale = await send('PATCH', `/api/v1/cells/${occupied.id}`, governor, {
      ...body,
      certifiedCapacity: 20,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const now = (await units(pilot1)).flatMap((u) => u.cells).find((c) => c.id === occupied.id)!;
    expect(now.certifiedCapacity).toBe(occupied.occupants - 1);

    // The institution: capacity below its population is flagged too.
    const inst = await detail(pilot1);
    const lowered = await send('PATCH', `/api/v1/institutions/${pilot1}`, governor, {
      code: inst.code,
      name: inst.name,
      kind: inst.kind,
      populationSex: inst.populationSex,
      capacity: 10,
      timeZone: inst.timeZone,
      version: inst.version,
    });
    expect(lowered.statusCode).toBe(200);
    expect(lowered.json().warnings).toEqual(['capacity_below_occupancy']);
    expect((await detail(pilot1)).capacity).toBe(10);
    // A governor may not rename the institution's code (that is the administrator's, like adding one).
    const recoded = await send('PATCH', `/api/v1/institutions/${pilot1}`, governor, {
      ...institution({ code: 'PILOT-9' }),
      version: inst.version + 1,
    });
    expect(recoded.statusCode).toBe(403);
  });

  it('the administrator edits an institution: an unknown time zone or a taken code changes nothing', async () => {
    const id = byCode('PILOT-W');
    const inst = await detail(id);
    const base = {
      code: inst.code,
      name: inst.name,
      kind: inst.kind,
      populationSex: inst.populationSex,
      capacity: inst.capacity,
      timeZone: inst.timeZone,
      version: inst.version,
    };
    expect(
      (await send('PATCH', `/api/v1/institutions/${id}`, admin, { ...base, timeZone: 'Mars/Olympus' }))
        .statusCode,
    ).toBe(400);
    const taken = await send('PATCH', `/api/v1/institutions/${id}`, admin, { ...base, code: 'PILOT-2' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].code).toBe('code_taken');
    expect(await detail(id)).toMatchObject({ code: 'PILOT-W', version: inst.version });
    const ok = await send('PATCH', `/api/v1/institutions/${id}`, admin, {
      ...base,
      timeZone: 'Europe/Istanbul',
    });
    expect(ok.statusCode).toBe(200);
    expect(await detail(id)).toMatchObject({ timeZone: 'Europe/Istanbul', version: inst.version + 1 });
  });

  it('SEG-12: a cell marked constantly lit or without natural light cannot be allocated; its lighting history is kept', async () => {
    const pilot1 = byCode('PILOT-1');
    const cell = (await units(pilot1))
      .flatMap((u) => u.cells)
      .find((c) => c.cellType === 'ordinary' && c.occupants < c.certifiedCapacity)!;
    expect(cell.lighting).toBe('adequate');
    const put = (session: Session, payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/cells/${cell.id}/lighting`,
        headers: session.headers,
        payload,
      });
    const changes = async () =>
      t.services.database.db
        .selectFrom('cell_lighting_change')
        .select(['lighting', 'since', 'reason'])
        .where('cell_id', '=', cell.id)
        .orderBy('recorded_at')
        .execute();
    const lit = { lighting: 'constantly_lit', since: '2026-11-27', reason: 'Lamp wired without a switch' };

    // Bad input, no permission, a stale version: nothing changed, nothing audited.
    const audits = (await structureAudits()).length;
    const bad = await put(governor, { ...lit, lighting: 'dim', version: cell.version });
    expect(bad.statusCode).toBe(400);
    expect((await put(governor, { ...lit, reason: ' ', version: cell.version })).statusCode).toBe(400);
    expect((await put(officer, { ...lit, version: cell.version })).statusCode).toBe(403);
    expect((await put(governor, { ...lit, version: cell.version + 5 })).statusCode).toBe(409);
    expect(await changes()).toEqual([]);
    expect((await structureAudits()).length).toBe(audits);

    const ok = await put(governor, { ...lit, version: cell.version });
    expect(ok.statusCode).toBe(200);
    const shown = (await units(pilot1)).flatMap((u) => u.cells).find((c) => c.id === cell.id)!;
    expect(shown).toMatchObject({
      lighting: 'constantly_lit',
      lightingSince: '2026-11-27',
      lightingReason: 'Lamp wired without a switch',
      version: cell.version + 1,
    });
    const audit = await t.services.database.db
      .selectFrom('audit_event')
      .select(['resource_id'])
      .where('action', '=', 'registry.cell.lighting')
      .execute();
    expect(audit.map((a) => a.resource_id)).toEqual([cell.id]);

    // The registry refuses to place anyone there, in words, and writes nothing.
    const registrar = await signIn(t.app, 'demo.registry-officer');
    const admitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: registrar.headers,
      payload: {
        person: personBody({ surnameLatin: 'İşıqlı', birthDate: '1985-03-03' }),
        admission: admissionBody(pilot1, new Date(Date.now() - 5 * 3_600_000).toISOString()),
        confirmedNotDuplicate: true,
      },
    });
    expect(admitted.statusCode).toBe(201);
    const personId = admitted.json().id as string;
    const place = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/persons/${personId}/events`,
        headers: registrar.headers,
        payload: {
          type: 'placement',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          cellId: cell.id,
        },
      });
    const eventsBefore = (await get(`/api/v1/persons/${personId}/events`, registrar)).json();
    const refused = await place();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('event_not_allowed');
    expect(refused.json().errors[0].code).toBe('event_cell_lighting');
    expect((await get(`/api/v1/persons/${personId}/events`, registrar)).json()).toEqual(eventsBefore);
    expect((await get(`/api/v1/persons/${personId}`, registrar)).json().cell).toBeNull();

    // Without natural light: the same. Adequate again: the placement is allowed.
    const dark = await put(governor, {
      lighting: 'no_natural_light',
      since: '2026-11-28',
      reason: 'Window bricked up',
      version: cell.version + 1,
    });
    expect(dark.statusCode).toBe(200);
    expect((await place()).json().errors[0].code).toBe('event_cell_lighting');
    const fixed = await put(governor, {
      lighting: 'adequate',
      since: '2026-11-28',
      reason: 'Window reopened, switch fitted',
      version: cell.version + 2,
    });
    expect(fixed.statusCode).toBe(200);
    expect((await place()).statusCode).toBe(201);
    expect((await changes()).map((c) => c.lighting)).toEqual([
      'constantly_lit',
      'no_natural_light',
      'adequate',
    ]);
  });
});
