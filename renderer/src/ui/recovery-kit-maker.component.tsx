// The shared pieces' rules, loaded with whichever screen first uses one.
import './ui.css';
import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodInput, MethodName } from '../../../shared/contract/methods';
import type { RecoveryKitMadeView } from '../../../shared/contract/views';
import type { CallResult } from '../api/custodian.client';
import { useSecondsLeft } from '../hooks/use-seconds-left.hook';

/** Long enough to write 24 words down by hand; then they leave the screen and the page's memory. */
export const WORDS_SECONDS = 120;

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<CallResult<M>>;

/** The 24 words, numbered down each of three columns as on the printed kit, for a while. */
function RevealedWords({ words, hideAt, onHide }: { words: string[]; hideAt: number; onHide(): void }) {
  const left = useSecondsLeft(hideAt);
  useEffect(() => {
    if (left === 0) onHide();
  }, [left, onHide]);
  return (
    <Stack gap="xs">
      <ol aria-label="Recovery words" className="recovery-words">
        {words.map((word, i) => (
          <li key={i}>
            <span className="recovery-words__number">{i + 1}.</span> {word}
          </li>
        ))}
      </ol>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          Hidden again in {left} {left === 1 ? 'second' : 'seconds'}.
        </Text>
        <Button size="xs" variant="default" onClick={onHide}>
          Hide the words now
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Makes the recovery kit: main's folder dialog says where, the core writes the PDF and answers
 * with its checksum words and file name. Then, on request, the 24 words on screen (an audited
 * reveal), and the three checksum words typed back from the printed page. The words live in this
 * component's state only while shown, and are never logged.
 */
export function RecoveryKitMaker({ call, onMade, onConfirmed }: { call: Call; onMade?(): void; onConfirmed?(): void }) {
  const [made, setMade] = useState<RecoveryKitMadeView | null>(null);
  const [busy, setBusy] = useState<'save' | 'reveal' | 'confirm' | null>(null);
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [shown, setShown] = useState<{ words: string[]; hideAt: number } | null>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  const save = async () => {
    setBusy('save');
    setProblem(null);
    setCancelled(false);
    const result = await call('recovery.createKitInChosenFolder', {});
    setBusy(null);
    if (!result.ok) return setProblem({ title: 'No recovery kit was made', text: result.error.message });
    if ('cancelled' in result.value) return setCancelled(true);
    setMade(result.value);
    onMade?.();
  };

  const reveal = async () => {
    setBusy('reveal');
    setProblem(null);
    const result = await call('recovery.revealWords', {});
    setBusy(null);
    if (!result.ok) return setProblem({ title: 'The words cannot be shown', text: result.error.message });
    setShown({ words: result.value.words, hideAt: Date.now() + WORDS_SECONDS * 1000 });
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() === '') return setTypedError('Type the three checksum words printed on the kit.');
    setBusy('confirm');
    setProblem(null);
    const result = await call('recovery.confirmKit', { checksum: typed });
    setBusy(null);
    if (!result.ok) {
      if (result.error.field === 'checksum') return setTypedError(result.error.message);
      return setProblem({ title: 'The checksum words were not checked', text: result.error.message });
    }
    setShown(null);
    setConfirmed(true);
    onConfirmed?.();
  };

  if (made === null) {
    return (
      <Stack gap="sm" align="flex-start">
        {problem !== null && (
          <Alert color="red" title={problem.title} role="alert" w="100%">
            {problem.text}
          </Alert>
        )}
        {cancelled && (
          <Text size="sm" c="dimmed" role="status">
            No folder was chosen, so no kit was made.
          </Text>
        )}
        <Button onClick={() => void save()} loading={busy === 'save'}>
          Save the kit as PDF…
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Alert color="green" title="Recovery kit saved" role="status">
        <Text size="sm" className="break-anywhere">
          Saved as <strong>{made.fileName}</strong> in {made.folder}. Its checksum words are <strong>{made.checksum}</strong>.
        </Text>
      </Alert>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>Print the PDF.</List.Item>
        <List.Item>Check the three checksum words printed on it match the ones above, and type them below.</List.Item>
        <List.Item>Put the page in the trust&apos;s safe.</List.Item>
        <List.Item>Delete the file and empty the bin.</List.Item>
      </List>
      {problem !== null && (
        <Alert color="red" title={problem.title} role="alert">
          {problem.text}
        </Alert>
      )}
      {confirmed ? (
        <Text size="sm" fw={600} c="green.9" role="status">
          The checksum words match: the printed page is this kit. Put it in the safe and delete the file.
        </Text>
      ) : (
        <form onSubmit={(event) => void confirm(event)} noValidate>
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              label="Checksum words on the printed kit"
              description="The three words under “Checksum words”, with spaces between."
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => {
                setTyped(event.currentTarget.value);
                setTypedError(null);
              }}
              error={typedError}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="default" loading={busy === 'confirm'} style={{ flexShrink: 0 }}>
              Check
            </Button>
          </Group>
        </form>
      )}
      {!confirmed &&
        (shown === null ? (
          <Stack gap={4} align="flex-start">
            <Button variant="default" size="xs" onClick={() => void reveal()} loading={busy === 'reveal'}>
              Show the 24 words on screen
            </Button>
            <Text size="sm" c="dimmed">
              Only if you cannot print, to copy them by hand. Showing them is recorded in the audit log.
            </Text>
          </Stack>
        ) : (
          <RevealedWords words={shown.words} hideAt={shown.hideAt} onHide={() => setShown(null)} />
        ))}
    </Stack>
  );
}
