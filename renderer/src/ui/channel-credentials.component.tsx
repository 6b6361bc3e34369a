// The shared pieces' rules, loaded with whichever screen first uses one.
import './ui.css';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { ChannelView } from '../../../shared/contract/views';
import { channelRef } from '../format/channel-names.format';
import { notMovedWords, rotationDueWords } from '../format/holders-keys.format';
import { useSecondsLeft } from '../hooks/use-seconds-left.hook';
import { useConsoleSession } from '../session/console-session.context';
import { useReasonCover, type GivenReason } from '../session/reason-cover.context';
import { ReasonField } from './reason-field.component';
import { REVEAL_SECONDS, RevealedSecret } from './revealed-secret.component';
import { TotpCode, type TotpAnswer } from './totp-code.component';

type RevealableKind = 'password' | 'recovery-codes';

type Shown =
  | { kind: 'totp'; answer: TotpAnswer }
  | { kind: 'revealed'; secret: RevealableKind; value: string; hideAt: number }
  | { kind: 'hidden'; secret: RevealableKind }
  | { kind: 'copied'; secret: RevealableKind };

const secretWords: Record<RevealableKind, { name: string; the: string }> = {
  password: { name: 'Password', the: 'the password' },
  'recovery-codes': { name: 'Recovery codes', the: 'the recovery codes' },
};

function refusalTitle(error: ContractError): string {
  if (error.code === 'forbidden') return 'Not allowed';
  if (error.code === 'secret_missing') return 'Nothing stored';
  return 'Custodian could not do that';
}

function minutesAndSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Asked once per channel; the answer covers it for two minutes (see reason-cover.context). */
function ReasonForm({ channel, onGiven }: { channel: ChannelView; onGiven(reason: string): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setError('Say in a few words why you need it.');
    setError(null);
    onGiven(reason.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Why you need the login details of ${channel.name}`}>
      <Stack gap="sm">
        <ReasonField
          label="Why do you need it?"
          description="For example: posting photos of the Year 6 trip. Your name, the time and this reason are kept in the audit trail with each use, for the next two minutes."
          value={reason}
          onChange={setReason}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit">Continue</Button>
        </Group>
      </Stack>
    </form>
  );
}

function CoverNote({ given, onChange, onExpired }: { given: GivenReason; onChange(): void; onExpired(): void }) {
  const left = useSecondsLeft(given.until);
  // Nothing else re-renders the panel when two minutes are up: ask again then.
  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" className="reason-cover">
      <Text size="sm">
        Reason: <q>{given.reason}</q>
        <Text span size="sm" c="dimmed">
          {' '}
          · asked again in {minutesAndSeconds(left)}
        </Text>
      </Text>
      <Button size="xs" variant="subtle" onClick={onChange} style={{ flexShrink: 0 }}>
        Change reason
      </Button>
    </Group>
  );
}

/**
 * The holder's side of a channel: asks why once, then reveals (30 s), copies (main puts it on
 * the clipboard; the page never sees it) or gives the 2FA code. The core checks the register
 * and records every attempt; a refusal is shown with the core's own words.
 */
export function ChannelCredentials({ channel, heldByMe }: { channel: ChannelView; heldByMe: boolean }) {
  const { call } = useConsoleSession();
  const cover = useReasonCover();
  const given = cover.reasonFor(channel.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const forget = useCallback(() => cover.forget(channel.id), [cover, channel.id]);
  const hide = useCallback(() => setShown((s) => (s?.kind === 'revealed' ? { kind: 'hidden', secret: s.secret } : s)), []);

  const stored = new Set(channel.secrets);
  const revealable = (['password', 'recovery-codes'] as const).filter((kind) => stored.has(kind));
  if (!stored.has('totp') && revealable.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No login details are stored for this channel yet.
      </Text>
    );
  }
  // Said before anything else: rotation due is work for someone, not moved is why the keychain still reads it.
  const rotationDue = rotationDueWords(channel);
  const notMoved = notMovedWords(channel);
  const keyNotes = (
    <>
      {rotationDue !== null && (
        <Alert color="red" title="Rotation due" role="note">
          {rotationDue}
        </Alert>
      )}
      {notMoved !== null && (
        <Text size="sm" role="note">
          {notMoved}
        </Text>
      )}
    </>
  );
  const notHolder = !heldByMe && (
    <Alert color="yellow" title="You do not hold these login details" role="note">
      Custodian will refuse a request and record it. An administrator can give you access in the access register.
    </Alert>
  );
  if (given === null) {
    return (
      <Stack gap="sm">
        {keyNotes}
        {notHolder}
        <ReasonForm channel={channel} onGiven={(reason) => cover.give(channel.id, reason)} />
      </Stack>
    );
  }

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setRefusal(null);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };
  const ref = channelRef(channel);
  const getCode = () =>
    run('totp', async () => {
      const result = await call('totp.code', { channel: ref, reason: given.reason });
      if (!result.ok) return setRefusal(result.error);
      const { code, nextCode, secondsLeft, period } = result.value;
      setShown({ kind: 'totp', answer: { code, nextCode, period, expiresAt: Date.now() + secondsLeft * 1000 } });
    });
  const reveal = (secret: RevealableKind) =>
    run(`reveal-${secret}`, async () => {
      const result = await call('secret.reveal', { channel: ref, kind: secret, reason: given.reason });
      if (!result.ok) return setRefusal(result.error);
      setShown({ kind: 'revealed', secret, value: result.value.value, hideAt: Date.now() + REVEAL_SECONDS * 1000 });
    });
  const copy = (secret: RevealableKind) =>
    run(`copy-${secret}`, async () => {
      const result = await call('secret.copy', { channel: ref, kind: secret, reason: given.reason });
      if (!result.ok) return setRefusal(result.error);
      setShown({ kind: 'copied', secret });
    });

  return (
    <Stack gap="md">
      {keyNotes}
      {notHolder}
      <CoverNote given={given} onChange={forget} onExpired={forget} />
      <Group gap="sm">
        {stored.has('totp') && (
          <Button onClick={() => void getCode()} loading={busy === 'totp'}>
            Get 2FA code
          </Button>
        )}
        {revealable.map((secret) => (
          <Group key={secret} gap="sm">
            <Button variant="light" onClick={() => void reveal(secret)} loading={busy === `reveal-${secret}`}>
              Reveal {secretWords[secret].the}
            </Button>
            <Button variant="light" onClick={() => void copy(secret)} loading={busy === `copy-${secret}`}>
              Copy {secretWords[secret].the}
            </Button>
          </Group>
        ))}
      </Group>
      {refusal !== null && (
        <Alert color="red" title={refusalTitle(refusal)} role="alert">
          {refusal.message}
        </Alert>
      )}
      {refusal === null && shown?.kind === 'totp' && <TotpCode answer={shown.answer} busy={busy === 'totp'} onAgain={() => void getCode()} />}
      {refusal === null && shown?.kind === 'revealed' && (
        <RevealedSecret label={secretWords[shown.secret].name} value={shown.value} hideAt={shown.hideAt} onHide={hide} />
      )}
      {refusal === null && shown?.kind === 'hidden' && (
        <Text size="sm" c="dimmed">
          {secretWords[shown.secret].name} hidden again. Reveal it again if you still need it.
        </Text>
      )}
      {refusal === null && shown?.kind === 'copied' && (
        <Alert color="green" title="Copied" role="status">
          {secretWords[shown.secret].name} copied. Paste it where you need it: Custodian clears the clipboard shortly if it still holds it.
        </Alert>
      )}
    </Stack>
  );
}
