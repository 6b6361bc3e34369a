import { Button, Group, Input, Stack, Text } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { IncidentView } from '../../../../shared/contract/views';
import { EVIDENCE_MAX_BYTES, evidenceMediaType, formatFileSize, mediaTypeWords, toBase64 } from '../../format/incident-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { RefusalAlert } from '../../ui/dialog-actions.component';

/** The evidence kept for an incident: each file's name, type, size and SHA-256 fingerprint. */
export function EvidenceList({ incident }: { incident: IncidentView }) {
  if (incident.evidence.length === 0) {
    return (
      <Text size="sm" c={incident.status === 'open' ? 'red.9' : 'dimmed'} fw={incident.status === 'open' ? 600 : undefined}>
        No evidence yet.
      </Text>
    );
  }
  return (
    <ul className="evidence-list" aria-label="Evidence kept">
      {incident.evidence.map((item) => (
        <li key={item.id}>
          <Text size="sm" fw={600} className="break-anywhere">
            {item.originalName}
          </Text>
          <Text size="xs" c="dimmed">
            {mediaTypeWords[item.mediaType]} · {formatFileSize(item.bytes)} · kept {formatUkDateTime(item.capturedAt)}
          </Text>
          <Text size="xs" className="evidence-hash">
            SHA-256 <code>{item.sha256}</code>
          </Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * Attach a screenshot or file: checked in the window (chosen, a kind the core keeps, not too
 * big, not empty), read with File.arrayBuffer() and sent as base64; the core checks the bytes
 * and keeps the file in the data folder under its SHA-256.
 */
export function EvidenceForm({ incident, onAttached }: { incident: IncidentView; onAttached(incident: IncidentView): void }) {
  const { call } = useConsoleSession();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    if (file === null) return setProblem('Choose the screenshot or file first.');
    const mediaType = evidenceMediaType(file);
    if (mediaType === null) return setProblem('Choose a screenshot (PNG or JPEG), a PDF or a plain text file.');
    if (file.size === 0) return setProblem('That file is empty: choose the screenshot itself.');
    if (file.size > EVIDENCE_MAX_BYTES) return setProblem(`That file is ${formatFileSize(file.size)}: the largest Custodian keeps is 15 MB.`);
    setProblem(null);
    setBusy(true);
    const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    const result = await call('incident.addEvidence', { id: incident.id, name: file.name, mediaType, contentBase64 });
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    setFile(null);
    setRound((n) => n + 1);
    onAttached(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Input.Wrapper
          label="Screenshot or file"
          description="PNG, JPEG, PDF or plain text, up to 15 MB. Custodian keeps a copy with its SHA-256 fingerprint, so anyone can later check it was not changed."
          error={problem}
          labelProps={{ htmlFor: id }}
          descriptionProps={{ id: `${id}-description` }}
          errorProps={{ id: `${id}-error` }}
        >
          <input
            key={round}
            id={id}
            type="file"
            accept=".png,.jpg,.jpeg,.pdf,.txt,image/png,image/jpeg,application/pdf,text/plain"
            className="file-field"
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? `${id}-description` : `${id}-description ${id}-error`}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setProblem(null);
              setRefusal(null);
            }}
          />
        </Input.Wrapper>
        <RefusalAlert title="Not attached" error={refusal} />
        <Group justify="flex-end">
          <Button type="submit" variant={incident.evidence.length === 0 ? 'filled' : 'light'} loading={busy}>
            Attach the evidence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
