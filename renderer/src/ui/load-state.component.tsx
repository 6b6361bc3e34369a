import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { ContractError } from '../../../shared/contract/result';

export function Loading({ what }: { what: string }) {
  return (
    <Group gap="sm" py="xl" justify="center">
      <Loader size="sm" aria-hidden="true" />
      <Text c="dimmed" role="status">
        Loading {what}…
      </Text>
    </Group>
  );
}

export function LoadFailed({ what, error, onRetry }: { what: string; error: ContractError; onRetry(): void }) {
  return (
    <Alert color="red" title={`Custodian could not load ${what}`} role="alert">
      <Text size="sm">{error.message}</Text>
      <Button variant="white" color="red" size="xs" mt="sm" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
