// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './inbox.css';
import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { InboxItemView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { schoolNamer } from '../../format/channel-names.format';
import { inboxKindNames, inboxStatusWords } from '../../format/inbox-words.format';
import { matchesWords } from '../../format/search-words.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { channelOptions, InboxLogDialog } from '../../ui/inbox-log-dialog.component';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { InboxRespondDialog } from './inbox-respond-dialog.component';
import { InboxTable } from './inbox-table.component';
import { useMay } from '../../session/use-may.hook';

function matches(item: InboxItemView, schoolLabel: string, query: string): boolean {
  return matchesWords([item.summary, item.from ?? '', item.channelName, item.channel, schoolLabel, inboxKindNames[item.kind], inboxStatusWords[item.status].label], query);
}

function countWords(items: readonly InboxItemView[]): string {
  const overdue = items.filter((i) => i.status === 'overdue').length;
  const dueSoon = items.filter((i) => i.status === 'due-soon').length;
  const parts = [`${items.length} ${items.length === 1 ? 'item' : 'items'} shown`];
  if (overdue > 0) parts.push(`${overdue} overdue`);
  if (dueSoon > 0) parts.push(`${dueSoon} due soon`);
  return `${parts.join(', ')}.`;
}

/**
 * Comments, queries, complaints and concerns that came in through the official accounts, each
 * due a response within 5 school days. Administrators and posters log them and record the
 * responses; auditors read.
 */
export function InboxScreen() {
  const { operator } = useConsoleSession();
  const canRespond = useMay('inbox.respond');
  const [openOnly, setOpenOnly] = useState(true);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [channel, setChannel] = useState('');
  const [query, setQuery] = useState('');
  const items = useInvoke('inbox.list', {
    ...(openOnly ? { open: true } : {}),
    ...(overdueOnly ? { overdue: true } : {}),
    ...(channel === '' ? {} : { channel }),
  });
  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  const policy = useInvoke('policy.show', {});
  const [logging, setLogging] = useState(false);
  const [responding, setResponding] = useState<InboxItemView | null>(null);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);
  const channelList = useMemo(() => (channels.status === 'ok' ? channels.value : []), [channels]);
  // A school's operator lists their own school's channels only (the core refuses others).
  const filterChannels = useMemo(
    () => (operator.schoolScope === null ? channelList : channelList.filter((c) => c.school === operator.schoolScope)),
    [channelList, operator.schoolScope],
  );
  const shown = useMemo(
    () => (items.status === 'ok' ? items.value.filter((item) => matches(item, schoolName(item.school), query)) : []),
    [items, schoolName, query],
  );
  const responseDays = policy.status === 'ok' && typeof policy.value.profile.responseSchoolDays === 'number' ? policy.value.profile.responseSchoolDays : 5;

  return (
    <>
      <ScreenHeading
        title="Inbox"
        intro={
          canRespond
            ? `Comments, queries, complaints and concerns that came in through the official accounts. Each needs a response within ${responseDays} school days; an acknowledgement counts.`
            : `Comments, queries, complaints and concerns, each due a response within ${responseDays} school days. Only administrators and posters log them or record responses.`
        }
        actions={
          canRespond && (
            <Button onClick={() => setLogging(true)} disabled={channels.status !== 'ok'} className="screen-action">
              Log a comment or complaint
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <TextInput
            label="Find"
            placeholder="A word, a handle or a channel"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            w={300}
            {...searchFieldProps}
          />
          <NativeSelect
            label="Channel"
            value={channel}
            onChange={(event) => setChannel(event.currentTarget.value)}
            data={channelOptions(filterChannels, schoolList, { value: '', label: 'All channels' })}
            w={320}
          />
          <Checkbox label="Open items only" checked={openOnly || overdueOnly} disabled={overdueOnly} onChange={(event) => setOpenOnly(event.currentTarget.checked)} mb={8} />
          <Checkbox label="Overdue only" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.currentTarget.checked)} mb={8} />
        </Group>
        {items.status === 'loading' && <Loading what="the inbox" />}
        {items.status === 'error' && <LoadFailed what="the inbox" error={items.error} onRetry={items.reload} />}
        {items.status === 'ok' && (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {shown.length > 0 && countWords(shown)}
            </Text>
            <Paper withBorder>
              {shown.length === 0 ? (
                <Text c="dimmed" p="lg">
                  {items.value.length > 0
                    ? 'Nothing matches that search.'
                    : overdueOnly
                      ? 'Nothing is overdue.'
                      : openOnly
                        ? 'Nothing is waiting for a response.'
                        : 'Nothing has been logged yet.'}
                </Text>
              ) : (
                <InboxTable items={shown} schoolName={schoolName} canRespond={canRespond} onRespond={setResponding} />
              )}
            </Paper>
          </>
        )}
      </Stack>
      {canRespond && (
        <>
          <InboxLogDialog
            opened={logging}
            channels={channelList}
            schools={schoolList}
            dueDays={responseDays}
            onClose={() => setLogging(false)}
            onLogged={items.reload}
          />
          <InboxRespondDialog item={responding} onClose={() => setResponding(null)} onRecorded={items.reload} />
        </>
      )}
    </>
  );
}
