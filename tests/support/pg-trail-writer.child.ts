/**
 * A server process appending to the trail on PostgreSQL, for tests/reliability/postgres-trail.test.ts
 * to kill with SIGKILL. Bundled by that test and run with plain node:
 *
 *   node pg-trail-writer.mjs '<plan json>'
 *
 * It appends events one at a time and prints `ACK <seq>` after each commit; with plan.hold it then
 * opens one more transaction, appends inside it, prints `HOLDING <seq>` and waits there forever.
 */
import type pg from 'pg';
import { AuditAppender } from '../../electron/core/audit/audit-append.repo';
import { PostgresDb } from '../../electron/core/db/postgres-db';

export interface TrailWriterPlan {
  config: pg.PoolConfig;
  macKeyHex: string;
  personId: number;
  channelId: number;
  appends: number;
  hold: boolean;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as TrailWriterPlan;
const db = new PostgresDb(plan.config);
const appender = new AuditAppender(db, plan.macKeyHex, () => new Date());
const event = { actorId: plan.personId, action: 'secret.copy', target: `channel:${plan.channelId}`, channelId: plan.channelId, outcome: 'ok' as const };

for (let i = 0; i < plan.appends; i += 1) {
  const head = await appender.append(event);
  process.stdout.write(`ACK ${head.seq}\n`);
}
if (plan.hold) {
  await db.transaction(async () => {
    const head = await appender.append(event);
    process.stdout.write(`HOLDING ${head.seq}\n`);
    await new Promise(() => undefined);
  });
}
await db.close();
