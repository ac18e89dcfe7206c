import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { admissionSchema, nameTokens } from '@custodia/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  buildTestApp,
  postgresUnavailableReason,
  type Session,
  seedTestDemo,
  signIn,
  signInAs,
  type TestApp,
} from '../../test/app.ts';

const skip = postgresUnavailableReason();

describe.skipIf(skip)('registry', () => {
  let t: TestApp;
  let registrar: Session;
  let institutions: { id: string; code: string }[];
  const byCode = (code: string) => institutions.find((i) => i.code === code)!.id;

  const admission = (institutionId: string, overrides: Record<string, unknown> = {}) => ({
    institutionId,
    admittedAt: '2026-11-27T10:00:00.000Z',
    commitmentOrderReference: 'QƏR-2026-12345',
    issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
    legalBasis: 'CM 177.2',
    legalStatus: 'remand',
    arrestedAt: '2026-11-25T08:00:00.000Z',
    arrestPlace: 'Bakı',
    visibleInjuries: 'Yoxdur',
    illTreatmentComplaints: 'Yoxdur',
    propertySummary: 'Saat, telefon',
    familyMembers: [
      { relation: 'qızı', name: 'Leyla', isChild: true, age: 6, whereabouts: 'Bakı', caredForBy: 'nənəsi' },
    ],
    emergencyContact: { name: 'Rəşid Məmmədov', relation: 'qardaş', phone: '+994 50 123 45 67' },
    informationGivenInLanguage: true,
    ...overrides,
  });
  const person = (overrides: Record<string, unknown> = {}) => ({
    surnameLatin: 'Məmmədov',
    givenNameLatin: 'Əli',
    patronymicLatin: 'Vüqar oğlu',
    surnameCyrillic: null,
    givenNameCyrillic: null,
    birthDate: '1990-05-04',
    sex: 'male',
    citizenship: 'AZ',
    language: 'az',
    interpreterNeeded: false,
    prisonNumber: `T-${Math.floor(Math.random() * 1e9)}`,
    ...overrides,
  });
  const admit = (body: unknown, session = registrar) => as(session).post('/api/v1/persons', body);
  const event = (id: string, body: unknown, session = registrar) =>
    as(session).post(`/api/v1/persons/${id}/events`, body);
  const get = (url: string, session = registrar) => as(session).get(url);

  beforeAll(async () => {
    t = await buildTestApp({ now: '2026-11-28T09:00:00.000Z' });
    t.clock.set(new Date()); // the demo data is relative to the real time of seeding
    await seedTestDemo(t);
    t.clock.set('2026-11-28T09:00:00.000Z');
    registrar = await signInAs(t.app, 'registry_officer');
    institutions = (await get('/api/v1/institutions')).json().items;
  });
  afterAll(async () => t?.close());

  it('has the three pilot institutions, one for women with a mother-and-baby unit', async () => {
    expect(institutions.map((i) => i.code)).toEqual(['PILOT-1', 'PILOT-2', 'PILOT-W']);
    const women = (await get(`/api/v1/institutions/${byCode('PILOT-W')}`)).json();
    expect(women.populationSex).toBe('female');
    const types = women.units.flatMap((u: { cells: { cellType: string }[] }) =>
      u.cells.map((c) => c.cellType),
    );
    expect(types).toContain('mother_and_baby');
  });

  it('ADM-3: an admission without the Mandela rule 7 data is refused with field errors, and nothing is written', async () => {
    const before = (await get('/api/v1/persons?limit=1&q=Zzyzx')).json().items.length;
    const { emergencyContact: _e, propertySummary: _p, ...partial } = admission(byCode('PILOT-1'));
    const res = await admit({
      person: person({ surnameLatin: 'Zzyzx' }),
      admission: { ...partial, visibleInjuries: '' },
    });
    expect(res).toHaveStatus(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.admission.emergencyContact',
        'body.admission.propertySummary',
        'body.admission.visibleInjuries',
      ]),
    );
    expect((await get('/api/v1/persons?limit=1&q=Zzyzx')).json().items.length).toBe(before);
  });

  it('admits, finds by a Cyrillic spelling, places, transfers and shows the whole history in order', async () => {
    const res = await admit({
      person: person({ surnameLatin: 'Qurbanov', givenNameLatin: 'Elşən', birthDate: '1985-01-02' }),
      admission: admission(byCode('PILOT-1')),
    });
    expect(res).toHaveStatus(201);
    const id = res.json().id;
    const found = (await get(`/api/v1/persons?q=${encodeURIComponent('Гурбанов Эльшан')}`)).json().items;
    expect(found.map((p: { id: string }) => p.id)).toContain(id);

    const detail = (await get(`/api/v1/institutions/${byCode('PILOT-1')}`)).json();
    const cell = detail.units
      .flatMap((u: { cells: unknown[] }) => u.cells)
      .find(
        (c: { occupants: number; certifiedCapacity: number; cellType: string }) =>
          c.cellType === 'ordinary' && c.occupants < c.certifiedCapacity,
      );
    expect(
      (await event(id, { type: 'placement', occurredAt: '2026-11-27T11:00:00Z', cellId: cell.id }))
        .statusCode,
    ).toBe(201);
    let p = (await get(`/api/v1/persons/${id}`)).json();
    expect(p).toMatchObject({
      status: 'in_custody',
      cell: { id: cell.id },
      institution: { code: 'PILOT-1' },
    });

    const out = await event(id, {
      type: 'transfer_out',
      occurredAt: '2026-11-28T06:00:00Z',
      destinationInstitutionId: byCode('PILOT-2'),
    });
    expect(out).toHaveStatus(201);
    p = (await get(`/api/v1/persons/${id}`)).json();
    expect(p).toMatchObject({
      status: 'in_transit',
      cell: null,
      destinationInstitution: { code: 'PILOT-2' },
    });

    const early = await event(id, { type: 'transfer_in', occurredAt: '2026-11-28T05:00:00Z' });
    expect(early).toHaveStatus(400);
    expect(early.json().errors[0].code).toBe('event_before_previous_event');
    expect((await event(id, { type: 'transfer_in', occurredAt: '2026-11-28T08:00:00Z' })).statusCode).toBe(
      201,
    );
    p = (await get(`/api/v1/persons/${id}`)).json();
    expect(p).toMatchObject({ status: 'in_custody', institution: { code: 'PILOT-2' } });

    const history = (await get(`/api/v1/persons/${id}/events`)).json().items;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'admission',
      'placement',
      'transfer_out',
      'transfer_in',
    ]);
    expect(history[0].data).toMatchObject({
      commitmentOrderReference: 'QƏR-2026-12345',
      emergencyContact: { relation: 'qardaş' },
    });
  });

  it('impossible dates and transitions are refused with their own codes and change nothing', async () => {
    const beforeBirth = await admit({
      person: person({ birthDate: '2027-01-01' }),
      admission: admission(byCode('PILOT-1')),
    });
    expect(beforeBirth).toHaveStatus(400);
    const arrestLater = await admit({
      person: person(),
      admission: admission(byCode('PILOT-1'), { arrestedAt: '2026-11-27T12:00:00.000Z' }),
      confirmedNotDuplicate: true,
    });
    expect(arrestLater.json().errors[0].code).toBe('event_arrest_after_admission');

    const id = (
      await admit({
        person: person({ surnameLatin: 'Rzayev', birthDate: '1970-03-03' }),
        admission: admission(byCode('PILOT-1')),
      })
    ).json().id;
    const releaseEarly = await event(id, {
      type: 'release',
      occurredAt: '2026-11-01T00:00:00Z',
      releaseReason: 'Bəraət',
    });
    expect(releaseEarly.json().errors[0].code).toBe('event_before_previous_event');
    expect(
      (await event(id, { type: 'release', occurredAt: '2026-11-28T07:00:00Z', releaseReason: 'Bəraət' }))
        .statusCode,
    ).toBe(201);
    const transferReleased = await event(id, {
      type: 'transfer_out',
      occurredAt: '2026-11-28T08:00:00Z',
      destinationInstitutionId: byCode('PILOT-2'),
    });
    expect(transferReleased).toHaveStatus(400);
    expect(transferReleased.json().errors[0].code).toBe('event_not_in_custody');
    const history = (await get(`/api/v1/persons/${id}/events`)).json().items;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['admission', 'release']);
  });

  it('a duplicate prison number and a possible duplicate person are refused until confirmed', async () => {
    const first = person({
      surnameLatin: 'Vəliyev',
      givenNameLatin: 'Anar',
      birthDate: '1979-09-09',
      prisonNumber: 'DUP-1',
    });
    expect((await admit({ person: first, admission: admission(byCode('PILOT-1')) })).statusCode).toBe(201);
    const sameNumber = await admit({
      person: { ...first, surnameLatin: 'Other' },
      admission: admission(byCode('PILOT-1')),
    });
    expect(sameNumber).toHaveStatus(409);
    expect(sameNumber.json().code).toBe('prison_number_taken');
    const twin = {
      ...first,
      surnameLatin: null,
      givenNameLatin: null,
      surnameCyrillic: 'Велиев',
      givenNameCyrillic: 'Анар',
      patronymicLatin: 'Vüqar oğlu',
      prisonNumber: 'DUP-2',
    };
    const asked = await admit({ person: twin, admission: admission(byCode('PILOT-1')) });
    expect(asked).toHaveStatus(409);
    expect(asked.json().code).toBe('possible_duplicate');
    expect(asked.json().candidates[0]).toMatchObject({ prisonNumber: 'DUP-1', birthDate: '1979-09-09' });
    expect(
      (await admit({ person: twin, admission: admission(byCode('PILOT-1')), confirmedNotDuplicate: true }))
        .statusCode,
    ).toBe(201);
  });

  it('a possible duplicate in another prison is shown by name, date of birth and prison only', async () => {
    const elsewhere = person({
      surnameLatin: 'Nəsirov',
      givenNameLatin: 'Elvin',
      birthDate: '1984-02-17',
      prisonNumber: 'DUP-ELSEWHERE',
    });
    expect((await admit({ person: elsewhere, admission: admission(byCode('PILOT-2')) })).statusCode).toBe(
      201,
    );
    // A registry officer who works in PILOT-1 only.
    const { oneTimePassword } = await t.services.identity.createUser(
      { userId: null, username: 'test', role: null, clientAddress: null },
      {
        username: 'pilot1.registrar',
        displayName: 'PILOT-1 registrar',
        roles: ['registry_officer'],
        institutionIds: [byCode('PILOT-1')],
        language: 'en',
      },
    );
    await t.services.database.db
      .updateTable('user_account')
      .set({ must_change_password: 0 })
      .where('username', '=', 'pilot1.registrar')
      .execute();
    const local = await signIn(t.app, 'pilot1.registrar', oneTimePassword);
    const asked = await admit(
      { person: { ...elsewhere, prisonNumber: 'DUP-HERE' }, admission: admission(byCode('PILOT-1')) },
      local,
    );
    expect(asked).toHaveStatus(409);
    expect(asked.json().code).toBe('possible_duplicate');
    expect(asked.json().candidates).toEqual([
      {
        id: null,
        prisonNumber: null,
        surnameLatin: 'Nəsirov',
        givenNameLatin: 'Elvin',
        surnameCyrillic: null,
        givenNameCyrillic: null,
        birthDate: '1984-02-17',
        institution: expect.objectContaining({ code: 'PILOT-2' }),
      },
    ]);
    expect(asked.body).not.toContain('DUP-ELSEWHERE');
    // Someone in one's own scope keeps the link and the number.
    const inScope = await admit({
      person: { ...elsewhere, prisonNumber: 'DUP-AGAIN' },
      admission: admission(byCode('PILOT-2')),
    });
    expect(inScope.json().candidates[0]).toMatchObject({
      prisonNumber: 'DUP-ELSEWHERE',
      id: expect.any(String),
      institution: expect.objectContaining({ code: 'PILOT-2' }),
    });
  });

  it('a placement over capacity needs a reason; a cell of another institution is refused', async () => {
    const id = (
      await admit({
        person: person({ surnameLatin: 'Bağırov', birthDate: '1981-02-02' }),
        admission: admission(byCode('PILOT-1')),
      })
    ).json().id;
    const other = (await get(`/api/v1/institutions/${byCode('PILOT-2')}`)).json().units[0].cells[0];
    const elsewhere = await event(id, {
      type: 'placement',
      occurredAt: '2026-11-27T11:00:00Z',
      cellId: other.id,
    });
    expect(elsewhere.json().errors[0].code).toBe('event_cell_elsewhere');
    const cells = (await get(`/api/v1/institutions/${byCode('PILOT-1')}`))
      .json()
      .units.flatMap((u: { cells: unknown[] }) => u.cells);
    const full = cells.find(
      (c: { occupants: number; certifiedCapacity: number }) => c.occupants >= c.certifiedCapacity,
    );
    const refused = await event(id, {
      type: 'placement',
      occurredAt: '2026-11-27T11:00:00Z',
      cellId: full.id,
    });
    expect(refused).toHaveStatus(400);
    expect(refused.json().code).toBe('over_capacity');
    const allowed = await event(id, {
      type: 'placement',
      occurredAt: '2026-11-27T11:00:00Z',
      cellId: full.id,
      overCapacityReason: 'Gecə qəbulu, səhər köçürüləcək',
    });
    expect(allowed).toHaveStatus(201);
  });

  it('a correction marks an event entered in error and the status is derived again', async () => {
    const id = (
      await admit({
        person: person({ surnameLatin: 'Nəsirli', birthDate: '1992-02-02' }),
        admission: admission(byCode('PILOT-1')),
      })
    ).json().id;
    const release = await event(id, {
      type: 'release',
      occurredAt: '2026-11-28T07:00:00Z',
      releaseReason: 'Səhv',
    });
    expect((await get(`/api/v1/persons/${id}`)).json().status).toBe('released');
    const fix = await event(id, {
      type: 'entered_in_error',
      occurredAt: '2026-11-28T08:30:00Z',
      correctsEventId: release.json().id,
      reason: 'Başqa şəxsin qeydi idi',
    });
    expect(fix).toHaveStatus(201);
    expect((await get(`/api/v1/persons/${id}`)).json().status).toBe('in_custody');
    const history = (await get(`/api/v1/persons/${id}/events`)).json().items;
    expect(history.find((e: { type: string }) => e.type === 'release').enteredInError).toBe(true);
  });

  it('ADM-5: a return from police custody or investigation is recorded as such', async () => {
    const id = (
      await admit({
        person: person({ surnameLatin: 'Orucov', birthDate: '1993-03-03' }),
        admission: admission(byCode('PILOT-1')),
      })
    ).json().id;
    await event(id, {
      type: 'absence_out',
      occurredAt: '2026-11-27T12:00:00Z',
      absenceKind: 'investigative',
    });
    expect((await get(`/api/v1/persons/${id}`)).json().status).toBe('temporarily_absent');
    await event(id, {
      type: 'absence_return',
      occurredAt: '2026-11-28T07:00:00Z',
      returnedFromPoliceOrInvestigation: true,
    });
    const history = (await get(`/api/v1/persons/${id}/events`)).json().items;
    expect(history.at(-1)).toMatchObject({ type: 'absence_return', returnedFromPoliceOrInvestigation: true });
  });

  it('scope: staff see only the people of their institutions; national roles see all', async () => {
    const id = (
      await admit({
        person: person({ surnameLatin: 'Səfərov', birthDate: '1975-05-05' }),
        admission: admission(byCode('PILOT-2')),
      })
    ).json().id;
    const officer = await signInAs(t.app, 'custodial_officer'); // works in PILOT-1 only
    expect((await get(`/api/v1/persons/${id}`, officer)).statusCode).toBe(404);
    expect((await get('/api/v1/persons/no-such-id', officer)).statusCode).toBe(404);
    const found = (await get('/api/v1/persons?q=Səfərov&limit=200', officer)).json().items;
    expect(found.some((p: { id: string }) => p.id === id)).toBe(false);
    const inspector = await signInAs(t.app, 'inspector');
    expect((await get(`/api/v1/persons/${id}`, inspector)).statusCode).toBe(200);
  });

  it('RES-8: the governor sees cells below the living-space standard and over capacity', async () => {
    const governor = await signInAs(t.app, 'governor');
    const alerts = (await get('/api/v1/registry/space-alerts', governor)).json().items;
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a: { institutionCode: string }) => a.institutionCode === 'PILOT-1')).toBe(true);
    const inspector = await signInAs(t.app, 'inspector');
    const all = (await get('/api/v1/registry/space-alerts', inspector)).json().items;
    // PILOT-2's segregation cells are 5.5 m² for one person: below 6 m².
    expect(
      all.some(
        (a: { institutionCode: string; problems: string[] }) =>
          a.institutionCode === 'PILOT-2' && a.problems.includes('below_single_minimum'),
      ),
    ).toBe(true);
    const officer = await signInAs(t.app, 'custodial_officer');
    expect((await get('/api/v1/registry/space-alerts', officer)).statusCode).toBe(403);
  });

  it('the worklist shows people in transit for over 24 hours', async () => {
    t.clock.set(new Date());
    const inspector = await signInAs(t.app, 'inspector');
    const items = (await get('/api/v1/worklist', inspector)).json().items;
    expect(
      items.filter((i: { kind: string }) => i.kind === 'in_transit_over_24h').length,
    ).toBeGreaterThanOrEqual(3);
    t.clock.set('2026-11-28T09:00:00.000Z');
  });

  it('pages the search, never more than the maximum', async () => {
    const page1 = (await get('/api/v1/persons?q=oğlu&limit=50')).json();
    expect(page1.items).toHaveLength(50);
    const page2 = (await get(`/api/v1/persons?q=oğlu&limit=50&cursor=${page1.nextCursor}`)).json();
    const ids = new Set([...page1.items, ...page2.items].map((p: { id: string }) => p.id));
    expect(ids.size).toBe(100);
    // The cursor names no one: it ends up in URLs and proxy logs.
    expect(Buffer.from(page1.nextCursor, 'base64url').toString()).toBe(JSON.stringify([page1.items[49].id]));
    expect((await get('/api/v1/persons?q=oğlu&limit=50&cursor=WyJub3BlIl0')).json().code).toBe('bad_cursor');
    expect((await get('/api/v1/persons?limit=500')).statusCode).toBe(400);
  });

  it('a search with no letter or digit (%, _, -, an emoji) answers 200 with no one, never 500', async () => {
    for (const q of ['%', '_', '-', '%%', '--', '😀', ' % ', '\\']) {
      const res = await get(`/api/v1/persons?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json(), q).toEqual({ items: [], nextCursor: null });
    }
  });

  it('search across scripts: every spelling of a generated name finds the person', async () => {
    const stems = [
      'Məmməd',
      'Həsən',
      'Quliy',
      'Hüseyn',
      'Cəfər',
      'Şükür',
      'Xəlil',
      'İsmayıl',
      'Hacıy',
      'Əliy',
    ];
    const spellings: Record<string, string[]> = {
      Məmməd: ['Məmmədov', 'Мамедов', 'Mammadov', 'memmedov', 'Mamedov'],
      Həsən: ['Həsənov', 'Гасанов', 'Hasanov', 'Gasanov'],
      Quliy: ['Quliyev', 'Кулиев', 'Guliyev', 'Kuliev'],
      Hüseyn: ['Hüseynov', 'Гусейнов', 'Huseynov', 'Guseynov'],
      Cəfər: ['Cəfərov', 'Джафаров', 'Jafarov', 'Dzhafarov'],
      Şükür: ['Şükürov', 'Шукюров', 'Shukurov'],
      Xəlil: ['Xəlilov', 'Халилов', 'Khalilov'],
      İsmayıl: ['İsmayılov', 'Исмаилов', 'Ismayilov'],
      Hacıy: ['Hacıyev', 'Гаджиев', 'Hajiyev'],
      Əliy: ['Əliyev', 'Алиев', 'Aliyev'],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...stems),
        fc.integer({ min: 1940, max: 2005 }),
        fc.boolean(),
        async (stem, year, cyrillicOnly) => {
          const [canonical, ...others] = spellings[stem]!;
          const given = `Test${year}`;
          const input = cyrillicOnly
            ? person({
                surnameLatin: null,
                givenNameLatin: null,
                surnameCyrillic: others[0],
                givenNameCyrillic: given,
                birthDate: `${year}-01-01`,
              })
            : person({ surnameLatin: canonical, givenNameLatin: given, birthDate: `${year}-01-01` });
          const res = await admit({
            person: input,
            admission: admission(byCode('PILOT-1')),
            confirmedNotDuplicate: true,
          });
          expect(res).toHaveStatus(201);
          const id = res.json().id;
          for (const spelling of [canonical!, ...others]) {
            expect(nameTokens(spelling)).toEqual(nameTokens(canonical!));
            const q = encodeURIComponent(`${spelling.slice(0, 5)} ${given}`);
            const items = (await get(`/api/v1/persons?q=${q}&limit=200`)).json().items;
            expect(
              items.map((p: { id: string }) => p.id),
              spelling,
            ).toContain(id);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  describe('a person’s photo (ADM-3 identity)', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
    const put = (id: string, body: Buffer, contentType: string, session = registrar) =>
      as(session).put(`/api/v1/persons/${id}/photo`, body, { 'content-type': contentType });
    const photoRows = async (id?: string) => {
      let q = t.services.database.db.selectFrom('person_photo').selectAll();
      if (id) q = q.where('person_id', '=', id);
      return q.orderBy('uploaded_at').execute();
    };
    const storedFiles = () => {
      const dir = t.services.config.storageDir;
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
    };
    let id: string;

    beforeAll(async () => {
      id = (
        await admit({
          person: person({ surnameLatin: 'Fotoqrafov', birthDate: '1988-08-08' }),
          admission: admission(byCode('PILOT-2')),
        })
      ).json().id;
    });

    it('a person without a photo says so, and the photo address answers 404', async () => {
      expect((await get(`/api/v1/persons/${id}`)).json().photo).toBeNull();
      const res = await get(`/api/v1/persons/${id}/photo`);
      expect(res).toHaveStatus(404);
      expect(res.json().code).toBe('not_found');
    });

    it('the type is read from the content: a PNG sent as text is stored as a PNG, and read back unchanged', async () => {
      const res = await put(id, png, 'text/plain');
      expect(res).toHaveStatus(201);
      expect(res.json()).toMatchObject({
        contentType: 'image/png',
        size: png.length,
        sha256: createHash('sha256').update(png).digest('hex'),
      });
      const back = await get(`/api/v1/persons/${id}/photo`);
      expect(back).toHaveStatus(200);
      expect(back.headers['content-type']).toBe('image/png');
      expect(back.headers['cache-control']).toBe('private, no-store');
      expect(back.rawPayload.equals(png)).toBe(true);
      expect((await get(`/api/v1/persons/${id}`)).json().photo).toMatchObject({ contentType: 'image/png' });
      const audited = await t.services.database.db
        .selectFrom('audit_event')
        .select(['action', 'person_id'])
        .where('action', '=', 'registry.person.photo')
        .where('person_id', '=', id)
        .execute();
      expect(audited).toHaveLength(1);
    });

    it('a text file claimed as JPEG, a PDF and an oversized image are refused, translated, and nothing is stored', async () => {
      const rows = (await photoRows()).length;
      const files = storedFiles().length;
      const text = await put(id, Buffer.from('this is not a photo, whatever its name says'), 'image/jpeg');
      expect(text).toHaveStatus(415);
      expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(text.json()).toMatchObject({ code: 'unsupported_media_type', errors: [{ code: 'photo_type' }] });
      const pdf = await put(id, Buffer.from('%PDF-1.7\n'), 'image/png');
      expect(pdf).toHaveStatus(415);
      const huge = Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024, 3)]);
      const tooBig = await put(id, huge, 'image/jpeg');
      expect(tooBig).toHaveStatus(413);
      expect(tooBig.json().code).toBe('payload_too_large');
      const empty = await put(id, Buffer.alloc(0), 'image/jpeg');
      expect(empty).toHaveStatus(415);
      expect((await photoRows()).length).toBe(rows);
      expect(storedFiles().length).toBe(files);
    });

    it('a new photo replaces the old one for display; the old one stays as history', async () => {
      t.clock.advance(60_000);
      const res = await put(id, jpeg, 'image/jpeg');
      expect(res).toHaveStatus(201);
      const back = await get(`/api/v1/persons/${id}/photo`);
      expect(back.headers['content-type']).toBe('image/jpeg');
      expect(back.rawPayload.equals(jpeg)).toBe(true);
      const rows = await photoRows(id);
      expect(rows.map((r) => r.content_type)).toEqual(['image/png', 'image/jpeg']);
      // Both files are still there, each under its own hash.
      expect(await t.services.storage.get(rows[0]!.storage_key)).toEqual(png);
    });

    it('out of scope answers exactly like a missing person, and stores nothing', async () => {
      const officer = await signInAs(t.app, 'custodial_officer'); // PILOT-1 only; the person is in PILOT-2
      const hidden = await get(`/api/v1/persons/${id}/photo`, officer);
      const missing = await get('/api/v1/persons/no-such-person/photo', officer);
      expect(hidden).toHaveStatus(404);
      expect(hidden.json()).toEqual(missing.json());
      // The officer may not write at all; a writer of another institution gets the same 404.
      expect((await put(id, jpeg, 'image/jpeg', officer)).statusCode).toBe(403);
      const files = storedFiles().length;
      const rows = (await photoRows()).length;
      const other = Buffer.concat([jpeg, Buffer.from('other')]);
      await expect(
        t.services.registry.putPhoto(
          { userId: null, username: 'test', role: 'registry_officer', clientAddress: null },
          { institutionIds: [byCode('PILOT-1')], national: false },
          id,
          other,
        ),
      ).rejects.toMatchObject({ code: 'not_found', status: 404 });
      expect(storedFiles().length).toBe(files);
      expect((await photoRows()).length).toBe(rows);
    });
  });

  describe('re-admission of a released person (ADM-3)', () => {
    const readmit = (id: string, body: unknown, session = registrar) =>
      as(session).post(`/api/v1/persons/${id}/admissions`, body);
    let id: string;
    const number = `RE-${Math.floor(Math.random() * 1e9)}`;

    beforeAll(async () => {
      id = (
        await admit({
          person: person({ surnameLatin: 'Qayıdanov', birthDate: '1977-07-07', prisonNumber: number }),
          admission: admission(byCode('PILOT-1'), {
            admittedAt: '2026-10-01T10:00:00.000Z',
            arrestedAt: '2026-09-30T10:00:00.000Z',
          }),
        })
      ).json().id;
    });

    it('is refused while the person is still in custody', async () => {
      const res = await readmit(id, { admission: admission(byCode('PILOT-1')) });
      expect(res).toHaveStatus(400);
      expect(res.json().errors[0].code).toBe('event_already_in_custody');
    });

    it('is refused before the release, or without the rule 7 data, and nothing changes', async () => {
      expect(
        (
          await event(id, {
            type: 'release',
            occurredAt: '2026-11-20T12:00:00Z',
            releaseReason: 'Cəza bitdi',
          })
        ).statusCode,
      ).toBe(201);
      const before = (await get(`/api/v1/persons/${id}/events`)).json().items;
      const early = await readmit(id, {
        admission: admission(byCode('PILOT-1'), {
          admittedAt: '2026-11-19T10:00:00.000Z',
          arrestedAt: '2026-11-18T10:00:00.000Z',
        }),
      });
      expect(early).toHaveStatus(400);
      expect(early.json()).toMatchObject({
        code: 'event_not_allowed',
        errors: [{ code: 'event_before_previous_event' }],
      });
      const { emergencyContact: _e, ...partial } = admission(byCode('PILOT-1'));
      const incomplete = await readmit(id, { admission: partial });
      expect(incomplete).toHaveStatus(400);
      expect(incomplete.json().errors.map((e: { path: string }) => e.path)).toContain(
        'body.admission.emergencyContact',
      );
      expect((await get(`/api/v1/persons/${id}/events`)).json().items).toEqual(before);
      expect((await get(`/api/v1/persons/${id}`)).json().status).toBe('released');
    });

    it('opens a new custody episode on the same person, in another institution, keeping the earlier one', async () => {
      const res = await readmit(id, {
        admission: admission(byCode('PILOT-2'), {
          legalStatus: 'sentenced',
          commitmentOrderReference: 'QƏR-2026-99999',
        }),
      });
      expect(res).toHaveStatus(201);
      const p = (await get(`/api/v1/persons/${id}`)).json();
      expect(p).toMatchObject({
        status: 'in_custody',
        institution: { code: 'PILOT-2' },
        legalStatus: 'sentenced',
        admittedAt: '2026-11-27T10:00:00.000Z',
      });
      const history = (await get(`/api/v1/persons/${id}/events`)).json().items;
      expect(history.map((e: { type: string }) => e.type)).toEqual(['admission', 'release', 'admission']);
      expect(history[0].data.commitmentOrderReference).toBe('QƏR-2026-12345');
      expect(history[2]).toMatchObject({
        occurredAt: '2026-11-27T10:00:00.000Z',
        data: { commitmentOrderReference: 'QƏR-2026-99999', emergencyContact: { relation: 'qardaş' } },
      });
      // Still one person with this prison number.
      expect((await get(`/api/v1/persons?q=${number}`)).json().items).toHaveLength(1);
    });

    it('answers 404 for a person out of scope, exactly like a missing one', async () => {
      const hidden = await t.services.registry
        .readmit(
          { userId: null, username: 'test', role: 'registry_officer', clientAddress: null },
          { institutionIds: [byCode('PILOT-W')], national: false },
          id,
          admissionSchema.parse(admission(byCode('PILOT-W'), { admittedAt: '2026-11-28T08:00:00.000Z' })),
        )
        .catch((e: unknown) => e);
      expect(hidden).toMatchObject({ code: 'not_found', status: 404 });
    });
  });
});
