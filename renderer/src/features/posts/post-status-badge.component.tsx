import { Badge } from '@mantine/core';
import type { PostView } from '../../../../shared/contract/views';
import { postStage, postStageWords, targetWords } from './post-words.format';

/** A post's stage as a badge: 'Waiting for approval', 'Partly published', 'Needs checking'. */
export function PostStageBadge({ post }: { post: Pick<PostView, 'status' | 'publication'> }) {
  const words = postStageWords[postStage(post)];
  return (
    <Badge color={words.color} variant="light" className="nowrap" style={{ flexShrink: 0, overflow: 'visible' }}>
      {words.label}
    </Badge>
  );
}

/** One channel's state as a badge: 'Published', 'Failed', 'Part-way on the platform'; notice: published, but not as asked. */
export function TargetStateBadge({ state, notice = false, size = 'sm' }: { state: string; notice?: boolean; size?: string }) {
  const words = targetWords(state, notice);
  return (
    <Badge color={words.color} variant="light" size={size} className="nowrap" style={{ flexShrink: 0, overflow: 'visible' }}>
      {words.label}
    </Badge>
  );
}

/** Published after its time (Custodian was closed, or the platform was slow). */
export function LateBadge() {
  return (
    <Badge color="yellow" variant="outline" size="sm" className="nowrap">
      Published late
    </Badge>
  );
}
