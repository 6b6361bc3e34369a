import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { PostView } from '../../../../shared/contract/views';
import { platformNames } from '../../format/contract-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { checklistStateWords, failureWords, formatBytes, postStage, postStageWords, pupilsWords, targetHasNotice, targetIsManual } from './post-words.format';
import { useMay } from '../../session/use-may.hook';
import { PostActions } from './post-actions.component';
import { whenWords } from './post-queue-table.component';
import { LateBadge, PostStageBadge, TargetStateBadge } from './post-status-badge.component';
import { VariantWarnings } from './variant-warnings.component';

type Channel = PostView['channels'][number];
type Target = PostView['targets'][number];

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="incident-section">
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </section>
  );
}

function FactList({ rows, label }: { rows: [string, ReactNode][]; label?: string }) {
  return (
    <dl className="fact-list" aria-label={label}>
      {rows.map(([term, detail]) => (
        <div key={term} className="fact-list__row">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

function Facts({ post }: { post: PostView }) {
  const rows: [string, ReactNode][] = [
    [
      'Status',
      <Group key="status" gap="xs" wrap="nowrap" align="flex-start">
        <PostStageBadge post={post} />
        <Text size="sm" span>
          {postStage(post) === 'published' && post.targets.some(targetHasNotice) ? 'Out on every channel, but not public on all of them: see each channel.' : postStageWords[postStage(post)].meaning}
        </Text>
      </Group>,
    ],
    ['When (UK time)', whenWords(post)],
    ['Intended outcome', post.outcome],
    ['Written by', `${post.authorName} (${post.author})`],
    [
      'Approval',
      post.approvedBy === null
        ? 'Not approved yet.'
        : `Approved by ${post.approvedBy}${post.approvedAt === null ? '' : ` on ${formatUkDateTime(post.approvedAt)}`}${post.approvedVersion === null ? '' : ` (version ${post.approvedVersion})`}.`,
    ],
    ['Pupils', pupilsWords(post.pupils)],
    ['Version', `${post.version}, last changed ${formatUkDateTime(post.updatedAt)}`],
  ];
  return <FactList rows={rows} />;
}

function TargetFacts({ target }: { target: Target }) {
  const rows: [string, ReactNode][] = [];
  if (target.publishedAt !== null) rows.push(['Published', formatUkDateTime(target.publishedAt)]);
  if (target.remoteId !== null) rows.push(['Platform’s id', <code key="id">{target.remoteId}</code>]);
  if (target.nextAttemptAt !== null && target.publishedAt === null) rows.push(['Next attempt', formatUkDateTime(target.nextAttemptAt)]);
  if (rows.length === 0) return null;
  return <FactList rows={rows} />;
}

function ChannelCard({ channels, channel, target, canAct, onPublishByHand }: { channels: PostView['channels']; channel: Channel; target: Target | undefined; canAct: boolean; onPublishByHand(channel: string): void }) {
  const id = useId();
  const state: string = target?.state ?? '';
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text fw={700} size="sm" id={id}>
              {channel.channelName}
            </Text>
            <Text size="xs" c="dimmed">
              {platformNames[channel.platform]} · {channel.ownText ? 'its own text' : 'the common text'} · {channel.check.length.toLocaleString('en-GB')} of {channel.check.limit.toLocaleString('en-GB')} characters
            </Text>
          </div>
          {target !== undefined && <TargetStateBadge state={state} notice={targetHasNotice(target)} size="md" />}
        </Group>
        {channel.title !== null && (
          <Text size="sm">
            <Text span fw={600} size="sm">
              Title:{' '}
            </Text>
            {channel.title}
          </Text>
        )}
        <Text size="sm" p="xs" bg="gray.0" className="break-anywhere" style={{ whiteSpace: 'pre-wrap', borderRadius: 4 }}>
          {channel.text}
        </Text>
        {!channel.check.ok && (
          <Alert color="yellow" title="Does not fit this platform" role="note">
            <List size="sm">
              {channel.check.problems.map((p) => (
                <List.Item key={`${p.field}:${p.message}`}>{p.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <VariantWarnings warnings={channel.check.warnings} />
        {target !== undefined && <TargetFacts target={target} />}
        {target?.error !== null && target?.error !== undefined && (
          <Alert color={state === 'failed' ? 'red' : 'orange'} title={state === 'failed' ? 'Why it failed' : state === 'published' ? 'Published, but not public: what to do' : 'What happened'} role="note">
            {failureWords(target.error, channels)}
          </Alert>
        )}
        {target?.late === true && (
          <div>
            <LateBadge />
          </div>
        )}
        {target !== undefined && targetIsManual(target) && canAct && (
          <Group justify="flex-end">
            <Button variant="light" onClick={() => onPublishByHand(channel.channel)} aria-label={`Publish by hand on ${channel.channelName}`}>
              Publish by hand
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Media({ post }: { post: PostView }) {
  if (post.media.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No photos or video.
      </Text>
    );
  }
  return (
    <ul className="incident-history" aria-label="Media">
      {post.media.map((m) => (
        <li key={m.id}>
          <Text size="sm" fw={600}>
            {m.name}
          </Text>
          <Text size="xs" c="dimmed">
            {m.mediaType} · {formatBytes(m.bytes)} · {m.alt === null || m.alt === '' ? 'no alt text' : `alt text: ${m.alt}`}
          </Text>
        </li>
      ))}
    </ul>
  );
}

function Checklist({ post }: { post: PostView }) {
  return (
    <ul className="incident-history" aria-label="Checklist">
      {post.checklist.items.map((item) => {
        const words = checklistStateWords[item.state];
        return (
          <li key={item.id}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={words.color} variant="light" size="sm" className="nowrap" mt={2}>
                {words.label}
              </Badge>
              <div>
                <Text size="sm" fw={600}>
                  {item.label}
                </Text>
                {item.message !== '' && (
                  <Text size="xs" c="dimmed">
                    {item.message}
                  </Text>
                )}
              </div>
            </Group>
          </li>
        );
      })}
    </ul>
  );
}

function Detail({ post, onChanged, onDeleted, onPublishByHand }: { post: PostView; onChanged(post: PostView): void; onDeleted(): void; onPublishByHand(channel: string): void }) {
  const canAct = useMay('post.manualRecord');
  return (
    <Stack gap="lg">
      <Facts post={post} />
      <Section title={post.channels.length === 1 ? 'Channel' : `Channels (${post.channels.length})`}>
        {post.channels.map((c) => (
          <ChannelCard
            key={c.channel}
            channels={post.channels}
            channel={c}
            target={post.targets.find((t) => t.channel.toLowerCase() === c.channel.toLowerCase())}
            canAct={canAct}
            onPublishByHand={onPublishByHand}
          />
        ))}
      </Section>
      <Section title="Photos and video">
        <Media post={post} />
      </Section>
      <Section title="Checklist before publishing">
        <Text size="sm" c="dimmed">
          {post.checklist.confirmed ? 'The author went through the checklist.' : 'The author has not gone through the checklist yet.'} Checked again now: training can lapse and the
          no-publish list can grow.
        </Text>
        <Checklist post={post} />
      </Section>
      {/* Last, after everything an approver reads first. */}
      <Section title="What to do">
        <PostActions key={`${post.id}:${post.version}:${post.status}`} post={post} onChanged={onChanged} onDeleted={onDeleted} />
      </Section>
    </Stack>
  );
}

/**
 * One post: its text on each channel, outcome, media, checklist, approval and how each channel
 * went, with what the operator may do about it.
 */
export function PostDetailDialog({
  post,
  onClose,
  onChanged,
  onDeleted,
  onPublishByHand,
}: {
  post: PostView | null;
  onClose(): void;
  onChanged(post: PostView): void;
  onDeleted(): void;
  onPublishByHand(post: PostView, channel: string): void;
}) {
  const last = useLastRequest(post);
  return (
    <ConsoleDialog opened={post !== null} onClose={onClose} title={last === null ? '' : `Post ${last.id} by ${last.authorName}`} size="xl">
      {last !== null && <Detail key={last.id} post={last} onChanged={onChanged} onDeleted={onDeleted} onPublishByHand={(channel) => onPublishByHand(last, channel)} />}
    </ConsoleDialog>
  );
}
