import { Alert, Button, Group } from '@mantine/core';
import type { ContractError } from '../../../shared/contract/result';

/**
 * The footer every form dialog ends with: Cancel on the left, the action on the right.
 * Kept in one place so the dialogs look and behave alike; the end-to-end tests find the
 * buttons by role and text, so each dialog still passes its own submit label.
 */
export function DialogActions({
  onCancel,
  submitLabel,
  busy,
  submitColor,
  cancelLabel = 'Cancel',
}: {
  onCancel(): void;
  submitLabel: string;
  busy: boolean;
  /** Only for actions that take something away (such as "red.8"); otherwise the theme's colour. */
  submitColor?: string;
  cancelLabel?: string;
}) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" color={submitColor} loading={busy}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/**
 * Why the core refused what the form sent, in the core's own words. It is an alert so a
 * screen reader announces it, and it renders nothing until there is a refusal to show.
 */
export function RefusalAlert({ title, error }: { title: string; error: ContractError | null }) {
  if (error === null) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {error.message}
    </Alert>
  );
}
