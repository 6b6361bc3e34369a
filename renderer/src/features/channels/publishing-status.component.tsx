import { Alert, Badge, Stack, Text } from '@mantine/core';
import type { ConnectionView } from '../../../../shared/contract/views';
import { publishingState, reconnectBannerWords } from './connection-words.format';

/**
 * A channel's publishing connection in the channels table: a badge, and under it how it was
 * connected or, when it lapsed, why (cut to four lines; the whole reason on hover and in the
 * connect dialog).
 */
export function PublishingStatus({ connection }: { connection: ConnectionView | undefined }) {
  const state = publishingState(connection);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={state.color} variant={state.label === 'Reconnect needed' ? 'filled' : 'light'}>
        {state.label}
      </Badge>
      {state.note !== null && (
        <Text size="xs" c={state.label === 'Reconnect needed' ? 'red.9' : 'dimmed'} lineClamp={4} maw="14rem" title={state.note}>
          {state.note}
        </Text>
      )}
    </Stack>
  );
}

/** Said at the top of the Channels screen while any channel's posts are held back for a reconnect. */
export function ReconnectBanner({ connections, canConnect }: { connections: readonly ConnectionView[]; canConnect: boolean }) {
  const lapsed = connections.filter((c) => c.status === 'reconnect-needed').length;
  if (lapsed === 0) return null;
  return (
    <Alert color="red" title={reconnectBannerWords(lapsed)} role="status">
      {canConnect
        ? 'The platform stopped accepting Custodian’s sign-in for them. Use Reconnect on each one marked “Reconnect needed” and sign in on the platform again; the waiting posts then go out.'
        : 'The platform stopped accepting Custodian’s sign-in for them. An administrator needs to connect them again; the waiting posts then go out.'}
    </Alert>
  );
}
