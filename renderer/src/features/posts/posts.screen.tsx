import { Alert, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PostView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { schoolNamer } from '../../format/channel-names.format';
import { matchesWords } from '../../format/search-words.format';
import { ukDay } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { channelOptions } from '../../ui/inbox-log-dialog.component';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { PostCalendar, type CalendarMode } from './post-calendar.component';
import { postWhen } from './post-calendar.format';
import { PostComposerDialog } from './post-composer-dialog.component';
import { PostDetailDialog } from './post-detail-dialog.component';
import { PostManualPublishDialog } from './post-manual-publish-dialog.component';
import { PostQueueTable } from './post-queue-table.component';
import { failureWords, postStage, postStages, postStageWords, targetHasNotice, targetWords, type PostStage } from './post-words.format';
import { useMay } from '../../session/use-may.hook';

type View = 'queue' | CalendarMode;
const TRUST = 'TRUST';

function matches(post: PostView, schoolName: (code: string | null) => string, query: string): boolean {
  return matchesWords(
    [
      post.outcome,
      post.text,
      post.authorName,
      post.author,
      postStageWords[postStage(post)].label,
      ...post.channels.flatMap((c) => [c.channelName, c.channel, c.text, c.title ?? '', schoolName(c.school)]),
      ...post.targets.flatMap((t) => [targetWords(t.state, targetHasNotice(t)).label, t.error === null ? '' : failureWords(t.error, post.channels)]),
    ],
    query,
  );
}

/** Newest time first, posts with no time yet at the top: they are the ones still to finish. */
function byWhen(a: PostView, b: PostView): number {
  const [x, y] = [postWhen(a), postWhen(b)];
  if (x === null || y === null) return x === y ? b.id - a.id : x === null ? -1 : 1;
  return y.localeCompare(x) || b.id - a.id;
}

function countWords(posts: readonly PostView[]): string {
  const stages = posts.map(postStage);
  const count = (stage: PostStage) => stages.filter((s) => s === stage).length;
  const parts = [`${posts.length} ${posts.length === 1 ? 'post' : 'posts'} shown`];
  const failed = count('failed') + count('partly-published');
  if (failed > 0) parts.push(`${failed} with a failed channel`);
  if (count('needs-review') > 0) parts.push(`${count('needs-review')} to check`);
  if (count('awaiting-approval') > 0) parts.push(`${count('awaiting-approval')} waiting for approval`);
  return `${parts.join(', ')}.`;
}

/**
 * The posts to the official channels: a queue with how each channel went and why one failed, and
 * a month or week calendar by UK day. Administrators and posters write, approve and cancel;
 * administrators retry and delete; auditors read.
 */
export function PostsScreen() {
  const canWrite = useMay('post.create');
  const posts = useInvoke('post.list', {});
  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  const today = ukDay(new Date());
  const [view, setView] = useState<View>('queue');
  const [anchor, setAnchor] = useState(today);
  const [school, setSchool] = useState('');
  const [channel, setChannel] = useState('');
  const [stage, setStage] = useState('');
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  const [composing, setComposing] = useState(false);
  const [manual, setManual] = useState<{ post: PostView; channel: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);
  const channelList = useMemo(() => (channels.status === 'ok' ? channels.value : []), [channels]);
  const all = useMemo(() => (posts.status === 'ok' ? posts.value : []), [posts]);
  // A post changed in a dialog shows at once, until the list reloaded after it arrives.
  const [changed, setChanged] = useState<{ base: readonly PostView[]; post: PostView } | null>(null);
  const current = useMemo(() => {
    if (changed === null || changed.base !== all) return all;
    const { post } = changed;
    return all.some((p) => p.id === post.id) ? all.map((p) => (p.id === post.id ? post : p)) : [post, ...all];
  }, [all, changed]);

  const schoolOptions = [
    { value: '', label: 'All schools and the trust' },
    { value: TRUST, label: 'Trust channels' },
    ...[...schoolList].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.code, label: s.name })),
  ];
  const schoolCode = school === TRUST ? null : school;
  const filterChannels = school === '' ? channelList : channelList.filter((c) => c.school === schoolCode);
  const shown = useMemo(
    () =>
      current
        .filter((p) => school === '' || p.channels.some((c) => c.school === schoolCode))
        .filter((p) => channel === '' || p.channels.some((c) => c.channel.toLowerCase() === channel.toLowerCase()))
        .filter((p) => stage === '' || postStage(p) === stage)
        .filter((p) => matches(p, schoolName, query))
        .sort(byWhen),
    [current, school, schoolCode, channel, stage, query, schoolName],
  );
  const open = openId === null ? null : (current.find((p) => p.id === openId) ?? null);

  const onChanged = (post: PostView) => {
    setChanged({ base: all, post });
    posts.reload();
  };
  const filtered = school !== '' || channel !== '' || stage !== '' || query.trim() !== '';

  return (
    <>
      <ScreenHeading
        title="Posts"
        intro={
          canWrite
            ? 'Posts to the official channels: each is approved by a second person, then published at its time. Open a post to approve, cancel or retry it.'
            : 'Posts to the official channels, when they go out and how each channel went. Only administrators and posters write, approve or cancel posts.'
        }
        actions={
          canWrite && (
            <Button onClick={() => setComposing(true)} className="screen-action">
              New post
            </Button>
          )
        }
      />
      <Stack gap="md">
        {notice !== null && (
          <Alert color="green" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
            {notice}
          </Alert>
        )}
        <Group gap="lg" align="flex-end" wrap="wrap">
          <TextInput label="Find" placeholder="A word, a channel or a person" value={query} onChange={(event) => setQuery(event.currentTarget.value)} w={240} {...searchFieldProps} />
          <NativeSelect
            label="School"
            value={school}
            onChange={(event) => {
              setSchool(event.currentTarget.value);
              setChannel('');
            }}
            data={schoolOptions}
            w={230}
          />
          <NativeSelect
            label="Channel"
            value={channel}
            onChange={(event) => setChannel(event.currentTarget.value)}
            data={channelOptions(filterChannels, schoolList, { value: '', label: 'All channels' })}
            w={260}
          />
          <NativeSelect
            label="Status"
            value={stage}
            onChange={(event) => setStage(event.currentTarget.value)}
            data={[{ value: '', label: 'Any status' }, ...postStages.map((s) => ({ value: s, label: postStageWords[s].label }))]}
            w={210}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setSchool('');
                setChannel('');
                setStage('');
                setQuery('');
              }}
            >
              Clear filters
            </Button>
          )}
        </Group>
        <SegmentedControl
          aria-label="Show the posts as"
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'queue', label: 'Queue' },
            { value: 'month', label: 'Month' },
            { value: 'week', label: 'Week' },
          ]}
          w={330}
        />
        {posts.status === 'loading' && <Loading what="the posts" />}
        {posts.status === 'error' && <LoadFailed what="the posts" error={posts.error} onRetry={posts.reload} />}
        {posts.status === 'ok' && (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {shown.length > 0 && countWords(shown)}
            </Text>
            {view === 'queue' ? (
              <Paper withBorder>
                {shown.length === 0 ? (
                  <Text c="dimmed" p="lg">
                    {all.length > 0 ? 'No posts match these filters.' : canWrite ? 'No posts yet. Write one with New post.' : 'No posts yet.'}
                  </Text>
                ) : (
                  <PostQueueTable posts={shown} onOpen={(post) => setOpenId(post.id)} />
                )}
              </Paper>
            ) : (
              <PostCalendar
                posts={shown}
                mode={view}
                anchor={anchor}
                today={today}
                onAnchor={setAnchor}
                onShowWeek={(day) => {
                  setAnchor(day);
                  setView('week');
                }}
                onOpen={(post) => setOpenId(post.id)}
              />
            )}
          </>
        )}
      </Stack>
      <PostDetailDialog
        post={open}
        onClose={() => setOpenId(null)}
        onChanged={onChanged}
        onDeleted={() => {
          setNotice(`Post ${openId ?? ''} was deleted.`);
          setOpenId(null);
          posts.reload();
        }}
        onPublishByHand={(post, ref) => setManual({ post, channel: ref })}
      />
      {canWrite && (
        <>
          <PostComposerDialog
            opened={composing}
            onClose={() => setComposing(false)}
            onSaved={(post) => {
              setComposing(false);
              onChanged(post);
              setOpenId(post.id);
            }}
          />
          <PostManualPublishDialog
            opened={manual !== null}
            post={manual?.post ?? null}
            channel={manual?.channel ?? null}
            onClose={() => setManual(null)}
            onDone={(post) => {
              setManual(null);
              onChanged(post);
            }}
          />
        </>
      )}
    </>
  );
}
