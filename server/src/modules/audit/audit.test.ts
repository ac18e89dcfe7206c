import { fixedClock } from '@custodia/domain';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.ts';
import {
  buildTestApp,
  freshDatabase,
  postgresUnavailableReason,
  seedTestDemo,
  signIn,
  type TestApp,
  type TestDatabase,
  testEngine,
} from '../../test/app.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { eventHash, firstBreak, GENESIS_HASH } from './chain.ts';
import { createAuditService } from './service.ts';
import type { AuditEventTable } from './tables.ts';

const skip = postgresUnavailableReason();

function chainOf(n: number): AuditEventTable[] {
  const rows: AuditEventTable[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const event = {
      seq: i,
      id: `0190000${i}-0000-7000-8000-000000000000`,
      at: `2026-11-28T03:00:0${i % 10}.000Z`,
      user_id: 'u1',
      username: 'demo.doctor',
      role: 'doctor',
      action: 'record.read',
      resource_type: 'chart',
      resource_id: `r${i}`,
      person_id: 'p1',
      data_class: 'clinical',
      purpose: 'normal',
      outcome: 'allowed',
      client_address: '127.0.0.1',
      details: i % 2 ? null : '{"x":1}',
      prev_hash: prev,
    };
    const hash = eventHash(event);
    rows.push({ ...event, hash });
    prev = hash;
  }
  return rows;
}

describe('X-2: the hash chain', () => {
  it('an intact chain verifies', () => {
    expect(firstBreak(chainOf(12), null)).toBeNull();
  });

  it('X-2: any single changed character in any field of any row is detected at that row', () => {
    const rows = chainOf(8);
    const fields = Object.keys(rows[0]!) as (keyof AuditEventTable)[];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: rows.length - 1 }),
        fc.constantFrom(...fields.filter((f) => f !== 'seq')),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (index, field, position, delta) => {
          const copy = rows.map((r) => ({ ...r }));
          const original = String(copy[index]![field] ?? '');
          const at = original.length ? position % original.length : 0;
          const code = original.length ? original.charCodeAt(at) : 65;
          const changed = `${original.slice(0, at)}${String.fromCharCode((code + delta) % 0x10000)}${original.slice(at + 1)}`;
          fc.pre(changed !== original);
          (copy[index] as Record<string, unknown>)[field] = changed;
          const broken = firstBreak(copy, null);
          expect(broken).not.toBeNull();
          // A changed row breaks at itself (its hash) or, if its own hash field changed, at the next row's link.
          expect(
            broken!.seq === index + 1 ||
              (field === 'hash' && broken!.seq === index + 2) ||
              broken!.seq === index + 1,
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('X-2: a removed row is a gap', () => {
    const rows = chainOf(5);
    rows.splice(2, 1);
    expect(firstBreak(rows, null)).toMatchObject({ seq: 4, reason: 'gap' });
  });
});

describe.skipIf(skip)(`X-2: the audit trail in the database (${testEngine()})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => t?.drop());

  it('X-2: refuses UPDATE and DELETE through triggers', async () => {
    const audit = createAuditService(t.handle.db, t.handle.dialect, fixedClock('2026-11-28T03:00:00Z'));
    const actor = { userId: null, username: 'test', role: null, clientAddress: null };
    for (let i = 0; i < 5; i++)
      await audit.recordAlone(actor, {
        action: 'audit.search',
        details: { i },
        dataClass: 'clinical',
        outcome: 'allowed',
      });
    await expect(sql`update audit_event set action = 'x' where seq = 2`.execute(t.handle.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_event where seq = 2`.execute(t.handle.db)).rejects.toThrow(
      /append-only/,
    );
    if (t.handle.dialect === 'postgresql') {
      await expect(sql`truncate audit_event`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    }
    expect(await audit.verify()).toMatchObject({
      ok: true,
      events: 5,
      head: { seq: 5, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('X-2, ADR 0058: the events of a transaction are appended at its commit, chained in order; a failed one appends none', async () => {
    const audit = createAuditService(t.handle.db, t.handle.dialect, fixedClock('2026-11-28T03:00:00Z'));
    const actor = { userId: null, username: 'test', role: null, clientAddress: null };
    const entry = (i: number) =>
      ({ action: 'audit.search', details: { batch: i }, dataClass: 'clinical', outcome: 'allowed' }) as const;
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from audit_event`.execute(t.handle.db)).rows[0]?.n,
      );
    const before = await count();
    let seenInside = -1;
    await inTransaction(t.handle.db, async (tx) => {
      for (let i = 0; i < 3; i++) await audit.record(tx, actor, entry(i));
      // Not yet appended: the chain's lock (PostgreSQL) is taken at the commit, not here.
      seenInside = Number(
        (await sql<{ n: number }>`select count(*) as n from audit_event`.execute(tx)).rows[0]?.n,
      );
    });
    expect(seenInside).toBe(before);
    const rows = await t.handle.db
      .selectFrom('audit_event')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    expect(rows.map((r) => JSON.parse(r.details ?? '{}').batch)).toEqual([2, 1, 0]);
    expect(rows.map((r) => Number(r.seq))).toEqual([before + 3, before + 2, before + 1]);
    await expect(
      inTransaction(t.handle.db, async (tx) => {
        await audit.record(tx, actor, entry(9));
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await count()).toBe(before + 3);
    expect(await audit.verify()).toMatchObject({ ok: true, events: before + 3 });
  });

  it('X-2, ADR 0059: transactions appending at once each get the head the last commit left: the chain stays whole', async () => {
    // On PostgreSQL each transaction has a connection of its own and takes the chain's lock in the
    // statement that reads the head (migration 0056). A head read before the lock was held would be
    // one another append had already moved: two events with one seq (refused) or a broken chain.
    const audit = createAuditService(t.handle.db, t.handle.dialect, fixedClock('2026-11-28T03:00:00Z'));
    const actor = { userId: null, username: 'test', role: null, clientAddress: null };
    const before = Number(
      (await sql<{ n: number }>`select count(*) as n from audit_event`.execute(t.handle.db)).rows[0]?.n,
    );
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        inTransaction(t.handle.db, async (tx) => {
          await audit.record(tx, actor, {
            action: 'audit.search',
            details: { writer: i },
            dataClass: 'clinical',
            outcome: 'allowed',
          });
          // Some work of the transaction's own, so the appends of the writers overlap.
          for (let k = 0; k < i % 4; k++) await sql`select 1`.execute(tx);
        }),
      ),
    );
    const rows = await t.handle.db
      .selectFrom('audit_event')
      .select(['seq', 'details'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => before + i + 1));
    expect(new Set(rows.map((r) => JSON.parse(r.details ?? '{}').writer)).size).toBe(24);
    expect(await audit.verify()).toMatchObject({ ok: true, events: before + 24 });
  });

  it('X-2: a row altered behind the triggers is named by verify', async () => {
    const audit = createAuditService(t.handle.db, t.handle.dialect, fixedClock('2026-11-28T03:00:00Z'));
    // A privileged user drops the trigger and changes one row: verify must name that row.
    if (t.handle.dialect === 'postgresql') {
      await sql`drop trigger audit_event_no_update on audit_event`.execute(t.handle.db);
    } else {
      await sql`drop trigger audit_event_no_update`.execute(t.handle.db);
    }
    await sql`update audit_event set username = 'someone-else' where seq = 3`.execute(t.handle.db);
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ broken: { seq: 3, reason: 'hash' } });
  });
});

describe.skipIf(skip)('audit search and subject access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedTestDemo(t);
  });
  afterAll(async () => t?.close());

  it('the health manager searches by user; the search itself is audited', async () => {
    await signIn(t.app, 'demo.nurse');
    const s = await signIn(t.app, 'demo.health-manager');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/events?username=demo.nurse&limit=10',
      headers: s.headers,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: { username: string }) => e.username === 'demo.nurse')).toBe(true);
    expect(items[0]).toMatchObject({ action: 'auth.sign_in', outcome: 'allowed' });
    const own = await t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'audit.search')
      .where('username', '=', 'demo.health-manager')
      .execute();
    expect(own).toHaveLength(1);
  });

  it('X-2: the subject-access report lists only clinical accesses to that person, as JSON and CSV', async () => {
    const personId = '01900000-0000-7000-8000-00000000abcd';
    const actor = { userId: 'u-doc', username: 'demo.doctor', role: 'doctor', clientAddress: '10.0.0.1' };
    await t.services.audit.recordAlone(actor, {
      action: 'clinical.chart.read',
      dataClass: 'clinical',
      outcome: 'allowed',
      personId,
    });
    await t.services.audit.recordAlone(actor, {
      action: 'registry.person.read',
      dataClass: 'custodial',
      outcome: 'allowed',
      personId,
    });
    const s = await signIn(t.app, 'demo.health-manager');
    const json = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/subject-access?personId=${personId}`,
      headers: s.headers,
    });
    expect(json.json().items.map((e: { action: string }) => e.action)).toEqual(['clinical.chart.read']);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/subject-access.csv?personId=${personId}&language=en`,
      headers: s.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).not.toMatch(/registry\.person\.read/);
    // Issue 14 item 7: read back, in words in the language asked for, the action code in a column of
    // its own, the time in the deployment's zone to the second (no milliseconds).
    const rows = parse(csv.body, { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'Time (Asia/Baku)',
      'User',
      'Role',
      'Action',
      'Action code',
      'Data class',
      'Purpose',
      'Outcome',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(1)).toEqual([
      'demo.doctor',
      'Doctor',
      'Opened the medical file',
      'clinical.chart.read',
      'Clinical',
      'Work',
      'Allowed',
    ]);
    expect(rows[1]?.[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const ru = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/subject-access.csv?personId=${personId}&language=ru`,
      headers: s.headers,
    });
    const ruRows = parse(ru.body, { bom: true }) as string[][];
    expect(ruRows[0]?.[3]).toBe('Действие');
    expect(ruRows[1]?.slice(2)).toEqual([
      'Врач',
      'Открыта медицинская карта',
      'clinical.chart.read',
      'Клинические',
      'Работа',
      'Разрешено',
    ]);
  });

  it('X-2: the subject-access report is also a PDF document, in the chosen language, and its production is audited', async () => {
    const s = await signIn(t.app, 'demo.health-manager');
    const people = (
      await t.app.inject({ method: 'GET', url: '/api/v1/persons?limit=1', headers: s.headers })
    ).json().items;
    const personId = people[0].id;
    await t.services.audit.recordAlone(
      { userId: 'u-doc', username: 'demo.doctor', role: 'doctor', clientAddress: null },
      { action: 'clinical.chart.read', dataClass: 'clinical', outcome: 'allowed', personId },
    );
    for (const lang of ['az', 'en', 'ru']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit/subject-access.pdf?personId=${personId}&lang=${lang}`,
        headers: s.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.rawPayload.subarray(-6).toString()).toMatch(/%%EOF/);
      const text = pdfText(res.rawPayload);
      expect(text).toContain({ az: 'Səhifə 1 / 1', en: 'Page 1 of 1', ru: 'Страница 1 из 1' }[lang]);
      if (lang === 'en') expect(text).toMatch(/Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Asia\/Baku\), by /);
      // Issue 14 item 7: the action in words in the language asked for, its code beneath.
      expect(text).toContain(
        { az: 'Tibbi kart açıldı', en: 'Opened the medical file', ru: 'Открыта медицинская карта' }[lang],
      );
      expect(text).toContain('clinical.chart.read');
      expect(text).toContain({ az: 'Həkim', en: 'Doctor', ru: 'Врач' }[lang]);
      expect(text).not.toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    }
    const produced = await t.services.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'audit.subject_access_report')
      .where('person_id', '=', personId)
      .execute();
    expect(produced.map((e) => JSON.parse(e.details ?? '{}').format)).toEqual(['pdf', 'pdf', 'pdf']);
    expect(produced.every((e) => e.purpose === 'subject_access')).toBe(true);
  });

  it('custodial roles cannot search the audit trail', async () => {
    const s = await signIn(t.app, 'demo.officer');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit/events', headers: s.headers })).statusCode,
    ).toBe(403);
  });

  it('the whole seeded trail verifies', async () => {
    const result = await t.services.audit.verify();
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(20);
  });
});
