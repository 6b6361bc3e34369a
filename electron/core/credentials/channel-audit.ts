import type { AuditOutcome } from '../../../shared/domain/enums';
import type { ChannelRow } from '../channels/channels.repo';
import type { HandlerContext } from '../handler-types';

/** One credential event about a channel: who, which action, the reason given, the outcome. */
export async function auditChannelEvent(
  ctx: HandlerContext,
  channel: ChannelRow,
  event: { action: string; outcome: AuditOutcome; reason?: string; details: Record<string, unknown> },
): Promise<void> {
  await ctx.vault.audit.append({
    actorId: ctx.operator.personId,
    target: `channel:${channel.id}`,
    channelId: channel.id,
    schoolId: channel.school_id,
    reason: event.reason ?? null,
    ...event,
  });
}
