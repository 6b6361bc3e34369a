import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PersonView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import type { ChannelName } from '../../format/channel-names.format';
import { formatUkDate, isCalendarDay, ukDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm } from '../../ui/use-contract-form.hook';

interface Recorded {
  person: PersonView;
  revokedChannels: string[];
}

function ChannelList({ refs, nameOf, label }: { refs: string[]; nameOf(ref: string | null): ChannelName; label: string }) {
  return (
    <List size="sm" spacing={2} aria-label={label}>
      {refs.map((ref) => {
        const name = nameOf(ref);
        return (
          <List.Item key={ref}>
            {name.name}
            {name.where !== '' && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({name.where})
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

function afterwards(person: PersonView): string {
  if (person.consoleRole === null) return person.active ? 'They stay on the register, marked as leaving.' : 'They stay on the register, marked as left.';
  return person.active ? 'They can sign in to Custodian until then.' : 'They can no longer sign in to Custodian.';
}

/** What the core did, and what a person still has to do on the platforms. */
function LeaverRecorded({ recorded, held, nameOf, onClose }: { recorded: Recorded; held: string[]; nameOf(ref: string | null): ChannelName; onClose(): void }) {
  const { person, revokedChannels } = recorded;
  const on = formatUkDate(person.leftOn ?? '');
  return (
    <Stack gap="md">
      <Alert color="green" title={person.active ? `${person.name} is recorded as leaving on ${on}` : `${person.name} is recorded as having left on ${on}`} role="status">
        <Text size="sm">{afterwards(person)}</Text>
      </Alert>
      {revokedChannels.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            Their access to {revokedChannels.length === 1 ? 'this channel has' : `these ${revokedChannels.length} channels has`} been removed:
          </Text>
          <ChannelList refs={revokedChannels} nameOf={nameOf} label="Channels whose access was removed" />
          <Alert color="orange" title="Now change the passwords and 2FA keys" role="alert">
            They may remember or have kept these login details. On each platform, change the password and set up two-factor
            authentication again (a new 2FA secret key, and new recovery codes), then store the new ones in Custodian.
          </Alert>
        </>
      )}
      {revokedChannels.length === 0 && person.active && held.length > 0 && (
        <>
          <Text size="sm">They keep their access until they leave. After {on}, the dashboard and the access register flag these channels:</Text>
          <ChannelList refs={held} nameOf={nameOf} label="Channels they still hold" />
          <Text size="sm">
            On their last day, remove their access in the access register, then change each password and 2FA secret key.
          </Text>
        </>
      )}
      {revokedChannels.length === 0 && held.length === 0 && <Text size="sm">They held no login details, so nothing else needs changing.</Text>}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

function LeaverForm({ person, nameOf, onClose, onRecorded }: { person: PersonView; nameOf(ref: string | null): ChannelName; onClose(): void; onRecorded(): void }) {
  const { call } = useConsoleSession();
  const grants = useInvoke('access.list', {});
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const held = grants.status === 'ok' ? grants.value.filter((g) => g.holderEmail === person.email).map((g) => g.channel) : [];
  const form = useContractForm({
    method: 'person.markLeft',
    initial: { on: ukDay(new Date()) },
    check: ({ on }) => ({ on: isCalendarDay(on) ? undefined : 'Enter the date they leave, such as 31 August 2026.' }),
    toInput: ({ on }) => ({ email: person.email, on }),
    send: call,
    onDone: (done) => {
      setRecorded(done);
      onRecorded();
    },
  });
  const { on } = form.fields;

  if (recorded !== null) return <LeaverRecorded recorded={recorded} held={held} nameOf={nameOf} onClose={onClose} />;

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="md">
        <RefusalAlert title="Nothing was recorded" error={form.refusal} />
        <TextInput
          label="Leaving date (UK)"
          description={isCalendarDay(on) ? `Their last day: ${formatUkDate(on)}.` : 'Their last day.'}
          type="date"
          required
          value={on}
          onChange={form.set('on')}
          error={form.errors.on}
          w={260}
          data-autofocus
        />
        {held.length > 0 ? (
          <>
            <Text size="sm">They hold the login details of:</Text>
            <ChannelList refs={held} nameOf={nameOf} label="Channels they hold" />
            <Text size="sm">If the date is today or has passed, Custodian removes this access at once.</Text>
          </>
        ) : (
          grants.status === 'ok' && <Text size="sm">They hold no login details.</Text>
        )}
        <DialogActions onCancel={onClose} submitLabel="Record leaving" busy={form.busy} submitColor="red.8" />
      </Stack>
    </form>
  );
}

/** An administrator records that someone leaves the trust; the core ends their access. */
export function LeaverDialog({
  person,
  nameOf,
  onClose,
  onRecorded,
}: {
  person: PersonView | null;
  nameOf(ref: string | null): ChannelName;
  onClose(): void;
  onRecorded(): void;
}) {
  const last = useLastRequest(person);
  return (
    <ConsoleDialog opened={person !== null} onClose={onClose} title={last === null ? '' : `${last.name} is leaving`}>
      {last !== null && <LeaverForm key={last.id} person={last} nameOf={nameOf} onClose={onClose} onRecorded={onRecorded} />}
    </ConsoleDialog>
  );
}
