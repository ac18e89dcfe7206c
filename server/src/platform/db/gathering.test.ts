import { describe, expect, it } from 'vitest';
import type { Executor } from './database.ts';
import { gather, gatheredOnce, gatheredRead } from './gathering.ts';

const root = {} as Executor;
const transaction = { isTransaction: true } as unknown as Executor;

/** A read of names by id that records each statement it would run. */
function namesRead() {
  const statements: string[][] = [];
  const fetch = async (ids: readonly string[]) => {
    statements.push([...ids].sort());
    return new Map(ids.map((id) => [id, `name of ${id}`]));
  };
  const read = (ids: readonly string[]) => gatheredRead(root, 'names', ids, fetch) ?? fetch(ids);
  return { statements, fetch, read };
}

describe('gathered reads (issue 13, ADR 0052)', () => {
  it('the participants of a gathering read names in one statement, each getting only what it asked for', async () => {
    const names = namesRead();
    const answers = await gather(
      [
        async () => names.read(['a', 'b']),
        async () => {
          await Promise.resolve();
          return names.read(['b', 'c']);
        },
        async () => new Map<string, string>(),
      ],
      async (results) => results,
    );
    expect(names.statements).toEqual([['a', 'b', 'c']]);
    expect([...(answers[0] ?? [])]).toEqual([
      ['a', 'name of a'],
      ['b', 'name of b'],
    ]);
    expect([...(answers[1] ?? [])]).toEqual([
      ['b', 'name of b'],
      ['c', 'name of c'],
    ]);
  });

  it('a participant that reads names twice in a row gets a second statement, not a wait forever', async () => {
    const names = namesRead();
    const answers = await gather(
      [
        async () => {
          const first = await names.read(['a']);
          const second = await names.read(['d']);
          return [...first.keys(), ...second.keys()];
        },
        async () => [...(await names.read(['b'])).keys()],
      ],
      async (results) => results,
    );
    expect(answers).toEqual([['a', 'd'], ['b']]);
    expect(names.statements).toEqual([['a', 'b'], ['d']]);
  });

  it('the rounds do not depend on timing: a participant’s k-th read is in round k, even from a branch that runs later', async () => {
    for (const turns of [0, 1, 5]) {
      const names = namesRead();
      const later = async () => {
        for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
      };
      await gather(
        [
          // Two branches side by side, the second one slower: its read is the participant's second.
          async () => {
            await Promise.all([names.read(['a']), later().then(() => names.read(['b']))]);
          },
          async () => {
            await names.read(['c']);
            await names.read(['d']);
          },
        ],
        async () => null,
      );
      expect(names.statements).toEqual([
        ['a', 'c'],
        ['b', 'd'],
      ]);
    }
  });

  it('a failed statement fails every caller that waited on it, and the gathering', async () => {
    const failing = async () => {
      throw new Error('disk on fire');
    };
    const read = (ids: string[]) => gatheredRead(root, 'names', ids, failing) ?? failing();
    await expect(gather([async () => read(['a']), async () => read(['b'])], async (r) => r)).rejects.toThrow(
      'disk on fire',
    );
  });

  it('outside a gathering, or inside a transaction, a read is not gathered', async () => {
    const names = namesRead();
    expect(gatheredRead(root, 'names', ['a'], names.fetch)).toBeUndefined();
    expect(gatheredOnce('institutions', async () => [])).toBeUndefined();
    await gather(
      [async () => expect(gatheredRead(transaction, 'names', ['a'], names.fetch)).toBeUndefined()],
      async () => null,
    );
  });

  it('a read without ids runs once per gathering, the caller’s own read after the participants included', async () => {
    let runs = 0;
    const institutions = () =>
      gatheredOnce('institutions', async () => {
        runs += 1;
        return ['i1'];
      });
    const after = await gather([async () => institutions(), async () => institutions()], async () =>
      institutions(),
    );
    expect(after).toEqual(['i1']);
    expect(runs).toBe(1);
  });
});
