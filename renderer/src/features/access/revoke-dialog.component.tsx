import { Stack, Text } from '@mantine/core';
import type { ChannelView } from '../../../../shared/contract/views';
import { channelRef } from '../../format/channel-names.format';
import { platformNames } from '../../format/contract-words.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { ReasonField } from '../../ui/reason-field.component';
import { useContractForm } from '../../ui/use-contract-form.hook';

export interface RevokeRequest {
  channel: ChannelView;
  holder: { email: string; name: string };
}

function RevokeForm({ request, onClose, onDone }: { request: RevokeRequest; onClose(): void; onDone(message: string): void }) {
  const { call } = useConsoleSession();
  const { channel, holder } = request;
  const form = useContractForm({
    method: 'access.revoke',
    initial: { reason: '' },
    check: ({ reason }) => ({ reason: reason.trim().length < 3 ? 'Say in a few words why their access is being removed.' : undefined }),
    toInput: ({ reason }) => ({ channel: channelRef(channel), email: holder.email, reason: reason.trim() }),
    send: call,
    onDone: () => onDone(`${holder.name} no longer holds the login details of ${channel.name}.`),
  });

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {channel.name} · {platformNames[channel.platform]} · {channel.handle}
        </Text>
        <RefusalAlert title="Access was not removed" error={form.refusal} />
        <ReasonField
          label={`Why is ${holder.name}'s access being removed?`}
          description="For example: moved to another role. The reason is kept in the audit trail."
          value={form.fields.reason}
          onChange={(reason) => form.setValue('reason', reason)}
          error={form.errors.reason ?? null}
        />
        <Text size="sm">
          Custodian stops showing them the password and 2FA codes at once. If they may remember or have copied the password, change it
          on the platform and store the new one here.
        </Text>
        <DialogActions onCancel={onClose} submitLabel="Remove access" busy={form.busy} submitColor="red.8" />
      </Stack>
    </form>
  );
}

/** An administrator removes one holder's access to one channel, saying why. */
export function RevokeDialog({ request, onClose, onDone }: { request: RevokeRequest | null; onClose(): void; onDone(message: string): void }) {
  const last = useLastRequest(request);
  return (
    <ConsoleDialog opened={request !== null} onClose={onClose} title={last === null ? '' : `Remove ${last.holder.name}'s access`}>
      {last !== null && <RevokeForm key={`${last.channel.id} ${last.holder.email}`} request={last} onClose={onClose} onDone={onDone} />}
    </ConsoleDialog>
  );
}
