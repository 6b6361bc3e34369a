import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../electron/core/audit/audit-chain';
import { canonicalFormV2, type ChainFieldsV2 } from '../../electron/core/audit/audit-chain-v2';
import { openDatabase } from '../../electron/core/db/database';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { VaultHost } from '../../electron/core/vault/vault-host';
import type { BenchDataset } from './bench-dataset';
import { percentile, round, target, timed, type Figure } from './bench-report';

const ROW_SQL =
  'SELECT seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit FROM audit_events ORDER BY seq';

/**
 * Verify of the whole trail (the audit.verify call: anchor read from the keychain, every
 * event's hash and MAC) next to node:crypto doing only the hashing and HMAC of the same
 * bytes, already in memory. Reading the rows alone is timed too, to show where the rest goes.
 */
export async function measureVerify(ds: BenchDataset): Promise<Figure> {
  const verify = async () => {
    const { value: result, ms } = await timed(() => ds.core.call(ds.admin, 'audit.verify', {}));
    if (!result.ok || !result.value.ok) throw new Error(`audit verify failed on the bench trail: ${JSON.stringify(result)}`);
    return { ms, events: result.value.events };
  };
  const first = await verify();
  const events = first.events;

  const db = new Database(databasePath(ds.dataDir), { readonly: true });
  const macKey = Buffer.from((await vaultMacKey(ds)) ?? '', 'hex');
  // The exact bytes chainHashV2 hashes (the canonical form, then the link: prev_hash, school
  // and the digest), gathered in 50,000-event chunks (not timed).
  const chunks: { bytes: Buffer; ends: Uint32Array; links: string[] }[] = [];
  let texts: string[] = [];
  let links: string[] = [];
  const flush = () => {
    const ends = new Uint32Array(texts.length);
    let end = 0;
    texts.forEach((text, i) => (ends[i] = end += Buffer.byteLength(text)));
    chunks.push({ bytes: Buffer.from(texts.join(''), 'utf8'), ends, links });
    texts = [];
    links = [];
  };
  const { ms: readMs } = await timed(() => {
    let prev = GENESIS_HASH;
    for (const row of db.prepare(ROW_SQL).iterate() as IterableIterator<ChainFieldsV2 & { hash: string; version: number }>) {
      // Only the events the verify above walked: it appended one of its own at the end.
      if (row.seq > events) break;
      if (row.version !== 2) throw new Error(`the bench trail has a v${row.version} event (${row.seq}): it is built in v2`);
      texts.push(canonicalFormV2(row));
      links.push(`${prev}\n${row.school_id === null ? '' : String(row.school_id)}\n`);
      prev = row.hash;
      if (texts.length === 50_000) flush();
    }
    flush();
  });
  db.close();
  let bytes = 0;
  const hashAll = () => {
    bytes = 0;
    for (const { bytes: chunk, ends, links: prefixes } of chunks) {
      let start = 0;
      for (const [i, end] of ends.entries()) {
        const digest = createHash('sha256').update(chunk.subarray(start, end)).digest('hex');
        const hash = createHash('sha256').update(`${prefixes[i]}${digest}`).digest('hex');
        createHmac('sha256', macKey).update(hash).digest('hex');
        start = end;
      }
      bytes += chunk.length;
    }
  };
  // Each side twice, taking the faster: the machine may be busy with other work.
  const crypto1 = await timed(hashAll);
  const second = await verify();
  const crypto2 = await timed(hashAll);
  const verifyMs = Math.min(first.ms, second.ms);
  const cryptoMs = Math.min(crypto1.ms, crypto2.ms);
  const seconds = verifyMs / 1000;
  const ratio = cryptoMs / verifyMs;
  return {
    id: 'audit.verify',
    title: `Audit verify, ${events.toLocaleString('en-GB')} events, best of 2`,
    value: round(seconds, 2),
    unit: 's',
    limit: { what: 'SHA-256 + HMAC of the same bytes with node:crypto alone, best of 2', value: round(cryptoMs / 1000, 2), unit: 's' },
    ratio: round(ratio, 2),
    target: target('throughput ≥ 0.5 of node:crypto alone', [{ actual: ratio, bound: 0.5, kind: 'min', unit: '×' }]),
    details: {
      events,
      eventsPerSecond: Math.round(events / seconds),
      verifyRunsSeconds: `${round(first.ms / 1000, 2)}, ${round(second.ms / 1000, 2)}`,
      cryptoRunsSeconds: `${round(crypto1.ms / 1000, 2)}, ${round(crypto2.ms / 1000, 2)}`,
      hashedMegabytes: round(bytes / 1e6, 1),
      readRowsAndCanonicalFormSeconds: round(readMs / 1000, 2),
    },
  };
}

async function vaultMacKey(ds: BenchDataset): Promise<string | null> {
  const host = new VaultHost(ds.dataDir, createKeytarStore(), ds.clock, () => {});
  const vault = await host.open();
  const key = vault.macKeyHex;
  await host.close();
  return key;
}

/**
 * Durable append: AuditLog.append, one event per IMMEDIATE transaction, on the full trail, next
 * to the best hand-written code with the same storage duties, on a copy of the same database
 * (same table, indexes, triggers, size and pragmas: WAL, synchronous=FULL): one IMMEDIATE
 * transaction per event that reads the head (a chain's next row needs the previous hash, read
 * under the write lock because the app and the CLI may append to one vault) and inserts the row
 * the app stores (17 columns: seq, version 2, three 64-hex commitments). What it leaves out is
 * Custodian's own work: names, canonical form, hashes, MAC, the anchor's note. The old limit, a
 * 12-column autocommit INSERT with no head read (a smaller row, not a chain), is timed in the
 * same rounds and kept in the breakdown. Rounds rotate the order so a busy machine hurts all alike.
 */
export async function measureAppend(ds: BenchDataset): Promise<Figure> {
  const copy = join(ds.dataDir, 'bench-raw-insert.sqlite3');
  // Nothing else writes now: the file and its WAL copied together are a consistent database.
  for (const suffix of ['', '-wal']) {
    if (existsSync(databasePath(ds.dataDir) + suffix)) copyFileSync(databasePath(ds.dataDir) + suffix, copy + suffix);
  }
  const host = new VaultHost(ds.dataDir, createKeytarStore(), ds.clock, () => {});
  const vault = await host.open();
  const raw = openDatabase(copy, { create: false });
  const head = raw.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const insertRow = raw.prepare(
    'INSERT INTO audit_events (seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPlain = raw.prepare(
    'INSERT INTO audit_events (at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The length of every hash, MAC and commitment the app stores.
  const hex = createHash('sha256').update('bench').digest('hex');
  const chainedInsert = raw.transaction(() => {
    const previous = head.get();
    if (previous === undefined) throw new Error('the bench trail is empty');
    insertRow.run(previous.seq + 1, new Date().toISOString(), ds.adminId, 'secret.copy', 'channel:1', 1, null, 'Posting the weekly newsletter', 'ok', '{"kind":"password"}', previous.hash, hex, hex, 2, hex, hex, hex);
  });
  const sides = {
    app: () => vault.audit.append({ actorId: ds.adminId, action: 'secret.copy', target: 'channel:1', channelId: 1, schoolId: null, reason: 'Posting the weekly newsletter', outcome: 'ok', details: { kind: 'password' } }),
    limit: () => chainedInsert.immediate(),
    plain: () => void insertPlain.run(new Date().toISOString(), ds.adminId, 'secret.copy', 'channel:1', 1, null, 'Posting the weekly newsletter', 'ok', '{"kind":"password"}', hex, hex, hex),
  };
  type Side = keyof typeof sides;
  const order: Side[] = ['app', 'limit', 'plain'];
  const ROUND_MS = 1500;
  const ROUNDS = 4;
  const totals: Record<Side, { events: number; ms: number }> = { app: { events: 0, ms: 0 }, limit: { events: 0, ms: 0 }, plain: { events: 0, ms: 0 } };
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const side of [...order.slice(r % order.length), ...order.slice(0, r % order.length)]) {
      const run = sides[side];
      const a = performance.now();
      let n = 0;
      while (performance.now() - a < ROUND_MS) {
        // Awaited on every side: the app's append is async (it commits before the next event starts).
        await run();
        n += 1;
      }
      totals[side] = { events: totals[side].events + n, ms: totals[side].ms + performance.now() - a };
    }
  }
  raw.close();
  await host.close();
  const rate = (side: Side) => (totals[side].events / totals[side].ms) * 1000;
  const micros = (side: Side) => Math.round((totals[side].ms * 1000) / totals[side].events);
  const ratio = rate('app') / rate('limit');
  return {
    id: 'audit.append',
    title: 'Durable audit append (1 event per transaction, synchronous=FULL)',
    value: Math.round(rate('app')),
    unit: 'events/s',
    limit: {
      what: 'raw better-sqlite3, one IMMEDIATE transaction per event: head read + INSERT of the same 17-column row, into a copy of the same database, same pragmas',
      value: Math.round(rate('limit')),
      unit: 'events/s',
    },
    ratio: round(ratio, 2),
    target: target('ratio ≥ 0.8', [{ actual: ratio, bound: 0.8, kind: 'min', unit: '×' }]),
    details: {
      appEvents: totals.app.events,
      limitEvents: totals.limit.events,
      rounds: ROUNDS,
      roundSeconds: ROUND_MS / 1000,
      appMicrosecondsPerEvent: micros('app'),
      limitMicrosecondsPerEvent: micros('limit'),
      plainInsertMicrosecondsPerEvent: micros('plain'),
      ratioToPlainInsert: round(rate('app') / rate('plain'), 2),
    },
  };
}

/**
 * audit.list by school + channel + actor + date range, 100 a page, following beforeSeq for up
 * to three pages, through the router as the window calls it; next to the same SQL run raw.
 */
export async function measureQuery(ds: BenchDataset): Promise<Figure> {
  const db = new Database(databasePath(ds.dataDir), { readonly: true });
  const rawQuery = db.prepare(
    `SELECT e.seq, e.at, a.email, a.name, e.action, e.target, c.platform, c.handle, s.code, e.outcome, e.reason, e.details
     FROM audit_events e LEFT JOIN people a ON a.id = e.actor_id LEFT JOIN channels c ON c.id = e.channel_id LEFT JOIN schools s ON s.id = e.school_id
     WHERE e.channel_id = ? AND e.actor_id = ? AND e.school_id = ? AND e.at >= ? AND e.at < ? AND e.seq < ?
     ORDER BY e.seq DESC LIMIT 100`,
  );
  const ids = db.prepare('SELECT (SELECT id FROM schools WHERE code = ?) AS school, (SELECT id FROM people WHERE email = ?) AS actor');
  const channelId = db.prepare('SELECT id FROM channels WHERE platform = ? AND handle = ?');
  const appMs: number[] = [];
  const rawMs: number[] = [];
  let rows = 0;
  let pages = 0;
  // One call first, so statement preparation is not counted as a user's wait.
  const first = ds.querySamples[0];
  if (first !== undefined) await ds.core.call(ds.admin, 'audit.list', { ...first, limit: 100 });
  for (const sample of ds.querySamples) {
    let beforeSeq: number | undefined;
    const { school, actor } = ids.get(sample.school, sample.actor) as { school: number; actor: number };
    const colon = sample.channel.indexOf(':');
    const channel = (channelId.get(sample.channel.slice(0, colon), sample.channel.slice(colon + 1)) as { id: number }).id;
    for (let page = 0; page < 3; page += 1) {
      const { ms, value } = await timed(() => ds.core.call(ds.admin, 'audit.list', { ...sample, limit: 100, ...(beforeSeq === undefined ? {} : { beforeSeq }) }));
      if (!value.ok) throw new Error(`audit.list failed: ${value.error.message}`);
      appMs.push(ms);
      const raw = await timed(() => rawQuery.all(channel, actor, school, sample.since, sample.until, beforeSeq ?? Number.MAX_SAFE_INTEGER));
      rawMs.push(raw.ms);
      pages += 1;
      rows += value.value.length;
      if (value.value.length < 100) break;
      beforeSeq = value.value.at(-1)?.seq;
    }
  }
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${rawQuery.source}`).all(1, 1, 1, '', '', 1) as { detail: string }[]).map((p) => p.detail).join('; ');
  db.close();
  const p95 = percentile(appMs, 95);
  const rawP95 = percentile(rawMs, 95);
  return {
    id: 'audit.query',
    title: 'Audit query (school + channel + actor + dates, 100 a page, keyset), p95',
    value: round(p95, 2),
    unit: 'ms',
    limit: { what: 'the same SQL run raw with better-sqlite3, p95', value: round(rawP95, 2), unit: 'ms' },
    ratio: round(rawP95 / p95, 2),
    target: target('p95 ≤ 10 ms', [{ actual: p95, bound: 10, kind: 'max', unit: 'ms' }]),
    details: {
      p50Ms: round(percentile(appMs, 50), 2),
      p95Ms: round(p95, 2),
      maxMs: round(Math.max(...appMs), 2),
      rawP50Ms: round(percentile(rawMs, 50), 2),
      queries: ds.querySamples.length,
      pages,
      rowsReturned: rows,
      queryPlan: plan,
    },
  };
}
