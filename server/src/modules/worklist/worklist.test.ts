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
const NOW = '2026-11-28T09:00:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();

describe.skipIf(skip)('the worklist and the clinical task list: who sees clinical task kinds', () => {
  let t: TestApp;
  let registrar: Session;
  let officer: Session;
  let nurse: Session;
  let doctor: Session;
  let pilot1: string;
  let episodeId: string;
  let screeningTaskId: string;

  const call = (session: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function auditOf(username: string, action: string) {
    return t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('username', '=', username)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  beforeAll(async () => {
    t = await buildTestApp({ now: NOW });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    registrar = await signIn(t.app, 'demo.registry-officer');
    officer = await signIn(t.app, 'demo.officer');
    nurse = await signIn(t.app, 'demo.nurse');
    doctor = await signIn(t.app, 'demo.doctor');
    const institutions = (await call(registrar, 'GET', '/api/v1/institutions')).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
    const detail = (await call(registrar, 'GET', `/api/v1/institutions/${pilot1}`)).json();
    const cells = detail.units.flatMap((u: { cells: { id: string; cellType: string }[] }) => u.cells);
    const safeCell = cells.find((c: { cellType: string }) => c.cellType === 'safe').id;
    const governor = await signIn(t.app, 'demo.governor');
    const staff = (await call(governor, 'GET', `/api/v1/staff?institutionId=${pilot1}&limit=2`)).json()
      .items as { id: string }[];

    // A new admission: its screening is a clinical task of PILOT-1.
    const admitted = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin: 'Hüseynli', givenNameLatin: 'Elvin', birthDate: '1990-05-06' }),
      admission: admissionBody(pilot1, minutesBefore(600)),
      confirmedNotDuplicate: true,
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const personId = admitted.json().id as string;
    const chart = (await call(nurse, 'GET', `/api/v1/persons/${personId}/chart`)).json();
    screeningTaskId = chart.tasks.find((x: { kind: string }) => x.kind === 'admission_screening').id;

    // An emergency seclusion started 70 minutes ago: the doctor's examination (RST-2) is overdue.
    const started = await call(officer, 'POST', `/api/v1/persons/${personId}/restraint-episodes`, {
      types: ['seclusion'],
      cellId: safeCell,
      inViewOfOthers: false,
      startedAt: minutesBefore(70),
      lateEntryReason: 'Both officers were needed at the door',
      authorisation: { kind: 'emergency_start' },
      harm: 'harm_to_others',
      harmDescription: 'Threatening staff with a broken chair leg',
      lessRestrictiveTried: ['verbal_de_escalation'],
      lessRestrictiveDescription: 'Talked down for 20 minutes',
      personPreferences: 'None stated',
      appliedBy: [staff[0]?.id],
      supervisorId: staff[1]?.id,
      supervisionPosition: 'doorway',
    });
    expect(started.statusCode, started.body).toBe(201);
    episodeId = started.json().id;
  });
  afterAll(async () => t?.close());

  it('X-2: a custodial officer’s worklist shows the restraint but no clinical task kind (no screening, no examination); the nurse’s shows both', async () => {
    const officers = (await call(officer, 'GET', '/api/v1/worklist')).json().items as {
      module: string;
      kind: string;
      subjectId: string;
    }[];
    // The restraint the officer runs is there (its observations and the approval awaited)...
    expect(officers).toContainEqual(
      expect.objectContaining({ module: 'restraint', kind: 'restraint_approval', subjectId: episodeId }),
    );
    // ...but nothing tells that the person has a clinical task pending.
    expect(officers.filter((i) => i.module === 'clinical')).toEqual([]);
    expect(officers.map((i) => i.kind)).not.toContain('restraint_examination');
    expect(officers.map((i) => i.kind)).not.toContain('restraint_review');
    expect(officers.some((i) => i.subjectId === screeningTaskId)).toBe(false);
    expect(officers[0]).not.toHaveProperty('dataClass');

    const nurses = (await call(nurse, 'GET', '/api/v1/worklist')).json().items;
    expect(nurses).toContainEqual(
      expect.objectContaining({
        module: 'clinical',
        kind: 'admission_screening',
        subjectId: screeningTaskId,
      }),
    );
    expect(nurses).toContainEqual(
      expect.objectContaining({ module: 'restraint', kind: 'restraint_examination', subjectId: episodeId }),
    );
    const doctors = (await call(doctor, 'GET', '/api/v1/worklist')).json().items;
    expect(doctors).toContainEqual(
      expect.objectContaining({ kind: 'restraint_examination', subjectId: episodeId }),
    );
  });

  it('X-2: the clinical task list is refused to a custodial officer (and the refusal audited), shown to the nurse', async () => {
    const refused = await call(officer, 'GET', `/api/v1/clinical-tasks?institutionId=${pilot1}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(screeningTaskId);
    const denied = await auditOf('demo.officer', 'GET /api/v1/clinical-tasks');
    expect(denied.at(-1)).toMatchObject({ outcome: 'denied' });

    const shown = await call(nurse, 'GET', `/api/v1/clinical-tasks?institutionId=${pilot1}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().items.map((i: { id: string }) => i.id)).toContain(screeningTaskId);
  });

  it('X-2: each view of the worklist leaves one audit event, however many items it shows', async () => {
    const before = (await auditOf('demo.nurse', 'worklist.read')).length;
    const items = (await call(nurse, 'GET', '/api/v1/worklist')).json().items;
    expect(items.length).toBeGreaterThan(1);
    const after = await auditOf('demo.nurse', 'worklist.read');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ outcome: 'allowed', data_class: 'clinical', person_id: null });
    expect(JSON.parse(after.at(-1)?.details ?? '{}')).toMatchObject({ items: items.length });

    const officerBefore = (await auditOf('demo.officer', 'worklist.read')).length;
    await call(officer, 'GET', '/api/v1/worklist');
    const officers = await auditOf('demo.officer', 'worklist.read');
    expect(officers.length).toBe(officerBefore + 1);
    expect(officers.at(-1)).toMatchObject({ outcome: 'allowed', data_class: 'custodial' });
  });

  it('X-2: each view of the clinical task list leaves one audit event, however many tasks it shows', async () => {
    const second = await call(registrar, 'POST', '/api/v1/persons', {
      person: personBody({ surnameLatin: 'Nağıyev', givenNameLatin: 'Rauf', birthDate: '1985-01-02' }),
      admission: admissionBody(pilot1, minutesBefore(30)),
      confirmedNotDuplicate: true,
    });
    expect(second.statusCode, second.body).toBe(201);
    const before = (await auditOf('demo.nurse', 'clinical.task.list')).length;
    const items = (await call(nurse, 'GET', '/api/v1/clinical-tasks')).json().items;
    expect(items.length).toBeGreaterThan(1);
    const after = await auditOf('demo.nurse', 'clinical.task.list');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ outcome: 'allowed', data_class: 'clinical' });
    expect(JSON.parse(after.at(-1)?.details ?? '{}')).toMatchObject({ tasks: items.length });
  });
  it('issue 14: the worklist is grouped by kind and institution with counts, at most N items a group on the home page, and paged in full', async () => {
    const home = (await call(registrar, 'GET', '/api/v1/worklist?perGroup=2')).json() as {
      items: { module: string; kind: string; institutionId: string | null; timeZone: string }[];
      groups: { module: string; kind: string; institutionId: string | null; count: number }[];
    };
    expect(home.groups.length).toBeGreaterThan(0);
    for (const group of home.groups) {
      const shown = home.items.filter(
        (i) => i.module === group.module && i.kind === group.kind && i.institutionId === group.institutionId,
      );
      expect(shown.length).toBe(Math.min(2, group.count));
    }
    // Each item says which institution it concerns and the zone its times are shown in.
    expect(home.items.every((i) => i.institutionId && i.timeZone === 'Asia/Baku')).toBe(true);

    const biggest = [...home.groups].sort((a, b) => b.count - a.count)[0];
    if (!biggest) throw new Error('no group');
    expect(biggest.count).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const params = new URLSearchParams({ module: biggest.module, kind: biggest.kind, limit: '2' });
      if (biggest.institutionId) params.set('institutionId', biggest.institutionId);
      if (cursor) params.set('cursor', cursor);
      const page = (await call(registrar, 'GET', `/api/v1/worklist?${params}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.groups).toEqual([expect.objectContaining({ kind: biggest.kind, count: biggest.count })]);
      seen.push(...page.items.map((i: { subjectId: string }) => i.subjectId));
      cursor = page.nextCursor;
    }
    expect(seen.length).toBe(biggest.count);
    expect(new Set(seen).size).toBe(biggest.count);
  });
});
