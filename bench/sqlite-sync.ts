// The cost of SQLite synchronous=FULL (what the server sets, for clinical durability) against NORMAL,
// on small write transactions in WAL mode: one single-row INSERT per transaction, as a dose given or an
// observation recorded is.
//   node --import tsx bench/sqlite-sync.ts [--count 2000] [--rounds 3] [--dir DIR]
// DIR must be on the disk a deployment would use (not tmpfs, where fsync costs nothing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    dir: { type: 'string', default: os.tmpdir() },
  },
});
const count = Number(values.count);
const rounds = Number(values.rounds);
const dir = path.resolve(values.dir ?? os.tmpdir());
if (!(count > 0 && rounds > 0)) {
  process.stderr.write(
    'usage: node --import tsx bench/sqlite-sync.ts [--count 2000] [--rounds 3] [--dir DIR]\n',
  );
  process.exit(1);
}
const say = (line = '') => process.stdout.write(`${line}\n`);

type Setting = 'NORMAL' | 'FULL';

/** The file system that holds `dir`, from /proc/mounts (longest mount point that contains it). */
function fileSystemOf(target: string): string {
  try {
    const mounts = fs
      .readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((parts) => {
        const mountPoint = parts[1] ?? '';
        return (
          parts.length > 2 &&
          (mountPoint === '/' || target === mountPoint || target.startsWith(`${mountPoint}/`))
        );
      })
      .sort((a, b) => (b[1]?.length ?? 0) - (a[1]?.length ?? 0));
    const best = mounts[0];
    return best ? `${best[2]} (${best[0]} on ${best[1]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

interface Run {
  setting: Setting;
  opsPerSecond: number;
  p50Us: number;
  p99Us: number;
}

function once(setting: Setting): Run {
  const file = path.join(dir, `custodia-sync-${process.pid}-${setting}.db`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  };
  remove();
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${setting}`);
    db.exec(`create table dose_given (
      id text primary key, person_id text not null, medication text not null,
      given_at text not null, given_by text not null)`);
    const insert = db.prepare(
      'insert into dose_given (id, person_id, medication, given_at, given_by) values (?, ?, ?, ?, ?)',
    );
    const record = db.transaction((i: number) => {
      insert.run(`dose-${i}`, `person-${i % 300}`, 'isoniazid 300 mg', new Date().toISOString(), 'nurse-7');
    });
    for (let i = 0; i < 50; i++) record(-1 - i); // warm the statement and the file
    const times = new Float64Array(count);
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      const t = process.hrtime.bigint();
      record(i);
      times[i] = Number(process.hrtime.bigint() - t) / 1000;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    times.sort();
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
    return { setting, opsPerSecond: count / seconds, p50Us: at(50), p99Us: at(99) };
  } finally {
    db.close();
    remove();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

const runs: Run[] = [];
say(`${count} single-row insert transactions per run, WAL, ${rounds} round(s), in ${dir}`);
say(
  `file system: ${fileSystemOf(dir)}; SQLite ${new SQLite(':memory:').prepare('select sqlite_version() as v').pluck().get()}`,
);
for (let r = 0; r < rounds; r++) {
  // Alternate the order so neither setting always runs on a warmer disk.
  const order: Setting[] = r % 2 === 0 ? ['NORMAL', 'FULL'] : ['FULL', 'NORMAL'];
  for (const setting of order) {
    const run = once(setting);
    runs.push(run);
    say(
      `  round ${r + 1} ${setting.padEnd(6)}: ${Math.round(run.opsPerSecond).toLocaleString('en-US')} tx/s, ` +
        `p50 ${run.p50Us.toFixed(0)} µs, p99 ${run.p99Us.toFixed(0)} µs per commit`,
    );
  }
}
const summary = (setting: Setting) => {
  const mine = runs.filter((r) => r.setting === setting);
  return {
    opsPerSecond: Math.round(median(mine.map((r) => r.opsPerSecond))),
    p50Us: Math.round(median(mine.map((r) => r.p50Us))),
    p99Us: Math.round(median(mine.map((r) => r.p99Us))),
  };
};
const normal = summary('NORMAL');
const full = summary('FULL');
say();
say(`median of ${rounds} round(s):`);
say(
  `  synchronous=NORMAL: ${normal.opsPerSecond.toLocaleString('en-US')} tx/s (p50 ${normal.p50Us} µs, p99 ${normal.p99Us} µs)`,
);
say(
  `  synchronous=FULL:   ${full.opsPerSecond.toLocaleString('en-US')} tx/s (p50 ${full.p50Us} µs, p99 ${full.p99Us} µs)`,
);
say(
  `  FULL costs ${(normal.opsPerSecond / Math.max(1, full.opsPerSecond)).toFixed(1)}× in throughput on this disk`,
);

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
const file = path.join(resultsDir, `${stamp}-sqlite-sync.json`);
const cpus = os.cpus();
fs.writeFileSync(
  file,
  `${JSON.stringify(
    {
      startedAt: new Date().toISOString(),
      machine: {
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        cpuCount: cpus.length,
        totalMemoryBytes: os.totalmem(),
        node: process.version,
      },
      fileSystem: fileSystemOf(dir),
      transactions: count,
      rounds,
      median: { NORMAL: normal, FULL: full },
      runs,
    },
    null,
    2,
  )}\n`,
);
say(`results written to ${path.relative(process.cwd(), file)}`);
