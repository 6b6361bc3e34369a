import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import type { PostView } from '../../../../shared/contract/views';
import { formatUkDateTime } from '../../format/uk-time.format';
import { postWhen } from './post-calendar.format';
import { LateBadge, PostStageBadge, TargetStateBadge } from './post-status-badge.component';
import { failureWords, targetHasNotice, targetNeedsPerson, targetWords } from './post-words.format';

/** A channel's name as the post knows it, from the core's reference ('x:@pendleeducation'). */
export function postChannelName(post: PostView, ref: string): string {
  return post.channels.find((c) => c.channel.toLowerCase() === ref.toLowerCase())?.channelName ?? ref;
}

/** When, in words: the UK time, 'As soon as approved', or 'No time set'. */
export function whenWords(post: PostView): string {
  const when = postWhen(post);
  if (when !== null) return formatUkDateTime(when);
  return post.at === 'now' ? 'As soon as approved' : 'No time set';
}

function Channels({ post }: { post: PostView }) {
  // Before approval there are no targets: the channels it is written for.
  if (post.targets.length === 0) {
    return (
      <Stack gap={2}>
        {post.channels.map((c) => (
          <Text key={c.channel} size="sm">
            {c.channelName}
          </Text>
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      {post.targets.map((t) => (
        <Group key={t.channel} gap={6} wrap="wrap" aria-label={`${postChannelName(post, t.channel)}: ${targetWords(t.state, targetHasNotice(t)).label}`}>
          <Text size="sm" span>
            {postChannelName(post, t.channel)}
          </Text>
          <TargetStateBadge state={t.state} notice={targetHasNotice(t)} />
        </Group>
      ))}
    </Stack>
  );
}

function Problems({ post }: { post: PostView }) {
  const problems = post.targets.filter((t) => (targetNeedsPerson(t) || targetHasNotice(t)) && t.error !== null);
  const late = post.targets.some((t) => t.late);
  if (problems.length === 0 && !late) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {problems.map((t) => (
        <Text key={t.channel} size="sm">
          {post.targets.length > 1 && (
            <Text span fw={600} size="sm">
              {postChannelName(post, t.channel)}:{' '}
            </Text>
          )}
          {failureWords(t.error ?? '', post.channels)}
        </Text>
      ))}
      {late && (
        <div>
          <LateBadge />
        </div>
      )}
    </Stack>
  );
}

/**
 * The queue: every post shown, one row each, with its time, its channels and how each went,
 * and why a channel failed. The outcome opens the post.
 */
export function PostQueueTable({ posts, onOpen }: { posts: readonly PostView[]; onOpen(post: PostView): void }) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Posts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={140}>
            When (UK time)
          </Table.Th>
          <Table.Th scope="col">Post</Table.Th>
          <Table.Th scope="col" w={250}>
            Channels
          </Table.Th>
          <Table.Th scope="col" w={120}>
            Author
          </Table.Th>
          <Table.Th scope="col" w={180}>
            Status
          </Table.Th>
          <Table.Th scope="col" w={260}>
            Problem
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {posts.map((post) => (
          <Table.Tr key={post.id}>
            <Table.Td>
              <Text size="sm">{whenWords(post)}</Text>
            </Table.Td>
            <Table.Td>
              <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(post)} className="break-anywhere">
                {post.outcome}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={2} className="break-anywhere">
                {post.text}
              </Text>
            </Table.Td>
            <Table.Td>
              <Channels post={post} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{post.authorName}</Text>
            </Table.Td>
            <Table.Td>
              <PostStageBadge post={post} />
            </Table.Td>
            <Table.Td>
              <Problems post={post} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
