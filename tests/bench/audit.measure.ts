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
 * Durable append: AuditLog.append, one event per IMMEDIATE transaction, on the full trail,
 * next to a raw better-sqlite3 single-row INSERT (autocommit, so one transaction each) into
 * a copy of the same database (same table, indexes, size and pragmas: WAL, synchronous=FULL).
 * Rounds alternate between the two so a busy machine hurts both alike.
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
  const insert = raw.prepare(
    'INSERT INTO audit_events (at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const sampleHash = 'a'.repeat(64);
  const ROUND_MS = 1500;
  const ROUNDS = 4;
  let app = { events: 0, ms: 0 };
  let base = { events: 0, ms: 0 };
  for (let r = 0; r < ROUNDS; r += 1) {
    const a = performance.now();
    let n = 0;
    while (performance.now() - a < ROUND_MS) {
      vault.audit.append({ actorId: ds.adminId, action: 'secret.copy', target: 'channel:1', channelId: 1, schoolId: null, reason: 'Posting the weekly newsletter', outcome: 'ok', details: { kind: 'password' } });
      n += 1;
    }
    app = { events: app.events + n, ms: app.ms + performance.now() - a };
    const b = performance.now();
    let m = 0;
    while (performance.now() - b < ROUND_MS) {
      insert.run(new Date().toISOString(), ds.adminId, 'secret.copy', 'channel:1', 1, null, 'Posting the weekly newsletter', 'ok', '{"kind":"password"}', sampleHash, sampleHash, sampleHash);
      m += 1;
    }
    base = { events: base.events + m, ms: base.ms + performance.now() - b };
  }
  raw.close();
  await host.close();
  const appRate = (app.events / app.ms) * 1000;
  const rawRate = (base.events / base.ms) * 1000;
  const ratio = appRate / rawRate;
  return {
    id: 'audit.append',
    title: 'Durable audit append (1 event per transaction, synchronous=FULL)',
    value: Math.round(appRate),
    unit: 'events/s',
    limit: { what: 'raw better-sqlite3 single-row INSERT into a copy of the same database, same pragmas', value: Math.round(rawRate), unit: 'events/s' },
    ratio: round(ratio, 2),
    target: target('ratio ≥ 0.8', [{ actual: ratio, bound: 0.8, kind: 'min', unit: '×' }]),
    details: {
      appEvents: app.events,
      rawEvents: base.events,
      rounds: ROUNDS,
      roundSeconds: ROUND_MS / 1000,
      appMicrosecondsPerEvent: Math.round((app.ms * 1000) / app.events),
      rawMicrosecondsPerEvent: Math.round((base.ms * 1000) / base.events),
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
