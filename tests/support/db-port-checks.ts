import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/db.port';
import { qb } from '../../electron/core/db/sql';

export interface OpenedDb {
  db: Db;
  close(): Promise<void>;
}

const at = '2026-12-07T10:00:00.000Z';
const schoolCodes = () => qb.selectFrom('schools').select('code').orderBy('code');
const addSchool = (code: string) => qb.insertInto('schools').values({ code, name: `School ${code}`, created_at: at });

async function codes(db: Db): Promise<string[]> {
  return (await db.all(schoolCodes())).map((row) => row.code);
}

/** Adds one to the counter school's name, read then written: a lost update shows as a smaller total. */
async function increment(db: Db): Promise<void> {
  await db.transaction(async () => {
    const row = await db.first(qb.selectFrom('schools').select('name').where('code', '=', 'CTR'));
    await db.run(qb.updateTable('schools').set({ name: String(Number(row!.name) + 1) }).where('code', '=', 'CTR'));
  });
}

/**
 * What the core relies on from its Db, checked on each engine by the same tests: a transaction is
 * all or nothing, nests as a savepoint, and no caller's statement ever lands in another caller's
 * transaction or reads past it.
 */
export function describeDbPort(engine: string, open: () => Promise<OpenedDb>, skip = false): void {
  describe.skipIf(skip)(`the Db port on ${engine}`, () => {
    let opened: OpenedDb;
    let db: Db;
    beforeAll(async () => {
      opened = await open();
      db = opened.db;
    });
    afterAll(async () => opened?.close());
    beforeEach(async () => {
      await db.run(qb.deleteFrom('schools'));
    });

    it('reads, writes and counts what it changed', async () => {
      await db.run(addSchool('AAA'));
      const changed = await db.run(qb.updateTable('schools').set({ name: 'Renamed' }).where('code', 'in', ['AAA', 'ZZZ']));
      expect(changed.changes).toBe(1);
      expect(await db.first(qb.selectFrom('schools').select(['code', 'name']).where('code', '=', 'AAA'))).toEqual({ code: 'AAA', name: 'Renamed' });
      expect(await db.first(qb.selectFrom('schools').select('code').where('code', '=', 'NONE'))).toBeUndefined();
      const count = await db.first(qb.selectFrom('schools').select(sql<number>`COUNT(*)`.as('n')));
      expect(count).toEqual({ n: 1 });
    });

    it('reads rows as arrays of their values in the select order, NULL as null, beside the same rows as objects', async () => {
      await db.run(addSchool('BBB'));
      await db.run(addSchool('AAA'));
      const query = qb.selectFrom('schools').select(['name', 'code', sql<string | null>`NULL`.as('nothing')]).orderBy('code');
      expect(await db.tuples(query)).toEqual([
        ['School AAA', 'AAA', null],
        ['School BBB', 'BBB', null],
      ]);
      // The same statement read as objects afterwards is still objects (modes are not shared).
      expect(await db.all(query)).toEqual([
        { name: 'School AAA', code: 'AAA', nothing: null },
        { name: 'School BBB', code: 'BBB', nothing: null },
      ]);
      expect(await db.tuples(query.where('code', '=', 'NONE'))).toEqual([]);
    });

    it('commits all of a transaction, or none of it when it throws', async () => {
      await db.transaction(async () => {
        await db.run(addSchool('AAA'));
        await db.run(addSchool('BBB'));
      });
      await expect(
        db.transaction(async () => {
          await db.run(addSchool('CCC'));
          throw new Error('refused halfway');
        }),
      ).rejects.toThrow('refused halfway');
      await expect(db.transaction(async () => db.run(addSchool('aaa')))).rejects.toThrow();
      expect(await codes(db)).toEqual(['AAA', 'BBB']);
      expect(db.inTransaction()).toBe(false);
    });

    it('nests a transaction as a savepoint: an inner failure caught by the outer undoes only the inner part', async () => {
      await db.transaction(async () => {
        expect(db.inTransaction()).toBe(true);
        await db.run(addSchool('AAA'));
        await db
          .transaction(async () => {
            await db.run(addSchool('BBB'));
            throw new Error('inner refused');
          })
          .catch(() => undefined);
        await db.transaction(async () => db.run(addSchool('CCC')));
      });
      expect(await codes(db)).toEqual(['AAA', 'CCC']);
    });

    it('runs concurrent transactions one after the other: no update is lost', async () => {
      await db.run(qb.insertInto('schools').values({ code: 'CTR', name: '0', created_at: at }));
      await Promise.all(Array.from({ length: 4 }, async () => { for (let i = 0; i < 10; i += 1) await increment(db); }));
      expect(await db.first(qb.selectFrom('schools').select('name').where('code', '=', 'CTR'))).toEqual({ name: '40' });
    });

    it("keeps another caller's lone write out of an open transaction: a rollback does not take it along", async () => {
      let release!: () => void;
      const inside = new Promise<void>((resolve) => (release = resolve));
      const failing = db.transaction(async () => {
        await db.run(addSchool('AAA'));
        release();
        // Other callers get their turn here, while this transaction is still open.
        for (let i = 0; i < 5; i += 1) await db.first(schoolCodes());
        throw new Error('rolled back');
      });
      await inside;
      const lone = db.run(addSchool('BBB'));
      const seen = db.all(schoolCodes());
      await expect(failing).rejects.toThrow('rolled back');
      await lone;
      // The other caller never saw the uncommitted row.
      expect((await seen).map((row) => row.code)).not.toContain('AAA');
      expect(await codes(db)).toEqual(['BBB']);
    });
  });
}
