import { NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { PersonView, RotaView } from '../../../../shared/contract/views';
import { weekdays, type Weekday } from '../../../../shared/domain/enums';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { DialogActions, RefusalAlert } from '../../ui/dialog-actions.component';

export const weekdayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Who may be on a channel's rota: the trust core team, and for a school channel that school's people. */
function eligible(people: readonly PersonView[], school: string | null): PersonView[] {
  return people.filter((p) => p.active && (p.role === 'core-team' || (school !== null && p.school === school)));
}

function RotaForm({ rota, people, onDone, onCancel }: { rota: RotaView; people: readonly PersonView[]; onDone(): void; onCancel(): void }) {
  const { call } = useConsoleSession();
  const initial = Object.fromEntries(weekdays.map((day) => [day, rota.days[day]?.active === true ? (rota.days[day]?.email ?? '') : ''])) as Record<Weekday, string>;
  const [chosen, setChosen] = useState(initial);
  const [failure, setFailure] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const options = [{ value: '', label: 'Nobody' }, ...eligible(people, rota.school).map((p) => ({ value: p.email, label: p.name }))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    // One call per person (their days), and one for the days left empty.
    const byPerson = new Map<string, Weekday[]>();
    const empty: Weekday[] = [];
    for (const day of weekdays) {
      if (chosen[day] === initial[day] && rota.days[day]?.active !== false) continue;
      if (chosen[day] === '') empty.push(day);
      else byPerson.set(chosen[day], [...(byPerson.get(chosen[day]) ?? []), day]);
    }
    for (const [email, days] of byPerson) {
      const result = await call('monitor.assign', { channel: rota.channel, email, days });
      if (!result.ok) {
        setBusy(false);
        return setFailure(result.error);
      }
    }
    if (empty.length > 0) {
      const result = await call('monitor.unassign', { channel: rota.channel, days: empty });
      if (!result.ok) {
        setBusy(false);
        return setFailure(result.error);
      }
    }
    setBusy(false);
    onDone();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">Who checks {rota.channelName} on each day of the week, weekends and holidays included.</Text>
        <div className="rota-days">
          {weekdays.map((day) => (
            <NativeSelect key={day} label={weekdayNames[day]} data={options} value={chosen[day]} onChange={(e) => setChosen({ ...chosen, [day]: e.currentTarget.value })} />
          ))}
        </div>
        <RefusalAlert title="The rota was not changed" error={failure} />
        <DialogActions onCancel={onCancel} submitLabel="Save the rota" busy={busy} />
      </Stack>
    </form>
  );
}

/** An administrator sets a channel's monitoring rota: a person (or nobody) for each day of the week. */
export function RotaDialog({ rota, people, onClose, onSaved }: { rota: RotaView | null; people: readonly PersonView[]; onClose(): void; onSaved(): void }) {
  const shown = useLastRequest(rota);
  return (
    <ConsoleDialog opened={rota !== null} title={shown === null ? '' : `Monitoring rota: ${shown.channelName}`} onClose={onClose}>
      {shown !== null && rota !== null && (
        <RotaForm
          key={shown.channel}
          rota={shown}
          people={people}
          onCancel={onClose}
          onDone={() => {
            onSaved();
            onClose();
          }}
        />
      )}
    </ConsoleDialog>
  );
}
