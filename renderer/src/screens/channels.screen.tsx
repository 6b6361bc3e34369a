import { Badge, Button, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ChannelView, GrantView, SchoolView } from '../../../shared/contract/views';
import { useInvoke } from '../api/use-invoke.hook';
import { useConsoleSession } from '../session/console-session.context';
import { ChannelDialog, type ChannelDetail } from '../components/channel-dialog.component';
import { searchFieldProps } from '../hooks/use-search-shortcut.hook';
import { LoadFailed, Loading } from '../components/load-state.component';
import { ScreenHeading } from '../components/screen-heading.component';
import { platformNames, secretKindNames, twoFactorWords } from '../format/contract-words.format';
import { matchesWords } from '../format/search-words.format';

function ChannelTable({
  channels,
  schools,
  grants,
  onOpen,
}: {
  channels: ChannelView[];
  schools: SchoolView[];
  grants: GrantView[];
  onOpen(channel: ChannelView): void;
}) {
  const schoolNames = new Map(schools.map((s) => [s.code, s.name]));
  const holders = new Map<number, string[]>();
  for (const grant of grants) holders.set(grant.channelId, [...(holders.get(grant.channelId) ?? []), grant.holderName]);
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
      <Table.Caption>Your own use of a password or a 2FA code is recorded with the reason you give.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Channel</Table.Th>
          <Table.Th scope="col">Platform</Table.Th>
          <Table.Th scope="col">School</Table.Th>
          <Table.Th scope="col">2FA</Table.Th>
          <Table.Th scope="col">Stored</Table.Th>
          <Table.Th scope="col">Held by</Table.Th>
          <Table.Th scope="col">
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {channels.map((channel) => {
          const twoFactor = twoFactorWords[channel.twoFactor];
          const heldBy = holders.get(channel.id) ?? [];
          return (
            <Table.Tr key={channel.id}>
              <Table.Th scope="row" fw="normal">
                <Text size="sm" fw={600}>
                  {channel.name}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {channel.handle}
                </Text>
              </Table.Th>
              <Table.Td>{platformNames[channel.platform]}</Table.Td>
              <Table.Td>
                {channel.school === null ? (
                  <Text size="sm">Trust</Text>
                ) : (
                  <Text size="sm">{schoolNames.get(channel.school) ?? channel.school}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={twoFactor.color} variant="light">
                  {twoFactor.label}
                </Badge>
              </Table.Td>
              <Table.Td>
                {channel.secrets.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nothing yet
                  </Text>
                ) : (
                  <Text size="sm">{channel.secrets.map((kind) => secretKindNames[kind]).join(', ')}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {heldBy.length === 0 ? (
                  <Text size="sm" c="red.9">
                    Nobody
                  </Text>
                ) : (
                  <Text size="sm">{heldBy.join(', ')}</Text>
                )}
              </Table.Td>
              <Table.Td className="actions-cell">
                <Button size="xs" variant="light" onClick={() => onOpen(channel)} aria-label={`Open ${channel.name}`}>
                  Open
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function matches(channel: ChannelView, schoolName: string, query: string): boolean {
  return matchesWords([`${channel.name} ${channel.handle} ${platformNames[channel.platform]} ${schoolName}`], query);
}

export function ChannelsScreen() {
  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  const grants = useInvoke('access.list', {});
  const [query, setQuery] = useState('');
  const { operator } = useConsoleSession();
  const [openId, setOpenId] = useState<number | null>(null);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const shown = useMemo(() => {
    if (channels.status !== 'ok') return [];
    const names = new Map(schoolList.map((s) => [s.code, s.name]));
    return channels.value.filter((c) => matches(c, c.school === null ? 'Trust' : (names.get(c.school) ?? c.school), query));
  }, [channels, schoolList, query]);

  // Read from the latest list, so a secret stored from the dialog shows there at once.
  const detail = useMemo((): ChannelDetail | null => {
    if (openId === null || channels.status !== 'ok') return null;
    const channel = channels.value.find((c) => c.id === openId);
    if (channel === undefined) return null;
    const current = grants.status === 'ok' ? grants.value.filter((g) => g.channelId === channel.id) : [];
    const holders = current.map((g) => g.holderName);
    const heldByMe = current.some((g) => g.holderEmail.toLowerCase() === operator.email.toLowerCase());
    return { channel, holders, heldByMe, schoolName: channel.school === null ? 'Trust' : (schoolList.find((s) => s.code === channel.school)?.name ?? channel.school) };
  }, [openId, channels, grants, schoolList, operator.email]);

  return (
    <>
      <ScreenHeading
        title="Channels"
        intro="The trust's official social media accounts. Open a channel to use its login details: only when you need them, and each use is recorded."
      />
      {channels.status === 'loading' && <Loading what="the channels" />}
      {channels.status === 'error' && <LoadFailed what="the channels" error={channels.error} onRetry={channels.reload} />}
      {channels.status === 'ok' && (
        <Stack gap="md">
          <TextInput
            label="Find a channel"
            placeholder="Name, handle, platform or school"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            maw={420}
            {...searchFieldProps}
          />
          <Paper withBorder>
            {shown.length === 0 ? (
              <Text c="dimmed" p="lg">
                {channels.value.length === 0 ? 'There are no channels yet.' : 'No channel matches that search.'}
              </Text>
            ) : (
              <ChannelTable channels={shown} schools={schoolList} grants={grants.status === 'ok' ? grants.value : []} onOpen={(channel) => setOpenId(channel.id)} />
            )}
          </Paper>
        </Stack>
      )}
      <ChannelDialog detail={detail} onClose={() => setOpenId(null)} onChanged={channels.reload} />
    </>
  );
}
