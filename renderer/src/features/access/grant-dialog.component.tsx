import { NativeSelect, Stack, Text } from '@mantine/core';
import type { ChannelView, PersonView, SchoolView } from '../../../../shared/contract/views';
import { channelRef, schoolNamer } from '../../format/channel-names.format';
import { personRoleShort, platformNames } from '../../format/contract-words.format';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';
import { useContractForm } from '../../ui/use-contract-form.hook';

export interface GrantRequest {
  channel: ChannelView;
  /** Emails of the channel's current holders: they are not offered again. */
  holders: ReadonlySet<string>;
}

/**
 * Who can be given access, grouped as people look for them: the channel's own school first
 * (for a school channel), then the trust's core team, then the other schools. Leavers and
 * current holders are not offered.
 */
function personOptions(people: readonly PersonView[], schools: readonly SchoolView[], request: GrantRequest) {
  const schoolName = schoolNamer(schools);
  const candidates = people.filter((p) => p.active && !request.holders.has(p.email));
  const option = (p: PersonView) => ({ value: p.email, label: `${p.name}, ${personRoleShort[p.role]} (${p.email})` });
  const groups: { group: string; items: { value: string; label: string }[] }[] = [];
  const add = (group: string, members: PersonView[]) => {
    if (members.length > 0) groups.push({ group, items: members.map(option) });
  };
  const own = request.channel.school;
  if (own !== null) add(schoolName(own), candidates.filter((p) => p.role !== 'core-team' && p.school === own));
  add('Trust core team', candidates.filter((p) => p.role === 'core-team'));
  for (const school of [...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))) {
    if (school.code !== own) add(school.name, candidates.filter((p) => p.role !== 'core-team' && p.school === school.code));
  }
  return [{ value: '', label: 'Choose a person' }, ...groups];
}

function GrantForm({
  request,
  people,
  schools,
  onClose,
  onDone,
}: {
  request: GrantRequest;
  people: readonly PersonView[];
  schools: readonly SchoolView[];
  onClose(): void;
  onDone(message: string): void;
}) {
  const { call } = useConsoleSession();
  const { channel } = request;
  // The field is 'person': the core's refusals about the person chosen read best above the form.
  const form = useContractForm({
    method: 'access.grant',
    initial: { person: '' },
    check: ({ person }) => ({ person: person === '' ? 'Choose who should hold the login details.' : undefined }),
    toInput: ({ person }) => ({ channel: channelRef(channel), email: person }),
    send: call,
    onDone: (grant) => onDone(`${grant.holderName} now holds the login details of ${channel.name}.`),
  });

  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {channel.name} · {platformNames[channel.platform]} · {channel.handle}
        </Text>
        <RefusalAlert title="Access was not given" error={form.refusal} />
        <NativeSelect
          label="Person"
          description="Only people who have not left and do not already hold this channel are listed."
          data={personOptions(people, schools, request)}
          value={form.fields.person}
          onChange={form.set('person')}
          error={form.errors.person}
          required
          data-autofocus
        />
        <Text size="sm">
          They will be able to reveal the password and get 2FA codes for this channel. Each use asks them why, and is kept in the audit
          trail, as is this grant.
        </Text>
        <DialogActions onCancel={onClose} submitLabel="Give access" busy={form.busy} />
      </Stack>
    </form>
  );
}

/** An administrator gives a person the login details of one channel. */
export function GrantDialog({
  request,
  people,
  schools,
  onClose,
  onDone,
}: {
  request: GrantRequest | null;
  people: readonly PersonView[];
  schools: readonly SchoolView[];
  onClose(): void;
  onDone(message: string): void;
}) {
  const last = useLastRequest(request);
  return (
    <ConsoleDialog opened={request !== null} onClose={onClose} title={last === null ? '' : `Give access to ${last.channel.name}`}>
      {last !== null && <GrantForm key={last.channel.id} request={last} people={people} schools={schools} onClose={onClose} onDone={onDone} />}
    </ConsoleDialog>
  );
}
