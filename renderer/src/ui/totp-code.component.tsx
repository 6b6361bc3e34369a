// The shared pieces' rules, loaded with whichever screen first uses one.
import './ui.css';
import { Button, Group, RingProgress, Stack, Text } from '@mantine/core';
import { useSecondsLeft } from '../hooks/use-seconds-left.hook';

export interface TotpAnswer {
  code: string;
  /** The code after it, valid for one period from expiresAt. */
  nextCode: string;
  /** Date.now() time at which the code stops working. */
  expiresAt: number;
  period: number;
}

/** Under this many seconds a code is hard to type in time, so the next one is shown beside it. */
export const NEXT_CODE_SECONDS = 5;

function seconds(n: number): string {
  return `${n} ${n === 1 ? 'second' : 'seconds'}`;
}

/**
 * A 2FA code with the time it has left. With five seconds or less to go the next code is
 * shown too; once the first expires the next one takes its place for its own period (it came
 * with the same audited request), and after that a new code is one click away.
 */
export function TotpCode({ answer, busy, onAgain }: { answer: TotpAnswer; busy: boolean; onAgain(): void }) {
  const firstLeft = useSecondsLeft(answer.expiresAt);
  const secondLeft = useSecondsLeft(answer.expiresAt + answer.period * 1000);
  const onNext = firstLeft === 0;
  const code = onNext ? answer.nextCode : answer.code;
  const left = onNext ? secondLeft : firstLeft;
  const expired = onNext && secondLeft === 0;
  const showNext = !onNext && firstLeft <= NEXT_CODE_SECONDS;
  return (
    <Group gap="lg" wrap="nowrap" align="center">
      <RingProgress
        size={84}
        thickness={7}
        roundCaps
        aria-hidden="true"
        sections={[{ value: (left / answer.period) * 100, color: left <= NEXT_CODE_SECONDS ? 'red' : 'indigo' }]}
        label={
          <Text ta="center" size="sm" fw={700}>
            {left} s
          </Text>
        }
      />
      <Stack gap={4}>
        <output aria-label="2FA code" className={expired ? 'secret-code secret-code--expired' : 'secret-code'}>
          {code}
        </output>
        {expired ? (
          <Group gap="sm">
            <Text size="sm" c="red.9">
              This code has expired.
            </Text>
            <Button size="xs" variant="light" onClick={onAgain} loading={busy}>
              Get a new code
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Type it in within {seconds(left)}.
          </Text>
        )}
        {showNext && (
          <Group gap="xs" align="baseline">
            <Text size="sm">Too quick? The next code is</Text>
            <output aria-label="Next 2FA code" className="secret-code-next">
              {answer.nextCode}
            </output>
            <Text size="sm" c="dimmed">
              (works in {seconds(firstLeft)})
            </Text>
          </Group>
        )}
      </Stack>
    </Group>
  );
}
