import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, postgresUnavailableReason, type TestApp } from '../../test/app.ts';

const skip = postgresUnavailableReason();
const sample = new URL('./fixtures/icd10-sample.claml.xml', import.meta.url).pathname;

describe.skipIf(skip)('DAT-5: ICD-10 terminology imported from a ClaML file', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  const count = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('terminology_concept')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the categories with their preferred labels, idempotently, reporting progress', async () => {
    const progress: number[] = [];
    const first = await t.services.terminology.importClaml(sample, { onProgress: (n) => progress.push(n) });
    expect(first.classes).toBe(3);
    expect(progress.at(-1)).toBe(3);
    expect(await count()).toBe(3);
    await t.services.terminology.importClaml(sample);
    expect(await count()).toBe(3);
    const rows = await t.services.terminology.search({ q: 'A15', limit: 10 });
    expect(rows.map((r) => [r.code, r.display])).toEqual([
      ['A15', 'Lung tuberculosis, confirmed'],
      ['A15.0', 'Lung tuberculosis, seen in sputum microscopy'],
    ]);
  });

  it('imports a second language beside the first, and searches words in it', async () => {
    await t.services.terminology.importClaml(sample, { language: 'ru' });
    expect(await count()).toBe(6);
    const words = await t.services.terminology.search({ q: 'opioid dep', limit: 10 });
    expect(words.map((r) => r.code)).toEqual(['F11.2']);
  });

  it('refuses a file that is not ClaML, and writes nothing', async () => {
    const bad = join(tmpdir(), `not-claml-${process.pid}.xml`);
    writeFileSync(bad, '<html><body>no</body>');
    await expect(t.services.terminology.importClaml(bad)).rejects.toThrow(/ClaML/);
    writeFileSync(bad, '<ClaML><Class code="A00" kind="category"><Rubric kind="preferred"><Label>x');
    await expect(t.services.terminology.importClaml(bad)).rejects.toThrow(/ClaML/);
    expect(await count()).toBe(6);
  });
});
