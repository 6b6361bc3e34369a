import { Button, Group, RingProgress, Stack, Text } from '@mantine/core';
import { useSecondsLeft } from '../hooks/use-seconds-left.hook';

export interface TotpAnswer {
  code: string;
  /** Date.now() time at which the code stops working. */
  expiresAt: number;
  period: number;
}

/** A 2FA code with the time it has left; once it has expired, a new one is one click away. */
export function TotpCode({ answer, busy, onAgain }: { answer: TotpAnswer; busy: boolean; onAgain(): void }) {
  const left = useSecondsLeft(answer.expiresAt);
  const expired = left === 0;
  return (
    <Group gap="lg" wrap="nowrap" align="center">
      <RingProgress
        size={84}
        thickness={7}
        roundCaps
        aria-hidden="true"
        sections={[{ value: (left / answer.period) * 100, color: left <= 5 ? 'red' : 'indigo' }]}
        label={
          <Text ta="center" size="sm" fw={700}>
            {left} s
          </Text>
        }
      />
      <Stack gap={4}>
        <output aria-label="2FA code" className={expired ? 'secret-code secret-code--expired' : 'secret-code'}>
          {answer.code}
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
            Type it in within {left} {left === 1 ? 'second' : 'seconds'}.
          </Text>
        )}
      </Stack>
    </Group>
  );
}
