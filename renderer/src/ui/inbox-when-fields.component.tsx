import { TextInput } from '@mantine/core';
import { isClockTime, ukDateAndTime, ukInstant } from '../format/inbox-time.format';
import { isCalendarDay } from '../format/uk-time.format';

/** A date and a time as typed, in UK time. */
export interface WhenDraft {
  day: string;
  time: string;
}

export interface WhenProblems {
  day?: string;
  time?: string;
}

/** Now, on UK clocks. */
export function whenNow(): WhenDraft {
  return ukDateAndTime(new Date());
}

/** A clock a few minutes behind the core's is no reason to refuse "now" (as the core allows). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks a date and time typed in the window: both filled in, and not later than now. The
 * instant it names (ISO 8601, UTC) when it is fine.
 */
export function checkWhen(draft: WhenDraft, what: { day: string; time: string; future: string }): { problems: WhenProblems; iso: string | null } {
  const problems: WhenProblems = {};
  if (!isCalendarDay(draft.day)) problems.day = what.day;
  if (!isClockTime(draft.time)) problems.time = what.time;
  const iso = problems.day === undefined && problems.time === undefined ? ukInstant(draft.day, draft.time) : null;
  if (iso !== null && Date.parse(iso) > Date.now() + FUTURE_TOLERANCE_MS) {
    problems.day = what.future;
    return { problems, iso: null };
  }
  return { problems, iso };
}

/** A date and a time side by side, both in UK time (the time's label says so). */
export function WhenFields({
  dayLabel,
  timeLabel,
  value,
  problems,
  onChange,
}: {
  dayLabel: string;
  timeLabel: string;
  value: WhenDraft;
  problems: WhenProblems;
  onChange(value: WhenDraft): void;
}) {
  return (
    <div className="form-pair">
      <TextInput label={dayLabel} type="date" value={value.day} onChange={(event) => onChange({ ...value, day: event.currentTarget.value })} error={problems.day} required />
      <TextInput
        label={timeLabel}
        type="time"
        value={value.time}
        onChange={(event) => onChange({ ...value, time: event.currentTarget.value })}
        error={problems.time}
        required
      />
    </div>
  );
}
