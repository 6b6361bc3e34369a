import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';

/**
 * A post handler's audit event: the channel and school when the post has one of each, counts,
 * states and versions in the details, never the post's text.
 */
export async function auditPost(
  vault: Vault,
  operator: Operator,
  action: string,
  postId: number | null,
  variants: readonly { channelId: number; schoolId: number | null }[],
  outcome: 'ok' | 'denied',
  details: Record<string, unknown>,
): Promise<void> {
  const schools = [...new Set(variants.map((v) => v.schoolId))];
  await vault.audit.append({
    actorId: operator.personId,
    action,
    target: postId === null ? null : `post:${postId}`,
    channelId: variants.length === 1 ? (variants[0]?.channelId ?? null) : null,
    schoolId: schools.length === 1 ? (schools[0] ?? null) : null,
    outcome,
    details,
  });
}
