import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditAppender } from '../../electron/core/audit/audit-append.repo';
import { chainMac, GENESIS_HASH } from '../../electron/core/audit/audit-chain';
import { chainHashV2, nameCommitment } from '../../electron/core/audit/audit-chain-v2';
import { verifyAuditTrail } from '../../electron/core/audit/audit-verify';
import type { Db } from '../../electron/core/db/db.port';
import { qb } from '../../electron/core/db/sql';
import { openPostgresDb, openSqliteDb, seedTrailSubjects } from '../support/db-engines';
import { postgresAvailable } from '../support/postgres-db';
import { tempDir } from '../support/test-vault';

const dir = tempDir();
const macKeyHex = randomBytes(32).toString('hex');
const at = '2026-12-07T10:00:00.000Z';
const clock = () => new Date(at);

/** Reads the whole trail and checks every link, hash and MAC, and that seq runs 1..n with no gap. */
async function expectIntactChain(db: Db): Promise<number> {
  const rows = await db.all(qb.selectFrom('audit_events').selectAll().orderBy('seq'));
  let previous = GENESIS_HASH;
  rows.forEach((row, index) => {
    expect(row.seq).toBe(index + 1);
    expect(row.prev_hash).toBe(previous);
    expect(row.hash).toBe(chainHashV2(row.prev_hash, row));
    expect(row.mac).toBe(chainMac(macKeyHex, row.hash));
    previous = row.hash;
  });
  const names = await db.all(qb.selectFrom('audit_names').selectAll());
  for (const name of names) expect(nameCommitment(name.salt!, name.label!, name.name!)).toBe(name.commitment);
  return rows.length;
}

function describeAppender(engine: string, open: () => Promise<{ db: Db; more?: () => Db; close(): Promise<void> }>, skip = false): void {
  describe.skipIf(skip)(`the trail appended through the Db port on ${engine}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let ids: { personId: number; channelId: number };
    beforeAll(async () => {
      opened = await open();
      ids = await seedTrailSubjects(opened.db);
    });
    afterAll(async () => opened?.close());

    it('chains events with commitments to names as they were, reusing a commitment until the names change', async () => {
      const { db } = opened;
      const appender = new AuditAppender(db, macKeyHex, clock);
      const event = { actorId: ids.personId, action: 'secret.copy', target: `channel:${ids.channelId}`, channelId: ids.channelId, outcome: 'ok' as const, reason: 'Newsletter' };
      await appender.append(event);
      await appender.append(event);
      await db.transaction(async () => {
        await db.run(qb.updateTable('channels').set({ name: 'Park Primary School' }).where('id', '=', ids.channelId));
        await appender.append({ ...event, action: 'channel.update' });
      });
      const rows = await db.all(qb.selectFrom('audit_events').select(['actor_commit', 'target_commit', 'channel_commit']).orderBy('seq'));
      expect(rows[0]).toEqual(rows[1]);
      expect(rows[2]!.channel_commit).not.toBe(rows[1]!.channel_commit);
      expect(rows[2]!.target_commit).toBe(rows[2]!.channel_commit);
      expect(rows[2]!.actor_commit).toBe(rows[1]!.actor_commit);
      expect(await db.all(qb.selectFrom('audit_names').select('name').where('kind', '=', 'channel').orderBy('name'))).toEqual([{ name: 'Park Primary' }, { name: 'Park Primary School' }]);
      expect(await expectIntactChain(db)).toBe(3);
    });

    it('leaves no event and no name row when the change it records rolls back', async () => {
      const { db } = opened;
      const appender = new AuditAppender(db, macKeyHex, clock);
      const before = await appender.head();
      await expect(
        db.transaction(async () => {
          await db.run(qb.updateTable('people').set({ name: 'Ann Other' }).where('id', '=', ids.personId));
          await appender.append({ actorId: ids.personId, action: 'person.update', target: `person:${ids.personId}`, outcome: 'ok' });
          throw new Error('refused after the append');
        }),
      ).rejects.toThrow('refused after the append');
      expect(await appender.head()).toEqual(before);
      expect(await db.all(qb.selectFrom('audit_names').select('name').where('name', '=', 'Ann Other'))).toEqual([]);
    });

    it('keeps one gapless chain with 8 writers appending at once', async () => {
      const { db } = opened;
      const before = await expectIntactChain(db);
      // On PostgreSQL each writer is its own pool, as several server processes would be; on SQLite they share the connection.
      const writers = Array.from({ length: 8 }, () => new AuditAppender(opened.more?.() ?? db, macKeyHex, clock));
      const results = await Promise.all(
        writers.map(async (writer, w) => {
          const heads = [];
          for (let i = 0; i < 25; i += 1) heads.push(await writer.append({ actorId: ids.personId, action: 'secret.reveal', target: `channel:${ids.channelId}`, channelId: ids.channelId, outcome: 'ok', details: { writer: w, i } }));
          return heads;
        }),
      );
      const seqs = results.flat().map((head) => head.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => before + i + 1));
      expect(await expectIntactChain(db)).toBe(before + 200);
    });
  });
}

describeAppender('SQLite', () => openSqliteDb(dir.path, 'trail'));
describeAppender('PostgreSQL', openPostgresDb, !postgresAvailable);

describe('a trail appended through the port on SQLite', () => {
  it("passes the vault's own verify", async () => {
    const { raw, db, close } = await openSqliteDb(dir.path, 'verify');
    const { personId, channelId } = await seedTrailSubjects(db);
    const appender = new AuditAppender(db, macKeyHex, clock);
    for (let i = 0; i < 5; i += 1) await appender.append({ actorId: personId, action: 'secret.copy', target: `channel:${channelId}`, channelId, outcome: 'ok' });
    expect(await verifyAuditTrail(db, raw, macKeyHex, await appender.head())).toMatchObject({ ok: true, events: 5 });
    await close();
  });
});
