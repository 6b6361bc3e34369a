import type Database from 'better-sqlite3';
import { createSecretKey } from 'node:crypto';
import type { AuditEventInput } from '../../electron/core/audit/audit.repo';
import { AuditNames, type NameKind } from '../../electron/core/audit/audit-names.repo';
import { chainedEventV2, eventSubjects } from '../../electron/core/audit/chained-event';
import type { BenchGrowth, Grown, QuerySample } from './bench-dataset';

const YEAR = 365 * 86_400_000;
const REASONS = ['Posting the weekly newsletter', 'Checking comments on the weekend', 'Replying to a parent query', 'Sharing sports day photos', 'Monthly security check'];

/**
 * Appends a valid chain from the current head up to `totalEvents`, in transactions of 25,000;
 * returns the new head. Rows are made by the trail's own chainedEventV2, as the app's appends are.
 */
export function addAuditEvents(db: Database.Database, grown: Grown, macKeyHex: string, totalEvents: number, t: BenchGrowth, log: (line: string) => void): { seq: number; hash: string } {
  const { random, pick, start, realNow } = t;
  const head = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const total = totalEvents - head.seq;
  const insert = db.prepare(
    'INSERT INTO audit_events (seq, at, actor_id, action, target, channel_id, school_id, reason, outcome, details, prev_hash, hash, mac, version, actor_commit, target_commit, channel_commit) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Names do not change while the dataset grows: each subject's commitment is looked up (or written) once.
  const names = new AuditNames(db);
  const commitments = new Map<string, string | null>();
  const commit = (kind: NameKind, id: number | null, at: string): string | null => {
    if (id === null) return null;
    const key = `${kind}:${id}`;
    if (!commitments.has(key)) commitments.set(key, names.commit(kind, id, at));
    return commitments.get(key) ?? null;
  };
  const macKey = createSecretKey(Buffer.from(macKeyHex, 'hex'));
  const channels = [...grown.holders.keys()];
  const operators = grown.operators;
  const { first, last } = grown.postIds;
  const span = realNow - 3_600_000 - start;
  let previous = head;
  const BATCH = 25_000;
  const batch = db.transaction((count: number) => {
    for (let k = 0; k < count; k += 1) {
      const at = new Date(start + ((previous.seq + 1 - head.seq) / total) * span).toISOString();
      const channel = pick(channels);
      const school = grown.channelSchool.get(channel) ?? null;
      const r = random();
      let event: AuditEventInput;
      if (r < 0.6) {
        const holders = grown.holders.get(channel) ?? [];
        // The first holder does half the channel's work: deep pages for the query bench.
        const actor = random() < 0.5 ? (holders[0] ?? null) : pick(holders);
        const use = Math.floor(random() * 3);
        event = {
          actorId: actor,
          action: use === 0 ? 'secret.reveal' : use === 1 ? 'secret.copy' : 'totp.code',
          target: `channel:${channel}`,
          channelId: channel,
          schoolId: school,
          reason: pick(REASONS),
          outcome: random() < 0.03 ? 'denied' : 'ok',
          details: { kind: use === 2 ? 'totp' : 'password' },
        };
      } else if (r < 0.75) {
        const post = first + Math.floor(random() * Math.max(1, last - first));
        event = { actorId: null, action: pick(['publish.claim', 'publish.outcome']), target: `post:${post}`, channelId: channel, schoolId: school, outcome: 'ok', details: { target: post, attempts: 1 } };
      } else if (r < 0.85) {
        event = { actorId: pick(operators), action: 'auth.sign_in', outcome: random() < 0.05 ? 'denied' : 'ok' };
      } else if (r < 0.95) {
        const actor = pick(operators);
        const post = first + Math.floor(random() * Math.max(1, last - first));
        event = { actorId: actor, action: pick(['post.create', 'post.approve', 'post.update']), target: `post:${post}`, schoolId: grown.personSchool.get(actor) ?? null, outcome: 'ok' };
      } else {
        const person = pick(grown.holders.get(channel) ?? operators);
        event = { actorId: operators[0] ?? null, action: pick(['access.grant', 'access.revoke']), target: `person:${person}`, channelId: channel, schoolId: school, outcome: 'ok', details: { by: 'bench' } };
      }
      const subjects = eventSubjects(event);
      const channelCommit = commit('channel', subjects.channel, at);
      const target = subjects.targetIsChannel ? channelCommit : subjects.otherTarget === null ? null : commit(subjects.otherTarget.kind, subjects.otherTarget.id, at);
      const row = chainedEventV2(previous, event, at, { actor: commit('person', subjects.actor, at), target, channel: channelCommit }, macKey);
      insert.run(row.seq, row.at, row.actor_id, row.action, row.target, row.channel_id, row.school_id, row.reason, row.outcome, row.details, row.prev_hash, row.hash, row.mac, row.version, row.actor_commit, row.target_commit, row.channel_commit);
      previous = { seq: row.seq, hash: row.hash };
    }
  });
  for (let done = 0; done < total; done += BATCH) {
    batch.immediate(Math.min(BATCH, total - done));
    if ((done / BATCH) % 8 === 7) log(`audit events: ${previous.seq.toLocaleString('en-GB')}`);
  }
  return previous;
}

/** A channel at a school, its busiest holder, and two years of its trail. */
export function querySamples(db: Database.Database, grown: Grown, random: () => number, realNow: number): QuerySample[] {
  const channelRows = db.prepare('SELECT c.id, c.platform, c.handle, s.code FROM channels c JOIN schools s ON s.id = c.school_id').all() as { id: number; platform: string; handle: string; code: string }[];
  const email = db.prepare('SELECT email FROM people WHERE id = ?');
  const samples: QuerySample[] = [];
  for (let i = 0; i < 100 && channelRows.length > 0; i += 1) {
    const c = channelRows[Math.floor(random() * channelRows.length)];
    const actor = c === undefined ? undefined : grown.holders.get(c.id)?.[0];
    if (c === undefined || actor === undefined) continue;
    const since = realNow - (2 + random() * 2) * YEAR;
    samples.push({
      school: c.code,
      channel: `${c.platform}:${c.handle}`,
      actor: (email.get(actor) as { email: string }).email,
      since: new Date(since).toISOString(),
      until: new Date(Math.min(realNow, since + 2 * YEAR)).toISOString(),
    });
  }
  return samples;
}
