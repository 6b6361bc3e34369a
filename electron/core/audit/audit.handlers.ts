import type { AuditEventView, AuditVerifyView } from '../../../shared/contract/views';
import type { AuditOutcome } from '../../../shared/domain/enums';
import { resolveChannel } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { HandlerMap } from '../handler-types';
import { personByEmail } from '../people/people.repo';
import { schoolByCode } from '../trust/schools.repo';
import { AuditAnchor, failWithoutAnchor } from './audit-anchor';
import { nameAsWere } from './audit-names.repo';
import { readNamesAsWere } from './names-as-were.repo';
import { requireInScope } from '../access/school-scope';
import { verifyAuditTrail } from './audit-verify';
import { certificateFindings } from '../keys/certificate-findings';
import { londonToday } from '../clock';

/**
 * Reading the trail: newest first, one page at a time (keyset paging on seq). A v2 event's
 * people and channels are named as they were, from the side table its commitments point to,
 * so editing people or channels later cannot re-attribute it; erasing a side-table row shows
 * "(erased)". v1 events (before commitments) are named from today's rows, as they always were.
 */
export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': async ({ vault, operator }, input) => {
    const db = vault.data;
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
        'e.version',
        'e.actor_commit',
        'e.target_commit',
        'e.channel_commit',
      ]);
    const today = londonToday(vault.clock);
    if (input.school !== undefined) requireInScope(operator, input.school, 'audit trail');
    if (operator.schoolScopeId !== null) query = query.where('e.school_id', '=', operator.schoolScopeId);
    if (input.channel !== undefined) {
      const channel = await resolveChannel(db, input.channel);
      requireInScope(operator, channel.school, 'audit trail');
      query = query.where('e.channel_id', '=', channel.id);
    }
    if (input.actor !== undefined) query = query.where('e.actor_id', '=', (await personByEmail(db, input.actor, today)).id);
    if (input.school !== undefined) query = query.where('e.school_id', '=', (await schoolByCode(db, input.school)).id);
    if (input.since !== undefined) query = query.where('e.at', '>=', new Date(input.since).toISOString());
    if (input.until !== undefined) query = query.where('e.at', '<', new Date(input.until).toISOString());
    if (input.action !== undefined) query = query.where('e.action', '=', input.action);
    if (input.outcome !== undefined) query = query.where('e.outcome', '=', input.outcome);
    if (input.withoutSignIns === true) query = query.where((eb) => eb.or([eb('e.action', '!=', 'auth.sign_in'), eb('e.outcome', '!=', 'ok')]));
    if (input.beforeSeq !== undefined) query = query.where('e.seq', '<', input.beforeSeq);
    // One snapshot: the page, its targets and its names as they were read at the same moment.
    const { rows, targets, names } = await db.snapshot(async () => {
      const rows = await db.all(query.orderBy('e.seq', 'desc').limit(input.limit));
      const targets = await resolveTargets(db, rows.map((row) => row.target));
      const names = await readNamesAsWere(db, rows.flatMap((row) => [row.actor_commit, row.target_commit, row.channel_commit]));
      return { rows, targets, names };
    });
    return rows.map((row): AuditEventView => {
      // v2 events name people and channels as they were (the side table); v1 events only as they are now.
      const actor = nameAsWere(row.version, row.actor_commit, names, row.actor === null || row.actor_name === null ? null : { label: row.actor, name: row.actor_name });
      const channel = nameAsWere(row.version, row.channel_commit, names, row.platform === null || row.handle === null ? null : { label: `${row.platform}:${row.handle}`, name: '' });
      const target = row.target_commit === null ? null : nameAsWere(row.version, row.target_commit, names, null);
      const details = JSON.parse(row.details) as Record<string, unknown>;
      // The publisher is no person (actor_id is null): its events name it in their details.
      const publisher = actor === null && row.actor_commit === null && Number.isSafeInteger(details.publisher) ? `publisher:${String(details.publisher)}` : null;
      return {
        seq: row.seq,
        at: row.at,
        actor: actor?.label ?? publisher,
        actorName: actor?.name ?? (publisher === null ? null : `Publisher ${String(details.publisher)}`),
        action: row.action,
        target: target?.label ?? (row.target === null ? null : (targets.get(row.target) ?? row.target)),
        channel: channel?.label ?? null,
        school: row.school,
        outcome: row.outcome as AuditOutcome,
        reason: row.reason,
        details,
      };
    });
  },

  'audit.verify': async ({ vault, operator }) => {
    // The anchor may trail the head by up to a second; bring it up to date first.
    await vault.anchor.flush();
    const anchor = await AuditAnchor.read(vault.secrets);
    const trail: AuditVerifyView =
      anchor.kind === 'damaged'
        ? { ok: false, events: 0, firstBadSeq: 1, problem: 'the audit anchor in the keychain is damaged or was replaced' }
        : failWithoutAnchor(await verifyAuditTrail(vault.data, vault.file?.db ?? null, vault.macKeyHex, anchor.kind === 'head' ? anchor.head : null), anchor);
    const result = withCertificateFindings(trail, await certificateFindings(vault));
    // Recorded only when the trail is sound: appending to a broken chain would hide the break.
    if (result.ok) {
      await vault.audit.append({ actorId: operator.personId, action: 'audit.verify', outcome: 'ok', details: { events: result.events } });
    }
    return result;
  },
};

/** Certificates are checked beside the register replay: what no chain certifies is named with the rest. */
function withCertificateFindings(result: AuditVerifyView, certificates: string[]): AuditVerifyView {
  if (certificates.length === 0) return result;
  if (!result.ok) return { ...result, findings: [...(result.findings ?? []), ...certificates] };
  const n = certificates.length;
  return {
    ok: false,
    events: result.events,
    firstBadSeq: result.headSeq + 1,
    problem: `the chain is intact, but ${n === 1 ? 'a console role or key is' : `${n} console roles or keys are`} not certified by an administrator: ${certificates[0]}`,
    findings: certificates,
  };
}

/** 'person:12' → the person's email, 'channel:3' → 'x:@handle', 'school:2' → its code. */
async function resolveTargets(db: Db, targets: (string | null)[]): Promise<Map<string, string>> {
  const ids = { person: new Set<number>(), channel: new Set<number>(), school: new Set<number>() };
  for (const target of targets) {
    const match = target === null ? null : /^(person|channel|school):(\d+)$/.exec(target);
    if (match !== null) ids[match[1] as keyof typeof ids].add(Number(match[2]));
  }
  const names = new Map<string, string>();
  if (ids.person.size > 0) {
    for (const p of await db.all(qb.selectFrom('people').select(['id', 'email']).where('id', 'in', [...ids.person]))) names.set(`person:${p.id}`, p.email);
  }
  if (ids.channel.size > 0) {
    for (const c of await db.all(qb.selectFrom('channels').select(['id', 'platform', 'handle']).where('id', 'in', [...ids.channel]))) {
      names.set(`channel:${c.id}`, `${c.platform}:${c.handle}`);
    }
  }
  if (ids.school.size > 0) {
    for (const s of await db.all(qb.selectFrom('schools').select(['id', 'code']).where('id', 'in', [...ids.school]))) names.set(`school:${s.id}`, s.code);
  }
  return names;
}
