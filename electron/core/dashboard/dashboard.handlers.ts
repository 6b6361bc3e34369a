import type { AuditOutcome } from '../../../shared/domain/enums';
import { listGrants } from '../access/access.repo';
import { scoped } from '../access/school-scope';
import { listChannels } from '../channels/channels.repo';
import { nameAsWere } from '../audit/audit-names.repo';
import { readNamesAsWere } from '../audit/names-as-were.repo';
import { qb } from '../db/sql';
import type { HandlerMap } from '../handler-types';
import { listPeople } from '../people/people.repo';
import { londonToday } from '../clock';
import { complianceFor } from '../compliance/compliance.handlers';

/** How many of the most pressing findings the dashboard lists; the Compliance screen has them all. */
const DASHBOARD_FINDINGS = 5;

/**
 * The problems a core-team member or SLT should see first, straight from the register:
 * the policy wants a core-team holder for every channel, an SLT holder of the owning school
 * for school channels, 2FA where available, and no holder who has left.
 */
export const dashboardHandlers: HandlerMap<'dashboard.summary'> = {
  'dashboard.summary': ({ vault, operator }) => {
    const { data } = vault;
    // One snapshot: the register, the recent use and the findings as of the same moment.
    return data.snapshot(async () => {
      const today = londonToday(vault.clock);
      const channels = scoped(operator, await listChannels(data));
      const visible = new Set(channels.map((c) => c.id));
      const people = new Map((await listPeople(data, today)).map((p) => [p.email, p]));
      const grants = (await listGrants(data, { includeRevoked: false })).filter((g) => visible.has(g.channelId));
      const byChannel = new Map<number, typeof grants>();
      for (const g of grants) {
        const list = byChannel.get(g.channelId);
        if (list === undefined) byChannel.set(g.channelId, [g]);
        else list.push(g);
      }
      const holdersOf = (id: number) => (byChannel.get(id) ?? []).map((g) => people.get(g.holderEmail));
      const label = (c: { platform: string; handle: string }) => `${c.platform}:${c.handle}`;
      const recent = await data.all(
        qb
          .selectFrom('audit_events as e')
          .leftJoin('people as p', 'p.id', 'e.actor_id')
          .leftJoin('channels as c', 'c.id', 'e.channel_id')
          .select(['e.seq', 'e.at', 'p.email', 'p.name', 'e.action', 'c.platform', 'c.handle', 'e.outcome', 'e.reason', 'e.version', 'e.actor_commit', 'e.channel_commit'])
          .where('e.action', 'in', ['secret.reveal', 'secret.copy', 'totp.code'])
          .$if(operator.schoolScopeId !== null, (q) => q.where('e.school_id', '=', operator.schoolScopeId))
          .orderBy('e.seq', 'desc')
          .limit(10),
      );
      // Who and which channel as the events committed to them, not as the rows read today.
      const asWere = await readNamesAsWere(data, recent.flatMap((e) => [e.actor_commit, e.channel_commit]));
      const report = await complianceFor(data, operator, today);
      const trust = await data.first(qb.selectFrom('trust').select('name'));
      return {
        trustName: trust?.name ?? '',
        compliance: { counts: report.counts, top: report.findings.slice(0, DASHBOARD_FINDINGS) },
        counts: { channels: channels.length, schools: new Set(channels.map((c) => c.school).filter((s) => s !== null)).size, holders: grants.length },
        withoutCoreTeamHolder: channels.filter((c) => !holdersOf(c.id).some((p) => p?.role === 'core-team' && p.active)).map(label),
        withoutSchoolSltHolder: channels
          .filter((c) => c.school !== null && !holdersOf(c.id).some((p) => p?.role === 'slt' && p.school === c.school && p.active))
          .map(label),
        withoutTwoFactor: channels.filter((c) => c.twoFactor === 'not-enabled').map(label),
        holdersWhoLeft: grants
          .filter((g) => people.get(g.holderEmail)?.active === false)
          .map((g) => ({ channel: g.channel, holderEmail: g.holderEmail })),
        waitingAccess: grants.flatMap((g) =>
          g.pending === 'waiting-for-holder' || g.pending === 'waiting-for-key' ? [{ grantId: g.id, channel: g.channel, holderName: g.holderName, pending: g.pending }] : [],
        ),
        recentUse: recent.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: nameAsWere(e.version, e.actor_commit, asWere, e.email === null || e.name === null ? null : { label: e.email, name: e.name })?.label ?? null,
          action: e.action,
          channel: nameAsWere(e.version, e.channel_commit, asWere, e.platform === null || e.handle === null ? null : { label: `${e.platform}:${e.handle}`, name: '' })?.label ?? null,
          outcome: e.outcome as AuditOutcome,
          reason: e.reason,
        })),
      };
    });
  },
};
