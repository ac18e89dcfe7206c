import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gad7 } from '@custodia/domain';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../test/app.ts';
import { custodia } from '../../test/command.ts';

/** One clear line on stderr, exit code 1, and no stack trace. */
function expectOneLineFailure(result: { code: number; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

// The command does not depend on the test engine: run it once, in the SQLite project.
describe.skipIf(testEngine() !== 'sqlite')(
  'MHT-1: custodia mentalhealth add-instrument FILE',
  { timeout: 120_000 },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-mh-cli-'));
    const db = path.join(dir, 'cli.db');
    const env = { CUSTODIA_DATABASE_URL: `sqlite:${db}` };
    const write = (name: string, content: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    };
    /** A licensed instrument a ministry adds (here GAD-7's items under another code). */
    const valid = {
      ...gad7,
      code: 'anxiety_test',
      title: { en: 'Anxiety test scale', ru: 'Тестовая шкала тревоги', az: 'Test narahatlıq şkalası' },
      licence: { ...gad7.licence, name: 'Licensed to the Ministry of Justice (test)' },
    };
    const instruments = async () => {
      const { default: Database } = await import('better-sqlite3');
      const handle = new Database(db, { readonly: true });
      try {
        return handle.prepare('select code from mh_instrument order by code').all() as { code: string }[];
      } finally {
        handle.close();
      }
    };

    it('MHT-1: a broken file adds nothing and says why in one line', async () => {
      expectOneLineFailure(
        await custodia(['mentalhealth', 'add-instrument', path.join(dir, 'missing.json')], env),
        /no such file/,
      );
      expectOneLineFailure(
        await custodia(['mentalhealth', 'add-instrument', write('not-json.json', '{ "code": ')], env),
        /adds nothing: it is not JSON/,
      );
      expectOneLineFailure(
        await custodia(
          ['mentalhealth', 'add-instrument', write('no-items.json', { ...valid, items: [] })],
          env,
        ),
        /adds nothing: not an instrument definition: items/,
      );
      const noAzerbaijani = {
        ...valid,
        items: valid.items.map((item, i) =>
          i === 0 ? { ...item, text: { en: item.text.en, ru: item.text.ru } } : item,
        ),
      };
      expectOneLineFailure(
        await custodia(['mentalhealth', 'add-instrument', write('no-az.json', noAzerbaijani)], env),
        /adds nothing: items\.0\.text\.az wording_missing/,
      );
      expectOneLineFailure(
        await custodia(['mentalhealth', 'add-instrument', write('built-in.json', gad7)], env),
        /adds nothing: An instrument with this code exists/,
      );
      expect(await instruments()).toEqual([]);
    });

    it('MHT-1: a valid file adds the instrument once, with its licence', async () => {
      const file = write('valid.json', valid);
      const added = await custodia(['mentalhealth', 'add-instrument', file], env);
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(
        /added instrument anxiety_test 1\.0 \(Licensed to the Ministry of Justice \(test\)\)/,
      );
      expect(await instruments()).toEqual([{ code: 'anxiety_test' }]);
      expectOneLineFailure(
        await custodia(['mentalhealth', 'add-instrument', file], env),
        /An instrument with this code exists/,
      );
      expect(await instruments()).toEqual([{ code: 'anxiety_test' }]);
    });
  },
);
