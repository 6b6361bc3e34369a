import { Textarea } from '@mantine/core';

/** The reason asked for before a sensitive step; it goes into the audit trail as typed. */
export function ReasonField({
  label,
  description,
  value,
  error,
  onChange,
}: {
  label: string;
  description: string;
  value: string;
  error: string | null;
  onChange(value: string): void;
}) {
  return (
    <Textarea
      label={label}
      description={description}
      required
      autosize
      minRows={2}
      maxLength={500}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      data-autofocus
    />
  );
}
