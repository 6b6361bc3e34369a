import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { PostView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { PLATFORM_COMPOSE_URLS } from '../../../../shared/domain/platform-compose';
import { checkPublishedPostUrl } from '../../../../shared/posts/published-url';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelRef } from '../../format/channel-names.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ChannelCredentials } from '../../ui/channel-credentials.component';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { RefusalAlert } from '../../ui/dialog-actions.component';

/** Where the compose link goes, in the words on the button. */
const composeWords: Record<Platform, string> = {
  x: 'Open X’s compose page',
  facebook: 'Open Facebook',
  instagram: 'Open Instagram',
  linkedin: 'Open LinkedIn',
  youtube: 'Open YouTube Studio',
};

/** Where people find the address of what they just posted. */
const addressHint: Record<Platform, string> = {
  x: 'Open the post on X (click its time), then copy the address from your browser, such as https://x.com/…/status/….',
  facebook: 'Open the post on Facebook (click its date), then copy the address from your browser.',
  instagram: 'Open the post on Instagram, then copy the address from your browser, such as https://www.instagram.com/p/….',
  linkedin: 'Open the post on LinkedIn (… menu → Copy link to post), then paste the link here.',
  youtube: 'Open the video on YouTube (Share → Copy), then paste the link here, such as https://youtu.be/….',
};

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" circle aria-hidden="true">
            {number}
          </Badge>
          <Title order={3} size="h5">
            {title}
          </Title>
        </Group>
        {children}
      </Stack>
    </section>
  );
}

/** The holder's login details and 2FA code, asked for only when the person needs to sign in. */
function SignIn({ channelRefText }: { channelRefText: string }) {
  const { operator } = useConsoleSession();
  const channels = useInvoke('channel.list', {});
  const grants = useInvoke('access.list', {});
  if (channels.status === 'loading' || grants.status === 'loading') {
    return (
      <Text size="sm" c="dimmed">
        Loading the login details…
      </Text>
    );
  }
  const channel = channels.status === 'ok' ? channels.value.find((c) => channelRef(c).toLowerCase() === channelRefText.toLowerCase()) : undefined;
  if (channel === undefined) {
    return (
      <Text size="sm" c="dimmed">
        The login details could not be loaded here: use Channels → open the channel.
      </Text>
    );
  }
  const heldByMe = grants.status === 'ok' && grants.value.some((g) => g.channelId === channel.id && g.holderEmail.toLowerCase() === operator.email.toLowerCase());
  return <ChannelCredentials channel={channel} heldByMe={heldByMe} />;
}

function CopyText({ post, channel }: { post: PostView; channel: string }) {
  const { call } = useConsoleSession();
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const copy = async () => {
    setBusy(true);
    setRefusal(null);
    setCopied(null);
    const result = await call('post.manualCopy', { id: post.id, channel });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    setCopied(result.value.clearsAfterSeconds);
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button onClick={() => void copy()} loading={busy}>
          Copy the text
        </Button>
        {copied !== null && (
          <Alert color="green" variant="light" py={6} px="sm" role="status">
            Copied; cleared from the clipboard in {copied} seconds.
          </Alert>
        )}
      </Group>
      <RefusalAlert title="Not copied" error={refusal} />
    </Stack>
  );
}

function RecordForm({ post, channel, platform, onDone }: { post: PostView; channel: string; platform: Platform; onDone(post: PostView): void }) {
  const { call } = useConsoleSession();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const checked = checkPublishedPostUrl(platform, url);
    if (!checked.ok) return setProblem(checked.problem);
    setProblem(null);
    setBusy(true);
    const result = await call('post.manualRecord', { id: post.id, channel, url: checked.url });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onDone(result.value);
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs">
        <TextInput
          label="Address of the published post"
          description={addressHint[platform]}
          placeholder="https://"
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={problem}
          required
          autoComplete="off"
          spellCheck={false}
        />
        <RefusalAlert title="Not recorded" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Record as published
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ManualPublish({ post, channel, onDone }: { post: PostView; channel: string; onDone(post: PostView): void }) {
  const [signingIn, setSigningIn] = useState(false);
  const variant = post.channels.find((c) => c.channel.toLowerCase() === channel.toLowerCase());
  const target = post.targets.find((t) => t.channel.toLowerCase() === channel.toLowerCase());
  if (variant === undefined || target === undefined) {
    return <Text size="sm">This post is not scheduled on {channel}.</Text>;
  }
  if (target.state !== 'manual') {
    return (
      <Alert color={target.state === 'published' ? 'green' : 'gray'} title={target.state === 'published' ? 'Already recorded' : 'Not waiting to be published by hand'} role="status">
        {target.state === 'published' && target.remoteId !== null
          ? `Published${target.publishedAt === null ? '' : ` ${formatUkDateTime(target.publishedAt)}`}: ${target.remoteId}`
          : `This channel is not waiting for a person to publish the post (it is ${target.state.replace('_', ' ')}).`}
      </Alert>
    );
  }
  const platform = variant.platform;
  return (
    <Stack gap="lg">
      <Text size="sm">
        This post is due on {variant.channelName}
        {post.at !== null && post.at !== 'now' ? ` (planned for ${formatUkDateTime(post.at)})` : ''}. That channel is published by hand: post it there yourself, then record where
        it was published.
      </Text>
      <Step number={1} title="Copy the text">
        {variant.title !== null && (
          <Text size="sm">
            <Text span fw={600}>
              Title:
            </Text>{' '}
            {variant.title}
          </Text>
        )}
        <Paper withBorder p="sm" radius="sm" aria-label={`The text for ${variant.channelName}`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {variant.text}
          </Text>
        </Paper>
        {post.media.length > 0 && (
          <Text size="sm">
            Attach the same {post.media.length === 1 ? 'file' : `${post.media.length} files`}: {post.media.map((m) => m.name).join(', ')}
            {post.media.some((m) => m.alt !== null) ? ', with the descriptions (alt text) from the post.' : '.'}
          </Text>
        )}
        <CopyText post={post} channel={channel} />
      </Step>
      <Step number={2} title={`Post it on ${variant.channelName}`}>
        <Group gap="sm">
          <Button component="a" variant="light" href={PLATFORM_COMPOSE_URLS[platform]} target="_blank" rel="noopener noreferrer">
            {composeWords[platform]}
          </Button>
          <Text size="xs" c="dimmed">
            (in your web browser)
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          Check you are signed in as {variant.channelName} ({channel}) before you post.{' '}
          {!signingIn && (
            <Anchor component="button" type="button" size="sm" onClick={() => setSigningIn(true)}>
              Need to sign in?
            </Anchor>
          )}
        </Text>
        {signingIn && (
          <Paper withBorder p="sm" radius="sm">
            <SignIn channelRefText={channel} />
          </Paper>
        )}
      </Step>
      <Step number={3} title="Record where it was published">
        <RecordForm post={post} channel={channel} platform={platform} onDone={onDone} />
      </Step>
    </Stack>
  );
}

/**
 * Publishing by hand on a channel without API access (assisted manual publishing): the
 * channel's text with a Copy button (main puts it on the clipboard and clears it after 30
 * seconds, as for passwords), a link to the platform's compose page (opened in the system
 * browser after main's host allow-list agrees), the holder's 2FA code if they need to sign in,
 * and the address of the published post, which records the channel as published.
 */
export function PostManualPublishDialog({
  opened,
  post,
  channel,
  onClose,
  onDone,
}: {
  opened: boolean;
  post: PostView | null;
  channel: string | null;
  onClose(): void;
  onDone(post: PostView): void;
}) {
  const request = useMemo(() => (opened && post !== null && channel !== null ? { post, channel } : null), [opened, post, channel]);
  const shown = useLastRequest(request);
  const name = shown === null ? '' : (shown.post.channels.find((c) => c.channel.toLowerCase() === shown.channel.toLowerCase())?.channelName ?? shown.channel);
  return (
    <ConsoleDialog opened={request !== null} title={shown === null ? 'Publish by hand' : `Publish post ${shown.post.id} by hand on ${name}`} onClose={onClose}>
      {shown !== null && <ManualPublish key={`${shown.post.id}:${shown.channel}`} post={shown.post} channel={shown.channel} onDone={onDone} />}
    </ConsoleDialog>
  );
}
