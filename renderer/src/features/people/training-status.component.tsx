import { Text } from '@mantine/core';
import type { ComplianceFindingView, TrainingView } from '../../../../shared/contract/views';
import { formatShortDate } from '../../format/calendar-dates.format';

/** A person's social media training as the People table shows it, and whether the policy needs more. */
export interface TrainingState {
  /** Their most recent training, or null when none is recorded. */
  latest: TrainingView | null;
  /** The compliance rule's findings about their training (they can post, so it must be in date). */
  findings: readonly ComplianceFindingView[];
}

/** 'Trained 2 Sep 2026 · runs out 2 Sep 2027', 'Expired 3 Jan 2026' or 'No training'. */
export function trainingSummary(latest: TrainingView | null): string {
  if (latest === null) return 'No training';
  if (!latest.inDate) return `Expired ${formatShortDate(latest.expiresOn)}`;
  return `Trained ${formatShortDate(latest.trainedOn)} · runs out ${formatShortDate(latest.expiresOn)}`;
}

/** Whether the row needs putting right: the policy requires training they do not have in date. */
export function needsTraining(state: TrainingState): boolean {
  return state.findings.some((f) => f.severity === 'high' || f.severity === 'medium');
}

/**
 * The Training cell. Someone who can post (the poster role, or holding an account's login
 * details) without training in date is flagged in red with why; a smaller matter (training
 * running out soon, or no administrator recorded as the trainer) in a note under it.
 */
export function TrainingStatus({ state }: { state: TrainingState }) {
  const urgent = needsTraining(state);
  const notes = state.findings.filter((f) => f.severity === 'low');
  const trainer = state.latest?.trainerName ?? null;
  return (
    <div className="training-cell">
      <Text size="sm" fw={urgent ? 700 : undefined} c={urgent ? 'red.9' : state.latest === null ? 'dimmed' : undefined}>
        {trainingSummary(state.latest)}
      </Text>
      {state.latest !== null && state.latest.inDate && trainer !== null && (
        <Text size="xs" c="dimmed">
          by {trainer}
        </Text>
      )}
      {urgent && (
        <Text size="xs" c="red.9" fw={500} className="training-cell__flag">
          Can post, so must be trained
        </Text>
      )}
      {!urgent &&
        notes.map((note, index) => (
          <Text key={index} size="xs" className="training-cell__note">
            {note.message}
          </Text>
        ))}
    </div>
  );
}
