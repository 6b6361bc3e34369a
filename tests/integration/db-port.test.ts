import { describe, expect, it } from 'vitest';
import { AWAITED_OUTSIDE_DB } from '../../electron/core/db/db.port';
import { qb } from '../../electron/core/db/sql';
import { openPostgresDb, openSqliteDb } from '../support/db-engines';
import { describeDbPort } from '../support/db-port-checks';
import { postgresAvailable } from '../support/postgres-db';
import { tempDir } from '../support/test-vault';

const now = new Date('2026-12-07T10:00:00Z');
const dir = tempDir();

describeDbPort('SQLite', () => openSqliteDb(dir.path, 'port'));
describeDbPort('PostgreSQL', openPostgresDb, !postgresAvailable);

describe('the transaction guard (on in tests)', () => {
  it('refuses a SQLite transaction that awaits a timer, and writes nothing', async () => {
    const { db, close } = await openSqliteDb(dir.path, 'guard');
    const add = qb.insertInto('schools').values({ code: 'AAA', name: 'A', created_at: now.toISOString() });
    await expect(
      db.transaction(async () => {
        await db.run(add);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }),
    ).rejects.toThrow(AWAITED_OUTSIDE_DB);
    expect(await db.all(qb.selectFrom('schools').select('code'))).toEqual([]);
    // A transaction that awaits only the database passes.
    await db.transaction(async () => db.run(add));
    expect(await db.all(qb.selectFrom('schools').select('code'))).toEqual([{ code: 'AAA' }]);
    await close();
  });
});
