import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { PostView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { RefusalAlert } from '../../ui/dialog-actions.component';
import { postStage, targetNeedsPerson } from './post-words.format';
import { approvesPostsWithPupils } from '../../../../shared/domain/post-approval';
import { useMay } from '../../session/use-may.hook';

type Step = 'post.approve' | 'post.cancel' | 'post.retry' | 'post.delete';

/** One action on the post at a time: busy while it runs, the core's refusal when it says no. */
function useStep() {
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState<Step | null>(null);
  const run = async <T,>(step: Step, send: () => Promise<{ ok: true; value: T } | { ok: false; error: ContractError }>, done: (value: T) => void) => {
    setRefusal(null);
    setBusy(step);
    const result = await send();
    setBusy(null);
    if (result.ok) done(result.value);
    else setRefusal(result.error);
  };
  return { refusal, busy, run };
}

function ApproveForm({ post, onChanged }: { post: PostView; onChanged(post: PostView): void }) {
  const { call } = useConsoleSession();
  const { refusal, busy, run } = useStep();
  const [confirmed, setConfirmed] = useState(false);
  const [noPupil, setNoPupil] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pupils = post.pupils === 'present';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return setProblem('Tick the box to say you have checked the post.');
    if (pupils && !noPupil) return setProblem('Tick the box to say no pupil on the no-publish list can be identified.');
    setProblem(null);
    void run(
      'post.approve',
      () => call('post.approve', { id: post.id, version: post.version, checklist: { confirmed: true, ...(pupils ? { noListedPupilIdentifiable: true } : {}) } }),
      onChanged,
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Approve this post">
      <Stack gap="sm">
        <Text size="sm">
          You are the second person: read the text for each channel and look at the media, then approve. {post.at === null ? 'It has no time yet, so it waits until one is set.' : 'It is then scheduled.'}
        </Text>
        <Checkbox
          label="I have checked this post against the checklist and the social media policy"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
        {pupils && (
          <Checkbox
            label="No pupil on the school's no-publish list can be identified in the photos or video"
            description="Check the list for each school the post goes to."
            checked={noPupil}
            onChange={(event) => setNoPupil(event.currentTarget.checked)}
          />
        )}
        {problem !== null && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {problem}
          </Text>
        )}
        <RefusalAlert title="Not approved" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy === 'post.approve'}>
            Approve
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks once more before something that cannot be undone. */
function Confirmed({
  label,
  question,
  yes,
  color,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  yes: string;
  color?: string;
  busy: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant="default" color={color} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" fw={600}>
        {question}
      </Text>
      <Button variant="default" onClick={() => setAsking(false)}>
        No
      </Button>
      <Button color={color} loading={busy} onClick={onConfirm}>
        {yes}
      </Button>
    </Group>
  );
}

/**
 * What this operator may do with the post, by role and by where the post is: approve (a second
 * operator, not its author), cancel, retry the channels that failed (administrators), delete a
 * draft or a cancelled post (administrators). The core checks each again and says why not.
 */
export function PostActions({ post, onChanged, onDeleted }: { post: PostView; onChanged(post: PostView): void; onDeleted(): void }) {
  const { operator, call } = useConsoleSession();
  const { refusal, busy, run } = useStep();
  const responder = useMay('post.approve');
  const mayRetry = useMay('post.retry');
  const mayDelete = useMay('post.delete');
  const stage = postStage(post);
  const own = post.author.toLowerCase() === operator.email.toLowerCase();

  if (!responder) {
    return (
      <Text size="sm" c="dimmed">
        You can read this post. Only administrators and posters approve or cancel posts.
      </Text>
    );
  }
  const awaiting = post.status === 'awaiting-approval';
  const canApprove = awaiting && !own && (post.pupils !== 'present' || approvesPostsWithPupils(operator.consoleRole));
  const canCancel = ['draft', 'awaiting-approval', 'approved', 'scheduled'].includes(post.status) && stage !== 'published';
  const canRetry = mayRetry && post.status !== 'cancelled' && post.targets.some(targetNeedsPerson);
  const canDelete = mayDelete && (post.status === 'draft' || post.status === 'cancelled');
  const nothing = !canApprove && !canCancel && !canRetry && !canDelete;

  return (
    <Stack gap="md">
      {awaiting && own && (
        <Alert color="gray" title="Waiting for a second person" role="note">
          You wrote this post, so someone else approves it: an administrator, or a poster trained in date.
        </Alert>
      )}
      {awaiting && !own && !canApprove && (
        <Alert color="gray" title="An administrator approves this one" role="note">
          Pupils appear in its media, so an administrator, who can see the school&rsquo;s no-publish list, approves it.
        </Alert>
      )}
      {canApprove && <ApproveForm post={post} onChanged={onChanged} />}
      {canRetry && (
        <Text size="sm">
          {post.targets.filter(targetNeedsPerson).length === 1 ? 'A channel' : 'Some channels'} did not publish. Check the channel first: if the post is not there, retry and it goes
          out again now on those channels only.
        </Text>
      )}
      <RefusalAlert title="Not done" error={refusal} />
      {nothing ? (
        <Text size="sm" c="dimmed">
          {stage === 'published' ? 'Published: nothing more to do.' : 'Nothing to do here.'}
        </Text>
      ) : (
        <Group gap="sm" justify="flex-end">
          {canRetry && (
            <Button variant="light" loading={busy === 'post.retry'} onClick={() => void run('post.retry', () => call('post.retry', { id: post.id }), onChanged)}>
              Retry
            </Button>
          )}
          {canCancel && (
            <Confirmed
              label="Cancel the post"
              question="Stop this post? It will not be published."
              yes="Yes, cancel it"
              color="red.8"
              busy={busy === 'post.cancel'}
              onConfirm={() => void run('post.cancel', () => call('post.cancel', { id: post.id }), onChanged)}
            />
          )}
          {canDelete && (
            <Confirmed
              label="Delete"
              question="Delete this post and its files for good?"
              yes="Yes, delete it"
              color="red.8"
              busy={busy === 'post.delete'}
              onConfirm={() => void run('post.delete', () => call('post.delete', { id: post.id }), onDeleted)}
            />
          )}
        </Group>
      )}
    </Stack>
  );
}
