import type { ChannelView, DashboardView, GrantView } from '../../../../shared/contract/views';
import { channelRef } from '../../format/channel-names.format';
import { platformNames } from '../../format/contract-words.format';
import { matchesWords } from '../../format/search-words.format';

/*
 * The access register's rows: each channel with its current and past holders and the policy
 * gaps the core's dashboard checks find on it, and the words for those gaps.
 */

/** A policy gap on one channel, as the core's dashboard checks find it. */
export type Gap = { kind: 'no-core-team' } | { kind: 'no-slt'; school: string } | { kind: 'left'; name: string };

export interface RegisterRow {
  channel: ChannelView;
  current: GrantView[];
  past: GrantView[];
  gaps: Gap[];
  /** Emails of current holders who have left the trust. */
  leavers: Set<string>;
}

export function buildRows(channels: ChannelView[], grants: GrantView[], summary: DashboardView | null): Map<number, RegisterRow> {
  const noCore = new Set(summary?.withoutCoreTeamHolder.map((ref) => ref.toLowerCase()) ?? []);
  const noSlt = new Set(summary?.withoutSchoolSltHolder.map((ref) => ref.toLowerCase()) ?? []);
  const rows = new Map<number, RegisterRow>();
  for (const channel of channels) {
    const ref = channelRef(channel).toLowerCase();
    const mine = grants.filter((g) => g.channelId === channel.id);
    const current = mine.filter((g) => g.current);
    const leavers = new Set(summary?.holdersWhoLeft.filter((h) => h.channel.toLowerCase() === ref).map((h) => h.holderEmail) ?? []);
    const gaps: Gap[] = [];
    if (noCore.has(ref)) gaps.push({ kind: 'no-core-team' });
    if (channel.school !== null && noSlt.has(ref)) gaps.push({ kind: 'no-slt', school: channel.school });
    for (const grant of current) if (leavers.has(grant.holderEmail)) gaps.push({ kind: 'left', name: grant.holderName });
    // Newest removal first.
    const past = mine.filter((g) => !g.current).sort((a, b) => (b.revokedAt ?? '').localeCompare(a.revokedAt ?? ''));
    rows.set(channel.id, { channel, current, past, gaps, leavers });
  }
  return rows;
}

export function gapWords(gap: Gap, schoolName: (code: string | null) => string): string {
  switch (gap.kind) {
    case 'no-core-team':
      return 'No core-team holder';
    case 'no-slt':
      // The row sits under its school's heading; the name is for screen readers reading one cell.
      return `No SLT holder from ${schoolName(gap.school)}`;
    case 'left':
      return `${gap.name} has left the trust`;
  }
}

export function matchesRow(row: RegisterRow, schoolLabel: string, query: string): boolean {
  const { channel } = row;
  return matchesWords([channel.name, channel.handle, platformNames[channel.platform], schoolLabel, ...row.current.map((g) => `${g.holderName} ${g.holderEmail}`)], query);
}
