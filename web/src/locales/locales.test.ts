import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const localesDir = path.dirname(fileURLToPath(import.meta.url));
const languages = ['az', 'en', 'ru'] as const;

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
  const dir = path.join(localesDir, language);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const namespace = path.basename(file, '.json');
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    flatten(parsed, `${namespace}:`, entries);
  }
  // `namespace:` + `.key` from flatten: tidy to `namespace:key`.
  return new Map([...entries].map(([key, value]) => [key.replace(':.', ':'), value]));
}

const catalogues = Object.fromEntries(languages.map((l) => [l, catalogue(l)])) as Record<
  (typeof languages)[number],
  Map<string, unknown>
>;

describe('locale files', () => {
  it('exist for exactly az, en and ru', () => {
    const dirs = fs
      .readdirSync(localesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual([...languages].sort());
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
