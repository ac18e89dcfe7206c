import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localeFile } from './i18n.ts';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const languages = ['az', 'en', 'ru'] as const;

/** Every `locales` folder under web/src: the shell's (app/locales) and each module's. */
function localeDirs(dir: string, into: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    if (entry.name === 'locales') into.push(child);
    else localeDirs(child, into);
  }
  return into;
}
const dirs = localeDirs(srcDir);

/** Every leaf of a catalogue as `namespace:dotted.key` → value. */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
}

function catalogue(language: string): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const dir of dirs) {
    const file = path.join(dir, `${language}.json`);
    if (!fs.existsSync(file)) continue;
    const found = localeFile(path.relative(srcDir, file).split(path.sep).join('/'));
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    flatten(parsed, `${found?.namespace}:`, entries);
  }
  // `namespace:` + `.key` from flatten: tidy to `namespace:key`.
  return new Map([...entries].map(([key, value]) => [key.replace(':.', ':'), value]));
}

const catalogues = Object.fromEntries(languages.map((l) => [l, catalogue(l)])) as Record<
  (typeof languages)[number],
  Map<string, unknown>
>;

describe('locale files', () => {
  it('are az, en and ru in each locales folder (the shell, every module), one namespace each', () => {
    expect(dirs.length).toBeGreaterThan(1);
    const wrong = dirs.filter((dir) => fs.readdirSync(dir).sort().join() !== 'az.json,en.json,ru.json');
    expect(wrong.map((dir) => path.relative(srcDir, dir))).toEqual([]);
    const namespaces = dirs.map((dir) => localeFile(`${path.relative(srcDir, dir)}/az.json`)?.namespace);
    expect(new Set(namespaces).size).toBe(dirs.length);
  });

  it('have every key of any language in all three', () => {
    const allKeys = new Set(languages.flatMap((l) => [...catalogues[l].keys()]));
    const missing: string[] = [];
    for (const key of allKeys) {
      for (const language of languages) {
        if (!catalogues[language].has(key)) missing.push(`${language}/${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(allKeys.size).toBeGreaterThan(0);
  });

  it('have no empty or non-text values', () => {
    const bad: string[] = [];
    for (const language of languages) {
      for (const [key, value] of catalogues[language]) {
        if (typeof value !== 'string' || value.trim() === '') bad.push(`${language}/${key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('use the same interpolation placeholders in every language', () => {
    const placeholders = (value: unknown) =>
      [...String(value).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const differing: string[] = [];
    for (const [key, value] of catalogues.en) {
      for (const language of ['az', 'ru'] as const) {
        const other = catalogues[language].get(key);
        if (other !== undefined && placeholders(other).join() !== placeholders(value).join())
          differing.push(`${language}/${key}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
