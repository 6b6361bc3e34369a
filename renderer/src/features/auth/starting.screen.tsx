import { Alert, Button, Loader, Stack, Text, Title } from '@mantine/core';
import { AuthLayout } from './auth-layout.component';

export function StartingScreen() {
  return (
    <AuthLayout>
      <Stack align="center" gap="sm" py="lg">
        <Loader aria-label="Opening Custodian" />
        <Text c="dimmed">Opening Custodian…</Text>
      </Stack>
    </AuthLayout>
  );
}

/** The vault cannot be opened (keychain locked, database from a newer version, …). */
export function UnavailableScreen({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <AuthLayout>
      <Stack gap="md">
        <Title order={1} size="h2">
          Custodian cannot open the vault
        </Title>
        <Alert color="red" title="What went wrong" role="alert">
          {message}
        </Alert>
        <Text size="sm" c="dimmed">
          Nothing has been changed. If the message mentions the keychain, unlock it (sign in to the computer again), then try again.
        </Text>
        <Button onClick={onRetry} w="fit-content">
          Try again
        </Button>
      </Stack>
    </AuthLayout>
  );
}
