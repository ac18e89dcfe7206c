import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, postgresUnavailableReason, type TestApp, testEngine } from '../../test/app.ts';
import { custodia } from '../../test/command.ts';
import { parseCsv } from './atc-import.ts';

const skip = postgresUnavailableReason();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-atc-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const good = write(
  'atc.csv',
  '\ufeffatc_code,atc_name,ddd,uom,adm_r,note\r\nJ,ANTIINFECTIVES FOR SYSTEMIC USE,,,,\r\nJ04,ANTIMYCOBACTERIALS,,,,\r\nJ04AC01,isoniazid,0.3,g,O,\r\n"N07BC02","methadone, oral",25,mg,O,\r\n',
);
const broken = write('broken.csv', 'atc_code,atc_name\nA10BA02,metformin\nNOT-A-CODE,something\n');

describe('CSV records', () => {
  it('reads quoted fields with commas and doubled quotes, CRLF and LF, and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\nz,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['z', ''],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(/quoted/);
  });
});

describe.skipIf(skip)('custodia terminology import-atc (issue 15 item 1)', () => {
  let t: TestApp;
  const count = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('medication_atc')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('imports every code in one transaction, with its level; a new import renames a code already there', async () => {
    expect(await t.services.medication.importAtc(good)).toEqual({ codes: 4 });
    const rows = await t.services.database.db
      .selectFrom('medication_atc')
      .selectAll()
      .orderBy('code')
      .execute();
    expect(rows.map((r) => [r.code, r.name, r.level])).toEqual([
      ['J', 'ANTIINFECTIVES FOR SYSTEMIC USE', 1],
      ['J04', 'ANTIMYCOBACTERIALS', 2],
      ['J04AC01', 'isoniazid', 5],
      ['N07BC02', 'methadone, oral', 5],
    ]);
    await t.services.medication.importAtc(write('rename.csv', 'code,name\nJ04AC01,Isoniazid\n'));
    expect(await count()).toBe(4);
    const renamed = await t.services.database.db
      .selectFrom('medication_atc')
      .select('name')
      .where('code', '=', 'J04AC01')
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe('Isoniazid');
  });

  it('a broken file imports nothing and names the line', async () => {
    const before = await count();
    await expect(t.services.medication.importAtc(broken)).rejects.toThrow(
      /line 3: "NOT-A-CODE" is not an ATC code/,
    );
    await expect(t.services.medication.importAtc(write('nohead.csv', 'A10BA02,metformin\n'))).rejects.toThrow(
      /atc_code and atc_name/,
    );
    expect(await count()).toBe(before);
  });
});

// The command does not depend on the test engine: run it once, in the SQLite project.
describe.skipIf(testEngine() !== 'sqlite')('the import-atc command', { timeout: 90_000 }, () => {
  it('imports a file and says how many codes; a broken file gives one line, exit 1', async () => {
    const env = { CUSTODIA_DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` };
    const ok = await custodia(['terminology', 'import-atc', good], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/imported 4 ATC codes/);
    const bad = await custodia(['terminology', 'import-atc', broken], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/line 3/);
  });
});
