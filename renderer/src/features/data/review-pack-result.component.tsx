import { Alert, Code, List, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { ContractError } from '../../../../shared/contract/result';
import type { ReviewExportView, ReviewProgressView, ReviewVerifyView } from '../../../../shared/contract/views';
import { formatUkDate } from '../../format/uk-time.format';
import { exportPercent, exportStepWords, formatBytes, shortHash } from './data-words.format';

/** The export under way: a bar and the step in words, announced politely to screen readers. */
export function ReviewExportProgress({ progress }: { progress: ReviewProgressView | null }) {
  const words = exportStepWords(progress);
  const step = progress !== null && progress.total > 0 ? ` (step ${progress.index} of ${progress.total})` : '';
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600} role="status" aria-live="polite">
        {words}
        {step}
      </Text>
      <Progress value={exportPercent(progress)} size="lg" animated aria-label="Review pack export" />
    </Stack>
  );
}

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="fact-list">
      {rows.map(([term, detail]) => (
        <div key={term} className="fact-list__row">
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What was written and signed: where, the files with their fingerprints, and the signing key. */
export function ReviewExportResult({ pack, schoolName }: { pack: ReviewExportView; schoolName(code: string): string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Review pack saved">
      <Title order={3} size="h4" mb="xs">
        Review pack saved
      </Title>
      <Facts
        rows={[
          ['Folder', pack.dir],
          ['Period', `${formatUkDate(pack.from)} to ${formatUkDate(pack.to)}`],
          ['Covers', pack.school === null ? 'The whole trust' : schoolName(pack.school)],
          ['Signing key fingerprint', pack.fingerprint],
        ]}
      />
      <Table mt="sm" verticalSpacing={6} horizontalSpacing="md" aria-label="Files in the pack">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">File</Table.Th>
            <Table.Th scope="col">Size</Table.Th>
            <Table.Th scope="col">SHA-256 (first 12 characters)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pack.files.map((file) => (
            <Table.Tr key={file.name}>
              <Table.Td>{file.name}</Table.Td>
              <Table.Td className="nowrap">{formatBytes(file.bytes)}</Table.Td>
              <Table.Td>
                <Code title={file.sha256}>{shortHash(file.sha256)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="xs">
        manifest.json lists these files with their full SHA-256; manifest.sig is its signature. Give governors the whole folder: the
        fingerprint above is also printed in review.pdf, so they can tell the pack came from this vault.
      </Text>
    </Paper>
  );
}

export type VerifyOutcome = { kind: 'answer'; answer: ReviewVerifyView & { dir: string } } | { kind: 'error'; error: ContractError };

/** What checking a pack found: valid, or each file that was altered, missing or unsigned. */
export function ReviewVerifyResult({ outcome, onClose }: { outcome: VerifyOutcome; onClose(): void }) {
  const close = { withCloseButton: true, closeButtonLabel: 'Dismiss this result', onClose };
  if (outcome.kind === 'error') {
    return (
      <Alert color="red" title="The pack could not be checked" role="alert" {...close}>
        {outcome.error.message}
      </Alert>
    );
  }
  const { answer } = outcome;
  if (!answer.valid) {
    return (
      <Alert color="red" title="This review pack is not valid: it has been changed since it was signed" role="alert" {...close}>
        <Text size="sm" className="break-anywhere">
          Folder: {answer.dir}
        </Text>
        <List size="sm" my="xs" aria-label="What is wrong">
          {answer.problems.map((problem) => (
            <List.Item key={`${problem.file}:${problem.problem}`}>
              <Text size="sm" span fw={600}>
                {problem.file}
              </Text>
              : {problem.problem}
            </List.Item>
          ))}
        </List>
        <Text size="sm">Do not rely on this copy. Export the pack again, or ask whoever sent it for the original.</Text>
      </Alert>
    );
  }
  const period = answer.from !== null && answer.to !== null ? `, ${formatUkDate(answer.from)} to ${formatUkDate(answer.to)}` : '';
  return (
    <Alert color="green" title="This review pack is valid" role="status" {...close}>
      <Text size="sm" className="break-anywhere">
        Every file in {answer.dir} matches the manifest, signed by this vault&apos;s key{answer.fingerprint === null ? '' : ` (fingerprint ${answer.fingerprint})`}
        {period}.
      </Text>
    </Alert>
  );
}
