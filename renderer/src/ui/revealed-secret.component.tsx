// The shared pieces' rules, loaded with whichever screen first uses one.
import './ui.css';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useSecondsLeft } from '../hooks/use-seconds-left.hook';

export const REVEAL_SECONDS = 30;

/** A revealed password, on screen for 30 seconds at most. */
export function RevealedSecret({ label, value, hideAt, onHide }: { label: string; value: string; hideAt: number; onHide(): void }) {
  const left = useSecondsLeft(hideAt);
  useEffect(() => {
    if (left === 0) onHide();
  }, [left, onHide]);
  return (
    <Stack gap="xs">
      <output aria-label={label} className="secret-value">
        {value}
      </output>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          Hidden again in {left} {left === 1 ? 'second' : 'seconds'}.
        </Text>
        <Button size="xs" variant="default" onClick={onHide}>
          Hide it now
        </Button>
      </Group>
    </Stack>
  );
}
