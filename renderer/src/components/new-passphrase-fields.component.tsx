import { PasswordInput } from '@mantine/core';

type ChangeHandler = (event: { currentTarget: { value: string } }) => void;

/** A new passphrase typed twice, as on first run and when adding an operator. */
export function NewPassphraseFields(props: {
  label: string;
  description: string;
  passphrase: string;
  repeat: string;
  onPassphrase: ChangeHandler;
  onRepeat: ChangeHandler;
  errors: { passphrase?: string | undefined; repeat?: string | undefined };
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
