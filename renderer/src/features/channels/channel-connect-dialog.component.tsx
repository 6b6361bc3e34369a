import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { ChannelView, ConnectionView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { channelRef } from '../../format/channel-names.format';
import { platformNames } from '../../format/contract-words.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions } from '../../ui/dialog-actions.component';
import { asksForAccount, connectedWords } from './connection-words.format';

export interface ConnectRequest {
  channel: ChannelView;
  connection: ConnectionView | undefined;
  /** Whether the platform's app is saved; null when the screen could not tell. */
  appSaved: boolean | null;
}

type Phase = { kind: 'form' } | { kind: 'waiting' } | { kind: 'refused'; error: ContractError } | { kind: 'connected'; connection: ConnectionView };

/** The core's refusals that mean the platform app is missing or incomplete. */
function aboutTheApp(error: ContractError): boolean {
  return error.code === 'conflict' && /app to sign in with|client secret/.test(error.message);
}

function NoApp({ platform, onEnterApp }: { platform: Platform; onEnterApp(platform: Platform): void }) {
  const name = platformNames[platform];
  return (
    <Alert color="yellow" title={`Custodian has no ${name} app to sign in with yet`}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">Enter the trust&apos;s {name} app first: its client id from the platform&apos;s developer console. Then connect the channel.</Text>
        <Button size="xs" onClick={() => onEnterApp(platform)}>
          Enter the {name} app
        </Button>
      </Stack>
    </Alert>
  );
}

function ConnectForm({
  request,
  onClose,
  onConnected,
  onEnterApp,
}: {
  request: ConnectRequest;
  onClose(): void;
  onConnected(connection: ConnectionView): void;
  onEnterApp(platform: Platform): void;
}) {
  const { call } = useConsoleSession();
  const { channel, connection, appSaved } = request;
  const name = platformNames[channel.platform];
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [accountId, setAccountId] = useState(connection?.accountId ?? '');
  const [accountAsked, setAccountAsked] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind === 'waiting') return;
    setPhase({ kind: 'waiting' });
    const account = accountId.trim();
    const result = await call('channel.connectOAuth', {
      channel: channelRef(channel),
      ...(account === '' ? {} : { accountId: account }),
    });
    if (!result.ok) {
      if (asksForAccount(result.error.message)) setAccountAsked(true);
      setPhase({ kind: 'refused', error: result.error });
      return;
    }
    setPhase({ kind: 'connected', connection: result.value });
    onConnected(result.value);
  };

  if (phase.kind === 'connected') {
    return (
      <Stack gap="md">
        <Alert color="green" title={`${channel.name} is connected`} role="status">
          Custodian publishes to {channel.handle} as account {phase.connection.accountId}. Approved posts waiting for it go out at the next publishing run.
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  const accountField = (
    <TextInput
      label="Account id"
      description={
        accountAsked
          ? `The ${name} id of the account to publish as: one of those listed above.`
          : `Only when the person who signs in can publish as more than one account: the ${name} id of the one to publish as.`
      }
      autoComplete="off"
      spellCheck={false}
      value={accountId}
      onChange={(event) => setAccountId(event.currentTarget.value)}
      data-autofocus={accountAsked ? true : undefined}
    />
  );
  const waiting = phase.kind === 'waiting';
  // Meta's sign-in happens in a separate Custodian window (Meta accepts no other way back for a desktop app).
  const metaWindow = channel.platform === 'facebook' || channel.platform === 'instagram';

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {connection !== undefined && (
          <Text size="sm" c="dimmed">
            {connectedWords(connection)}
          </Text>
        )}
        {connection?.status === 'reconnect-needed' && (
          <Alert color="red" title="Its posts wait until it is connected again">
            {connection.lastError ?? 'The platform stopped accepting Custodian’s sign-in.'}
          </Alert>
        )}
        {appSaved === false ? (
          <NoApp platform={channel.platform} onEnterApp={onEnterApp} />
        ) : (
          <Text size="sm">
            When you press Connect, {metaWindow ? 'a separate Custodian window opens Meta’s' : `your web browser opens ${name}'s`} sign-in page. Sign in there as someone who can post for {channel.handle}, and agree to let
            Custodian publish. Your {name} password goes to {name} only, never to Custodian.
          </Text>
        )}
        {phase.kind === 'refused' &&
          (aboutTheApp(phase.error) ? (
            <Alert color="red" title="Not connected" role="alert">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{phase.error.message}</Text>
                <Button size="xs" onClick={() => onEnterApp(channel.platform)}>
                  Enter the {name} app
                </Button>
              </Stack>
            </Alert>
          ) : (
            <Alert color="red" title="Not connected" role="alert">
              {phase.error.message}
            </Alert>
          ))}
        {waiting &&
          (metaWindow ? (
            <Alert color="blue" role="status" icon={<Loader size="sm" />} title="Waiting for you to finish signing in, in the Meta sign-in window…">
              It closes by itself when Meta sends you back. Close it to stop.
            </Alert>
          ) : (
            <Alert color="blue" role="status" icon={<Loader size="sm" />} title="Waiting for you to finish signing in, in your browser… (up to 5 minutes)">
              If the page did not open, check your browser. You can close this window: the channel is still connected if you finish signing in.
            </Alert>
          ))}
        {accountAsked && accountField}
        <details className="file-help" open={connection !== undefined ? true : undefined}>
          <summary>Advanced: a particular account</summary>
          <Stack gap="sm" mt="xs">
            {!accountAsked && accountField}
            {/* A proxy's address is set from the command line only (custodian channel connect --api-base): the window never names a host. */}
            {connection?.apiBase != null && <Text size="sm">Publishes through {connection.apiBase} (set from the command line).</Text>}
          </Stack>
        </details>
        {appSaved !== false && <DialogActions onCancel={onClose} cancelLabel={waiting ? 'Close' : 'Cancel'} submitLabel={connection === undefined ? 'Connect' : 'Connect again'} busy={waiting} />}
      </Stack>
    </form>
  );
}

/**
 * Connecting a channel for publishing by signing in on the platform: the core opens the
 * system browser and waits (up to 5 minutes) for the sign-in to come back. Administrators only.
 */
export function ChannelConnectDialog({
  request,
  onClose,
  onConnected,
  onEnterApp,
}: {
  request: ConnectRequest | null;
  onClose(): void;
  onConnected(connection: ConnectionView): void;
  onEnterApp(platform: Platform): void;
}) {
  const shown = useLastRequest(request);
  // A fresh form each time it opens, under a title that stays put once the connection changes.
  const [round, setRound] = useState(0);
  const [title, setTitle] = useState('');
  const [wasOpen, setWasOpen] = useState(false);
  if ((request !== null) !== wasOpen) {
    setWasOpen(request !== null);
    if (request !== null) {
      setRound((n) => n + 1);
      setTitle(request.connection?.status === 'reconnect-needed' ? `Reconnect ${request.channel.name}` : `Connect ${request.channel.name} for publishing`);
    }
  }
  return (
    <ConsoleDialog opened={request !== null} title={title} onClose={onClose}>
      {shown !== null && <ConnectForm key={`${shown.channel.id}-${round}`} request={shown} onClose={onClose} onConnected={onConnected} onEnterApp={onEnterApp} />}
    </ConsoleDialog>
  );
}
