import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { ChannelView } from '../../../shared/contract/views';
import { channelRef } from '../format/channel-names.format';
import { platformNames } from '../format/contract-words.format';
import { useConsoleSession } from '../session/console-session.context';
import { REVEAL_SECONDS, RevealedSecret } from './revealed-secret.component';
import { TotpCode, type TotpAnswer } from './totp-code.component';

export type CredentialAction = 'totp' | 'password';

export interface CredentialRequest {
  channel: ChannelView;
  action: CredentialAction;
}

const words: Record<CredentialAction, { title: string; submit: string }> = {
  totp: { title: 'Get a 2FA code', submit: 'Get 2FA code' },
  password: { title: 'Reveal the password', submit: 'Reveal password' },
};

type Shown = { kind: 'totp'; answer: TotpAnswer } | { kind: 'password'; value: string; hideAt: number } | { kind: 'hidden' };

function refusalTitle(error: ContractError): string {
  if (error.code === 'forbidden') return 'Not allowed';
  if (error.code === 'secret_missing') return 'Nothing stored';
  return 'Custodian could not do that';
}

/** Asks why, then shows the code or the password. Every attempt is in the audit trail. */
function CredentialFlow({ request, onClose }: { request: CredentialRequest; onClose(): void }) {
  const { call } = useConsoleSession();
  const { channel, action } = request;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const fetchIt = async () => {
    setBusy(true);
    setRefusal(null);
    const ref = channelRef(channel);
    if (action === 'totp') {
      const result = await call('totp.code', { channel: ref, reason });
      setBusy(false);
      if (!result.ok) return setRefusal(result.error);
      const { code, secondsLeft, period } = result.value;
      setShown({ kind: 'totp', answer: { code, period, expiresAt: Date.now() + secondsLeft * 1000 } });
    } else {
      const result = await call('secret.reveal', { channel: ref, kind: 'password', reason });
      setBusy(false);
      if (!result.ok) return setRefusal(result.error);
      setShown({ kind: 'password', value: result.value.value, hideAt: Date.now() + REVEAL_SECONDS * 1000 });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setReasonError('Say in a few words why you need it.');
    setReasonError(null);
    void fetchIt();
  };

  const hide = useCallback(() => setShown({ kind: 'hidden' }), []);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {channel.name} · {platformNames[channel.platform]} · {channel.handle}
      </Text>
      {refusal !== null && (
        <Alert color="red" title={refusalTitle(refusal)} role="alert">
          {refusal.message}
        </Alert>
      )}
      {shown === null && refusal === null && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Textarea
              label="Why do you need it?"
              description="For example: posting photos of the Year 6 trip. Your name, the time and this reason are kept in the audit trail."
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={reasonError}
              data-autofocus
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                {words[action].submit}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {shown?.kind === 'totp' && <TotpCode answer={shown.answer} busy={busy} onAgain={() => void fetchIt()} />}
      {shown?.kind === 'password' && <RevealedSecret label="Password" value={shown.value} hideAt={shown.hideAt} onHide={hide} />}
      {shown?.kind === 'hidden' && (
        <Text size="sm" c="dimmed">
          The password is hidden again. Ask again if you still need it.
        </Text>
      )}
      {(shown !== null || refusal !== null) && (
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus={refusal !== null ? true : undefined}>
            Close
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function CredentialDialog({ request, onClose }: { request: CredentialRequest | null; onClose(): void }) {
  // Keeps the last request while the dialog animates closed, so its title does not blank out.
  const [last, setLast] = useState(request);
  if (request !== null && request !== last) setLast(request);
  const opened = request !== null;
  // Mantine's scroll lock (react-remove-scroll) injects a <style> element, which the CSP
  // refuses; a class from app.css does the same job.
  useEffect(() => {
    document.body.classList.toggle('scroll-locked', opened);
    return () => document.body.classList.remove('scroll-locked');
  }, [opened]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={last === null ? '' : words[last.action].title}
      size="lg"
      centered
      lockScroll={false}
      closeButtonProps={{ 'aria-label': 'Close this window' }}
    >
      {last !== null && <CredentialFlow key={`${last.channel.id}-${last.action}`} request={last} onClose={onClose} />}
    </Modal>
  );
}
