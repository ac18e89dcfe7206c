#!/usr/bin/env node
// The standards traceability page: every rule ID of STANDARDS.md with what the software does about
// it, derived from the test names and the code, never written by hand.
//
//   node scripts/traceability.mjs           writes docs/standards-traceability.md
//   node scripts/traceability.mjs --check   fails (exit 1) when the committed page is stale
//   options: --root <dir> (the repository; default: this script's parent folder)
//
// Status of an ID:
//   - "enforced and tested": a test name (it/test/describe title) carries the ID; the test files are
//     listed. Skipped and to-do tests do not count.
//   - "partly": docs/standards-status.json says so, with what is missing; or the code cites the ID
//     (a comment or a source_ref) while no test names it.
//   - "not yet" (which module will do it) and "out of scope" (why): from docs/standards-status.json,
//     by ID or by prefix (every rule of a module not built yet). An ID with no status fails the run.
//
// STANDARDS.md is found through CUSTODIA_STANDARDS_MD (a file), else ../shared/STANDARDS.md beside
// the repository (as in CI), else beside the main worktree of a git worktree. Without it, --check
// takes the rule IDs and texts from the committed page (and says so); writing the page needs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOC = 'docs/standards-traceability.md';
const STATUS = 'docs/standards-status.json';
const SCANNED = ['domain', 'server', 'web', 'e2e', 'bench', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.test-output', 'results']);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const TEST = /\.test\.(ts|tsx|mts|mjs|js)$/;
const LABELS = {
  tested: 'Enforced and tested',
  partly: 'Partly',
  not_yet: 'Not yet',
  out_of_scope: 'Out of scope',
};

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { check: false, root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--root') args.root = path.resolve(argv[++i] ?? '.');
    else throw new UsageError(`unknown option ${argv[i]}`);
  }
  return args;
}

/** Where STANDARDS.md is, or null; `tried` lists the places looked at (for the error message). */
function findStandards(root) {
  const tried = [];
  const candidates = [];
  if (process.env.CUSTODIA_STANDARDS_MD) candidates.push(path.resolve(process.env.CUSTODIA_STANDARDS_MD));
  candidates.push(path.resolve(root, '..', 'shared', 'STANDARDS.md'));
  const git = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (git.status === 0 && git.stdout.trim()) {
    candidates.push(path.resolve(path.dirname(git.stdout.trim()), '..', 'shared', 'STANDARDS.md'));
  }
  for (const file of candidates) {
    if (tried.includes(file)) continue;
    tried.push(file);
    if (fs.existsSync(file)) return { file, tried };
  }
  return { file: null, tried };
}

const clean = (text) =>
  text
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*([^*]+)\*/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();

/** The rule's first sentence (at most about 200 characters), for the reader of the page. */
function summaryOf(text) {
  // Without the evidence tags ([T], [R], [design, …]): they qualify the sources, not the rule.
  const rule = clean((text.split(/\*\*(?:Value|Source):\*\*/)[0] ?? '').replace(/\s*\[[^\]]*\]/g, ''));
  // Whole sentences until there is enough to read (a bold title alone, "Register.", is not).
  const sentences = rule.match(/.*?[.!?](?=\s+[A-Z"(]|$)|.+$/g) ?? [rule];
  let summary = '';
  for (const sentence of sentences) {
    summary = `${summary} ${sentence.trim()}`.trim();
    if (summary.length >= 60) break;
  }
  if (summary.length > 200) summary = `${summary.slice(0, summary.lastIndexOf(' ', 199))} …`;
  return summary;
}

/** Rules in document order, grouped by section: [{ title, rules: [{ id, summary }] }]. */
function parseStandards(markdown) {
  const sections = [];
  let current = null;
  for (const line of markdown.split('\n')) {
    const heading = line.match(/^## (.+)$/);
    if (heading) {
      current = { title: clean(heading[1]), rules: [] };
      sections.push(current);
      continue;
    }
    // "**Cross-cutting engineering rules** (they apply to every module):" opens a group of its own.
    const group = line.match(/^\*\*([^*]+)\*\*\s*\(/);
    if (group) {
      current = { title: clean(group[1]), rules: [] };
      sections.push(current);
      continue;
    }
    const item = line.match(/^- \*\*([A-Z]{1,4}-\d+)\*\*\s*(?:— )?(.*)$/);
    const row = line.match(/^\| \*\*([A-Z]{1,4}-\d+)\*\* \| (.*?) \|/);
    const found = item ?? row;
    if (found && current) current.rules.push({ id: found[1], summary: summaryOf(found[2]) });
  }
  return sections.filter((s) => s.rules.length);
}

/** The same rules, read back from a committed page (when STANDARDS.md is not at hand). */
function parseCommittedPage(markdown) {
  const sections = [];
  let current = null;
  for (const line of markdown.split('\n')) {
    const heading = line.match(/^## (.+)$/);
    if (heading) {
      current = { title: heading[1], rules: [] };
      sections.push(current);
      continue;
    }
    const row = line.match(/^\| ([A-Z]{1,4}-\d+) \| ((?:\\\||[^|])*) \|/);
    if (row && current) current.rules.push({ id: row[1], summary: row[2].trim().replaceAll('\\|', '|') });
  }
  return sections.filter((s) => s.rules.length);
}

function walk(root) {
  const files = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) visit(rel);
      } else if (SOURCE.test(e.name)) files.push(rel);
    }
  };
  for (const top of SCANNED) visit(top);
  return files.sort();
}

// it('…'), test("…"), describe.skipIf(x)(`…`), it.each([...])('…') — the title is the first string.
const TITLE =
  /(?<![.\w])(it|test|describe)((?:\.[A-Za-z]+(?:\((?:[^()]|\([^()]*\))*\))?)*)\(\s*(['"`])((?:\\[\s\S]|(?!\3)[^\\])*)\3/g;

function testTitles(text) {
  const titles = [];
  for (const m of text.matchAll(TITLE)) {
    if (/\.(skip|todo)\b(?!If)/.test(m[2])) continue;
    titles.push(m[4]);
  }
  return titles;
}

/** For each known ID: the test files whose test names carry it, and the other files citing it. */
function collectEvidence(root, ids) {
  const idPattern = /\b[A-Z]{1,4}-\d+\b/g;
  const tests = new Map();
  const code = new Map();
  const add = (map, id, file) => {
    if (!ids.has(id)) return;
    if (!map.has(id)) map.set(id, new Set());
    map.get(id).add(file);
  };
  for (const file of walk(root)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const isTest = TEST.test(file) || file.startsWith('e2e/');
    if (isTest) {
      for (const title of testTitles(text))
        for (const [id] of title.matchAll(idPattern)) add(tests, id, file);
    } else {
      for (const [id] of text.matchAll(idPattern)) add(code, id, file);
    }
  }
  return { tests, code };
}

function readStatusFile(root) {
  const file = path.join(root, STATUS);
  if (!fs.existsSync(file)) return { byPrefix: {}, byId: {} };
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  for (const [key, entry] of [...Object.entries(data.byPrefix ?? {}), ...Object.entries(data.byId ?? {})]) {
    const need = { partly: 'missing', not_yet: 'module', out_of_scope: 'why' }[entry.status];
    if (!need) problems.push(`${key}: status must be partly, not_yet or out_of_scope`);
    else if (typeof entry[need] !== 'string' || !entry[need].trim()) problems.push(`${key}: needs "${need}"`);
  }
  if (problems.length) throw new UsageError(`${STATUS}:\n  ${problems.join('\n  ')}`);
  return { byPrefix: data.byPrefix ?? {}, byId: data.byId ?? {} };
}

/** The status of one ID, and the warnings about status entries that the code has overtaken. */
function statusOf(id, evidence, statusFile, warnings) {
  const tests = [...(evidence.tests.get(id) ?? [])].sort();
  const code = [...(evidence.code.get(id) ?? [])].sort();
  const own = statusFile.byId[id];
  const byPrefix = statusFile.byPrefix[id.replace(/-\d+$/, '')];
  if (own?.status === 'out_of_scope') return { kind: 'out_of_scope', note: own.why, tests, code };
  if (own?.status === 'partly') return { kind: 'partly', note: own.missing, tests, code };
  if (own?.status === 'not_yet' && (tests.length || code.length)) {
    warnings.push(`${id} is marked not_yet in ${STATUS}, but the code cites it: update or remove the entry`);
  }
  if (tests.length) return { kind: 'tested', note: '', tests, code };
  if (code.length) return { kind: 'partly', note: 'cited in the code; no test names it yet', tests, code };
  const entry = own ?? byPrefix;
  if (entry?.status === 'not_yet') return { kind: 'not_yet', note: entry.module, tests, code };
  if (entry?.status === 'out_of_scope') return { kind: 'out_of_scope', note: entry.why, tests, code };
  return null;
}

const cell = (text) => text.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();
const files = (list, max) => {
  const shown = list.slice(0, max).map((f) => `\`${f}\``);
  return list.length > max ? `${shown.join(', ')} and ${list.length - max} more` : shown.join(', ');
};

function render(sections, statuses) {
  const counts = { tested: 0, partly: 0, not_yet: 0, out_of_scope: 0 };
  for (const s of statuses.values()) counts[s.kind]++;
  const total = [...statuses.values()].length;
  const out = [
    '# Standards traceability',
    '',
    '<!-- Generated by `node scripts/traceability.mjs`: do not edit. CI fails when this page is stale. -->',
    '',
    'What Custodia guarantees, rule by rule, for every requirement of the standards digest',
    '(STANDARDS.md, with its IDs). The page is generated from the code: a rule is **enforced and',
    'tested** when a test names its ID (the files are listed, so anyone can read and run the proof);',
    '**partly** when the code applies it but not all of it, or no test names it yet; **not yet** names',
    'the module that will do it; **out of scope** says why the software does not. The statuses that',
    `code cannot show are kept in \`${STATUS}\`.`,
    '',
    `${total} rules: ${counts.tested} enforced and tested, ${counts.partly} partly, ` +
      `${counts.not_yet} not yet, ${counts.out_of_scope} out of scope.`,
  ];
  for (const section of sections) {
    out.push('', `## ${section.title}`, '', '| ID | Rule | Status | Evidence |', '| --- | --- | --- | --- |');
    for (const rule of section.rules) {
      const s = statuses.get(rule.id);
      const evidence = [];
      if (s.tests.length) evidence.push(`tests: ${files(s.tests, 6)}`);
      if (s.code.length) evidence.push(`code: ${files(s.code, s.tests.length ? 3 : 6)}`);
      const status = s.note ? `${LABELS[s.kind]}: ${s.note}` : LABELS[s.kind];
      out.push(
        `| ${rule.id} | ${cell(rule.summary)} | ${cell(status)} | ${cell(evidence.join('; ')) || '—'} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

export function generate(root, { check }) {
  const docPath = path.join(root, DOC);
  const committed = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : null;
  const standards = findStandards(root);
  let sections;
  const notes = [];
  if (standards.file) sections = parseStandards(fs.readFileSync(standards.file, 'utf8'));
  else if (check && committed) {
    sections = parseCommittedPage(committed);
    notes.push(
      `note: STANDARDS.md not found (looked at ${standards.tried.join(', ')}); ` +
        `the rule IDs and texts are taken from the committed ${DOC}.`,
    );
  } else {
    throw new UsageError(
      `STANDARDS.md not found: looked at ${standards.tried.join(', ')}. Put the shared folder beside ` +
        'the repository (../shared), or set CUSTODIA_STANDARDS_MD to the file.',
    );
  }
  const ids = new Set(sections.flatMap((s) => s.rules.map((r) => r.id)));
  if (!ids.size) throw new UsageError('no rule IDs found in STANDARDS.md');
  const evidence = collectEvidence(root, ids);
  const statusFile = readStatusFile(root);
  const warnings = [];
  const statuses = new Map();
  const missing = [];
  for (const id of ids) {
    const s = statusOf(id, evidence, statusFile, warnings);
    if (s) statuses.set(id, s);
    else missing.push(id);
  }
  if (missing.length) {
    throw new UsageError(
      `no status for ${missing.join(', ')}: name the ID in a test, or give it a status ` +
        `(not_yet with the module, out_of_scope with why, partly with what is missing) in ${STATUS}.`,
    );
  }
  return { text: render(sections, statuses), committed, docPath, notes, warnings };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const result = generate(args.root, { check: args.check });
  for (const line of [...result.notes, ...result.warnings.map((w) => `warning: ${w}`)]) console.error(line);
  if (args.check) {
    if (result.committed !== result.text) {
      console.error(
        `${DOC} is stale (or missing): run \`node scripts/traceability.mjs\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`${DOC} is up to date.`);
    return;
  }
  fs.mkdirSync(path.dirname(result.docPath), { recursive: true });
  fs.writeFileSync(result.docPath, result.text);
  console.log(`wrote ${DOC}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`traceability: ${error.message}`);
    process.exit(2);
  }
}
