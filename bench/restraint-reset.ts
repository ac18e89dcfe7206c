// Removes the observations that `restraint-observation` runs added to the generated open episodes
// (their note says so), so that each run measures a ward's usual episode, not one with thousands
// of notes:
//   node --import tsx bench/restraint-reset.ts --database URL
// A generated benchmark database only: the register is append-only, so this lifts its trigger for
// the delete and puts it back in the same transaction.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../server/src/platform/config.ts';
import { openDatabase } from '../server/src/platform/db/database.ts';
import { BENCH_OBSERVATION_NOTE } from './lib/restraint.ts';

const { values } = parseArgs({ options: { database: { type: 'string' } } });
if (!values.database) {
  process.stderr.write('usage: node --import tsx bench/restraint-reset.ts --database URL\n');
  process.exit(2);
}
const handle = await openDatabase(parseDatabaseUrl(values.database));
try {
  const { rows: marker } = await sql<{ value: string }>`
    select value from system_setting where key = 'bench_scale'`.execute(handle.db);
  if (!marker.length) throw new Error('not a generated benchmark database (no bench_scale): nothing removed');
  const removed = await handle.db.transaction().execute(async (tx) => {
    if (handle.dialect === 'postgresql') {
      await sql`alter table restraint_event disable trigger restraint_event_append_only`.execute(tx);
    } else {
      await sql`drop trigger restraint_event_no_delete`.execute(tx);
    }
    const result = await tx
      .deleteFrom('restraint_event')
      .where('kind', '=', 'observation')
      .where('payload', 'like', `%${BENCH_OBSERVATION_NOTE}%`)
      .executeTakeFirst();
    if (handle.dialect === 'postgresql') {
      await sql`alter table restraint_event enable trigger restraint_event_append_only`.execute(tx);
    } else {
      await sql`create trigger restraint_event_no_delete before delete on restraint_event
        begin select raise(abort, 'restraint_event is append-only: record a correction instead'); end`.execute(
        tx,
      );
    }
    return Number(result.numDeletedRows);
  });
  process.stdout.write(`removed ${removed} observations recorded by benchmark runs\n`);
} finally {
  await handle.close();
}
