import { Badge, Button, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ChannelView, ConnectionView, GrantView, SchoolView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelRef } from '../../format/channel-names.format';
import { platformNames, secretKindNames, twoFactorWords } from '../../format/contract-words.format';
import { channelKeyNotes } from '../../format/holders-keys.format';
import { matchesWords } from '../../format/search-words.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { ChannelConnectDialog, type ConnectRequest } from './channel-connect-dialog.component';
import { ChannelDialog, type ChannelDetail } from './channel-dialog.component';
import { PlatformAppsDialog } from './platform-apps-dialog.component';
import { PublishingStatus, ReconnectBanner } from './publishing-status.component';
import { useMay } from '../../session/use-may.hook';

function ChannelTable({
  channels,
  schools,
  grants,
  connections,
  onOpen,
  onConnect,
}: {
  channels: ChannelView[];
  schools: SchoolView[];
  grants: GrantView[];
  /** By channel reference; null while unknown (nothing is said about publishing then). */
  connections: Map<string, ConnectionView> | null;
  onOpen(channel: ChannelView): void;
  /** Administrators only: connect (or reconnect) the channel for publishing. */
  onConnect: ((channel: ChannelView) => void) | null;
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
          {connections !== null && <Table.Th scope="col">Publishing</Table.Th>}
          <Table.Th scope="col">
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {channels.map((channel) => {
          const twoFactor = twoFactorWords[channel.twoFactor];
          const heldBy = holders.get(channel.id) ?? [];
          const connection = connections?.get(channelRef(channel).toLowerCase());
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
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{platformNames[channel.platform]}</Table.Td>
              <Table.Td>
                {channel.school === null ? (
                  <Text size="sm">Trust</Text>
                ) : (
                  <Text size="sm">{schoolNames.get(channel.school) ?? channel.school}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {/* Never cut to "O…" when the table is tight. */}
                <Badge color={twoFactor.color} variant="light" miw="max-content">
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
                {channelKeyNotes(channel).map((note) => (
                  <Text key={note.text} size="xs" c={note.color} fw={600}>
                    {note.text}
                  </Text>
                ))}
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
              {connections !== null && (
                <Table.Td>
                  <PublishingStatus connection={connection} />
                  {onConnect !== null && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      mt={4}
                      onClick={() => onConnect(channel)}
                      aria-label={
                        connection === undefined
                          ? `Connect ${channel.name} for publishing`
                          : connection.status === 'reconnect-needed'
                            ? `Reconnect ${channel.name}`
                            : `Connect again: ${channel.name}`
                      }
                    >
                      {connection === undefined ? 'Connect' : connection.status === 'reconnect-needed' ? 'Reconnect' : 'Connect again'}
                    </Button>
                  )}
                </Table.Td>
              )}
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
  const canSetApps = useMay('platform.app');
  const canConnect = useMay('channel.connect');
  const connections = useInvoke('channel.connections', {});
  const apps = useInvoke('platform.apps', {}, canSetApps);
  const [connectId, setConnectId] = useState<number | null>(null);
  // The platform apps dialog, and the channel to go back to connecting once the app is entered.
  const [appsFor, setAppsFor] = useState<{ platform: Platform | null; thenConnect: number | null } | null>(null);
  const connectionsByRef = useMemo(
    () => (connections.status === 'ok' ? new Map(connections.value.map((c) => [c.channel.toLowerCase(), c])) : null),
    [connections],
  );

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

  const connectRequest = useMemo((): ConnectRequest | null => {
    if (connectId === null || channels.status !== 'ok') return null;
    const channel = channels.value.find((c) => c.id === connectId);
    if (channel === undefined) return null;
    return {
      channel,
      connection: connectionsByRef?.get(channelRef(channel).toLowerCase()),
      appSaved: apps.status === 'ok' ? apps.value.some((a) => a.platform === channel.platform) : null,
    };
  }, [connectId, channels, connectionsByRef, apps]);

  return (
    <>
      <ScreenHeading
        title="Channels"
        intro="The trust's official social media accounts. Open a channel to use its login details: only when you need them, and each use is recorded."
        actions={
          canSetApps && (
            <Button variant="default" className="screen-action" onClick={() => setAppsFor({ platform: null, thenConnect: null })}>
              Platform apps
            </Button>
          )
        }
      />
      {channels.status === 'loading' && <Loading what="the channels" />}
      {channels.status === 'error' && <LoadFailed what="the channels" error={channels.error} onRetry={channels.reload} />}
      {channels.status === 'ok' && (
        <Stack gap="md">
          {connections.status === 'ok' && <ReconnectBanner connections={connections.value} canConnect={canConnect} />}
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
              <ChannelTable
                channels={shown}
                schools={schoolList}
                grants={grants.status === 'ok' ? grants.value : []}
                connections={connectionsByRef}
                onOpen={(channel) => setOpenId(channel.id)}
                onConnect={canConnect ? (channel) => setConnectId(channel.id) : null}
              />
            )}
          </Paper>
        </Stack>
      )}
      <ChannelDialog detail={detail} onClose={() => setOpenId(null)} onChanged={channels.reload} />
      <ChannelConnectDialog
        request={connectRequest}
        onClose={() => setConnectId(null)}
        onConnected={connections.reload}
        onEnterApp={(platform) => {
          setAppsFor({ platform, thenConnect: connectId });
          setConnectId(null);
        }}
      />
      {canSetApps && (
        <PlatformAppsDialog
          opened={appsFor !== null}
          apps={apps.status === 'ok' ? apps.value : null}
          start={appsFor?.platform ?? null}
          onClose={() => {
            const back = appsFor?.thenConnect ?? null;
            if (back !== null) setConnectId(back);
            setAppsFor(null);
          }}
          onSaved={apps.reload}
        />
      )}
    </>
  );
}
