import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

/** A board stream read over real HTTP (inject waits for the end of a response; a stream has none). */
interface Stream {
  status: number;
  body: string;
  /** The next `board` event, or 'ended' when the server ended the stream. */
  next(): Promise<{ episodes: { id: string }[] } | 'ended'>;
  close(): void;
}

describe.skipIf(skip)('the live board streams (Server-Sent Events)', () => {
  let t: TestApp;
  let address: string;
  let pilot1: string;

  beforeAll(async () => {
    t = await buildTestApp({
      now: NOW,
      // Streams check their sessions every 50 ms here (15 s by default); 8 streams on the server.
      configure: (c) => ({ ...c, liveStreams: { perSession: 5, perServer: 8, sessionCheckMs: 50 } }),
    });
    t.clock.set(new Date());
    await seedTestDemo(t);
    t.clock.set(NOW);
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const registrar = await signIn(t.app, 'demo.registry-officer');
    const institutions = (
      await t.app.inject({ method: 'GET', url: '/api/v1/institutions', headers: registrar.headers })
    ).json().items;
    pilot1 = institutions.find((i: { code: string }) => i.code === 'PILOT-1').id;
  });
  afterAll(async () => t?.close());

  async function open(session: Session): Promise<Stream> {
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/restraint/board/stream?institutionId=${pilot1}`, {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    if (response.status !== 200) {
      return {
        status: response.status,
        body: await response.text(),
        next: async () => 'ended',
        close: () => {},
      };
    }
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    return {
      status: 200,
      body: '',
      async next() {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = chunk.split('\n').find((l) => l.startsWith('data: '));
            if (chunk.startsWith('event: board') && data) return JSON.parse(data.slice(6));
            continue;
          }
          const { value, done } = await reader.read();
          if (done) return 'ended';
          buffer += decoder.decode(value, { stream: true });
        }
      },
      close: () => controller.abort(),
    };
  }

  /**
   * Waits for a state, failing with its name after 30 s rather than hanging until the test's limit
   * (on a loaded machine an update can take seconds; the deadline only names what never came).
   */
  const within = async <T>(promise: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within 30 s`)), 30_000);
    });
    try {
      return await Promise.race([promise, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };

  it('a board stream ends when its session ends (sign-out) or expires', async () => {
    const officer = await signIn(t.app, 'demo.officer');
    const stream = await open(officer);
    expect(stream.status).toBe(200);
    expect(await stream.next()).toMatchObject({ episodes: expect.any(Array) });
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: officer.headers,
    });
    expect(out.statusCode).toBeLessThan(300);
    expect(await within(stream.next(), 'the stream ends after sign-out')).toBe('ended');
    // The session is over: no new stream either.
    expect((await open(officer)).status).toBe(401);

    const again = await signIn(t.app, 'demo.officer');
    const idle = await open(again);
    expect(await idle.next()).toMatchObject({ episodes: expect.any(Array) });
    t.clock.set(new Date(Date.parse(NOW) + 13 * 3_600_000)); // past every session's lifetime
    try {
      expect(await within(idle.next(), 'the stream ends when its session expires')).toBe('ended');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('at most 5 streams per session and a cap per server: the next is refused with too_many_streams; a change is computed once for all', async () => {
    const first = await signIn(t.app, 'demo.officer');
    const streams: Stream[] = [];
    try {
      for (let i = 0; i < 5; i += 1) {
        const s = await open(first);
        expect(s.status).toBe(200);
        await s.next();
        streams.push(s);
      }
      const sixth = await open(first);
      expect(sixth.status).toBe(429);
      expect(JSON.parse(sixth.body).code).toBe('too_many_streams');

      // One change: one board computed, the same update on every stream.
      const compute = vi.spyOn(t.services.restraint, 'liveBoard');
      const registrar = await signIn(t.app, 'demo.registry-officer');
      const admitted = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: registrar.headers,
        payload: {
          person: personBody({ surnameLatin: 'Yusifov', givenNameLatin: 'Test', birthDate: '1990-01-02' }),
          admission: admissionBody(pilot1, '2026-11-28T01:00:00.000Z'),
          confirmedNotDuplicate: true,
        },
      });
      expect(admitted.statusCode, admitted.body).toBe(201);
      const staff = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/staff?institutionId=${pilot1}&limit=2`,
          headers: first.headers,
        })
      ).json().items as { id: string }[];
      const detail = (
        await t.app.inject({ method: 'GET', url: `/api/v1/institutions/${pilot1}`, headers: first.headers })
      ).json();
      const room = detail.units
        .flatMap((u: { cells: { id: string; cellType: string }[] }) => u.cells)
        .find((c: { cellType: string }) => c.cellType === 'safe').id;
      const started = await t.app.inject({
        method: 'POST',
        url: `/api/v1/persons/${admitted.json().id}/restraint-episodes`,
        headers: first.headers,
        payload: {
          types: ['seclusion'],
          cellId: room,
          inViewOfOthers: false,
          startedAt: NOW,
          authorisation: { kind: 'emergency_start' },
          harm: 'harm_to_others',
          harmDescription: 'Threatening staff with a broken chair leg',
          lessRestrictiveTried: ['verbal_de_escalation'],
          lessRestrictiveDescription: 'Talked down for 20 minutes',
          personPreferences: 'Asks not to be held down',
          appliedBy: [staff[0]?.id],
          supervisorId: staff[1]?.id,
          supervisionPosition: 'doorway',
        },
      });
      expect(started.statusCode, started.body).toBe(201);
      for (const s of streams) {
        const update = await within(s.next(), 'the update reaches every stream');
        expect(update).not.toBe('ended');
        expect((update as { episodes: { id: string }[] }).episodes.map((e) => e.id)).toContain(
          started.json().id,
        );
      }
      expect(compute).toHaveBeenCalledTimes(1);
      compute.mockRestore();

      // The server's cap (8 here): another session opens 3, the 4th is refused.
      const second = await signIn(t.app, 'demo.governor');
      for (let i = 0; i < 3; i += 1) {
        const s = await open(second);
        expect(s.status).toBe(200);
        await s.next();
        streams.push(s);
      }
      const beyond = await open(second);
      expect(beyond.status).toBe(503);
      expect(JSON.parse(beyond.body).code).toBe('too_many_streams');

      // A closed stream frees its place.
      streams.shift()?.close();
      await vi.waitFor(
        async () => {
          const s = await open(first);
          expect(s.status).toBe(200);
          streams.push(s);
        },
        { timeout: 5000, interval: 50 },
      );
    } finally {
      for (const s of streams) s.close();
    }
  });
});
