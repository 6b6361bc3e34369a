import { PasswordInput, Progress, Stack, Text } from '@mantine/core';
import type { PassphraseStrengthView } from '../../../shared/contract/views';

type ChangeHandler = (event: { currentTarget: { value: string } }) => void;

const strengthWords = ['Very easy to guess', 'Easy to guess', 'Still too easy to guess', 'Hard to guess', 'Very hard to guess'] as const;
const strengthColours = ['red', 'red', 'orange', 'teal', 'green'] as const;

/** The core's estimate as the person types: a bar, a word, and zxcvbn's advice when it is too weak. */
function PassphraseStrength({ strength }: { strength: PassphraseStrengthView | null }) {
  if (strength === null) return null;
  const advice = [strength.warning, ...strength.suggestions].filter((line): line is string => line !== null && line !== '');
  return (
    <Stack gap={4} aria-live="polite" data-testid="passphrase-strength">
      <Progress value={(strength.score + 1) * 20} color={strengthColours[strength.score] ?? 'red'} size="sm" aria-label="Passphrase strength" />
      <Text size="sm" fw={600} c={strength.acceptable ? 'teal.9' : 'red.8'}>
        {strengthWords[strength.score] ?? strengthWords[0]}
        {strength.acceptable ? '' : ': choose a stronger one.'}
      </Text>
      {!strength.acceptable &&
        advice.map((line) => (
          <Text key={line} size="sm" c="dimmed">
            {line}
          </Text>
        ))}
    </Stack>
  );
}

/** A new passphrase typed twice (first run, adding an operator, changing one's own), with its strength. */
export function NewPassphraseFields(props: {
  label: string;
  description: string;
  passphrase: string;
  repeat: string;
  onPassphrase: ChangeHandler;
  onRepeat: ChangeHandler;
  errors: { passphrase?: string | undefined; repeat?: string | undefined };
  /** From usePassphraseStrength, so the form can refuse a weak one before it is sent. */
  strength: PassphraseStrengthView | null;
}) {
  return (
    <>
      <PasswordInput
        label={props.label}
        description={props.description}
        autoComplete="new-password"
        required
        value={props.passphrase}
        onChange={props.onPassphrase}
        error={props.errors.passphrase}
        visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the passphrase' }}
        visibilityToggleFocusable
      />
      {props.passphrase !== '' && <PassphraseStrength strength={props.strength} />}
      <PasswordInput
        label="Type the passphrase again"
        autoComplete="new-password"
        required
        value={props.repeat}
        onChange={props.onRepeat}
        error={props.errors.repeat}
        visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the repeated passphrase' }}
        visibilityToggleFocusable
      />
    </>
  );
}

/** The form's own check before sending: the core refuses a weak one again anyway. */
export function weakPassphraseError(strength: PassphraseStrengthView | null): string | undefined {
  return strength !== null && !strength.acceptable ? 'This passphrase is too easy to guess. Follow the advice below it.' : undefined;
}

/** The contract's minimum (shared/contract/fields.ts passphrase), said in the forms' help too. */
export const MIN_PASSPHRASE = 10;

/**
 * Every form that sets a new passphrase checks it the same way before sending (first run,
 * add person, change passphrase): long enough, not too easy to guess, typed the same twice.
 */
export function newPassphraseErrors(passphrase: string, repeat: string, strength: PassphraseStrengthView | null): { passphrase?: string; repeat?: string } {
  if (passphrase.length < MIN_PASSPHRASE) return { passphrase: `Use at least ${MIN_PASSPHRASE} characters.` };
  const weak = weakPassphraseError(strength);
  if (weak !== undefined) return { passphrase: weak };
  if (repeat !== passphrase) return { repeat: 'The two passphrases are not the same. Type it again.' };
  return {};
}
