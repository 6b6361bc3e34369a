import type { AuditEventView, AuditVerifyView } from '../../../shared/contract/views';
import type { AuditOutcome } from '../../../shared/domain/enums';
import { resolveChannel } from '../channels/channels.repo';
import { qb } from '../db/sql';
import type { HandlerMap } from '../handler-types';
import { personByEmail } from '../people/people.repo';
import { schoolByCode } from '../trust/schools.repo';
import { AuditAnchor, failWithoutAnchor } from './audit-anchor';
import { requireInScope } from '../access/school-scope';
import { verifyAuditTrail } from './audit-verify';
import { londonToday } from '../clock';

/**
 * Reading the trail: newest first, one page at a time (keyset paging on seq). Names are
 * resolved now, from ids kept in the hashed fields, so pseudonymising a person later does
 * not break the chain.
 */
export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': ({ vault, operator }, input) => {
    const { sql } = vault;
    let query = qb
      .selectFrom('audit_events as e')
      .leftJoin('people as actor', 'actor.id', 'e.actor_id')
      .leftJoin('channels as c', 'c.id', 'e.channel_id')
      .leftJoin('schools as s', 's.id', 'e.school_id')
      .select([
        'e.seq',
        'e.at',
        'actor.email as actor',
        'actor.name as actor_name',
        'e.action',
        'e.target',
        'c.platform',
        'c.handle',
        's.code as school',
        'e.outcome',
        'e.reason',
        'e.details',
      ]);
    const today = londonToday(vault.clock);
    if (input.school !== undefined) requireInScope(operator, input.school, 'audit trail');
    if (operator.schoolScopeId !== null) query = query.where('e.school_id', '=', operator.schoolScopeId);
    if (input.channel !== undefined) {
      const channel = resolveChannel(sql, input.channel);
      requireInScope(operator, channel.school, 'audit trail');
      query = query.where('e.channel_id', '=', channel.id);
    }
    if (input.actor !== undefined) query = query.where('e.actor_id', '=', personByEmail(sql, input.actor, today).id);
    if (input.school !== undefined) query = query.where('e.school_id', '=', schoolByCode(sql, input.school).id);
    if (input.since !== undefined) query = query.where('e.at', '>=', new Date(input.since).toISOString());
    if (input.until !== undefined) query = query.where('e.at', '<', new Date(input.until).toISOString());
    if (input.action !== undefined) query = query.where('e.action', '=', input.action);
    if (input.outcome !== undefined) query = query.where('e.outcome', '=', input.outcome);
    if (input.beforeSeq !== undefined) query = query.where('e.seq', '<', input.beforeSeq);
    const rows = sql.all(query.orderBy('e.seq', 'desc').limit(input.limit));
    const targets = resolveTargets(vault.sql, rows.map((row) => row.target));
    return rows.map(
      (row): AuditEventView => ({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        actorName: row.actor_name,
        action: row.action,
        target: row.target === null ? null : (targets.get(row.target) ?? row.target),
        channel: row.platform === null || row.handle === null ? null : `${row.platform}:${row.handle}`,
        school: row.school,
        outcome: row.outcome as AuditOutcome,
        reason: row.reason,
        details: JSON.parse(row.details) as Record<string, unknown>,
      }),
    );
  },

  'audit.verify': async ({ vault, operator }) => {
    // The anchor may trail the head by up to a second; bring it up to date first.
    await vault.anchor.flush();
    const anchor = await AuditAnchor.read(vault.secrets);
    const result: AuditVerifyView =
      anchor.kind === 'damaged'
        ? { ok: false, events: 0, firstBadSeq: 1, problem: 'the audit anchor in the keychain is damaged or was replaced' }
        : failWithoutAnchor(verifyAuditTrail(vault.db, vault.macKeyHex, anchor.kind === 'head' ? anchor.head : null), anchor);
    // Recorded only when the trail is sound: appending to a broken chain would hide the break.
    if (result.ok) {
      vault.audit.append({ actorId: operator.personId, action: 'audit.verify', outcome: 'ok', details: { events: result.events } });
    }
    return result;
  },
};

/** 'person:12' → the person's email, 'channel:3' → 'x:@handle', 'school:2' → its code. */
function resolveTargets(sql: import('../db/sql').Sql, targets: (string | null)[]): Map<string, string> {
  const ids = { person: new Set<number>(), channel: new Set<number>(), school: new Set<number>() };
  for (const target of targets) {
    const match = target === null ? null : /^(person|channel|school):(\d+)$/.exec(target);
    if (match !== null) ids[match[1] as keyof typeof ids].add(Number(match[2]));
  }
  const names = new Map<string, string>();
  if (ids.person.size > 0) {
    for (const p of sql.all(qb.selectFrom('people').select(['id', 'email']).where('id', 'in', [...ids.person]))) names.set(`person:${p.id}`, p.email);
  }
  if (ids.channel.size > 0) {
    for (const c of sql.all(qb.selectFrom('channels').select(['id', 'platform', 'handle']).where('id', 'in', [...ids.channel]))) {
      names.set(`channel:${c.id}`, `${c.platform}:${c.handle}`);
    }
  }
  if (ids.school.size > 0) {
    for (const s of sql.all(qb.selectFrom('schools').select(['id', 'code']).where('id', 'in', [...ids.school]))) names.set(`school:${s.id}`, s.code);
  }
  return names;
}
