import { Alert, Badge, List, Table, Text } from '@mantine/core';
import { importActionWords, importProblems, type ImportRow } from './import-words.format';

const ACTION_COLOURS: Record<ImportRow['action'], string> = { create: 'green', update: 'blue', replace: 'orange', skip: 'gray' };

/** Line and Action keep their width, so a badge is never cut short by a long reason. */
const NARROW = { width: 96, whiteSpace: 'nowrap' } as const;

/** A long file scrolls inside the card rather than pushing Import and Cancel off the screen. */
const SCROLL = { maxHeight: 420, overflowY: 'auto' } as const;

/** What the file would do (or did), line by line: never a password or a 2FA key. */
export function ImportPreviewTable({ rows, label }: { rows: ImportRow[]; label: string }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The file has no rows to import.
      </Text>
    );
  }
  return (
    // Focusable so the rows can be scrolled from the keyboard too.
    <div style={SCROLL} tabIndex={0} role="group" aria-label={`${label} (scrolls)`}>
      <Table striped verticalSpacing="xs" horizontalSpacing="sm" aria-label={label} stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={NARROW}>
              Line
            </Table.Th>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col" style={NARROW}>
              Action
            </Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={`${row.line}-${index}`}>
              <Table.Td>{row.line === 0 ? '—' : row.line}</Table.Td>
              <Table.Td className="break-anywhere">{row.what}</Table.Td>
              <Table.Td className="nowrap">
                <Badge color={ACTION_COLOURS[row.action]} variant="light">
                  {importActionWords[row.action]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The core's refusal of a file: what to do first, then every problem by its line number. */
export function ImportProblemsAlert({ fileWords, message, onClose }: { fileWords: string; message: string; onClose(): void }) {
  const { summary, problems, more } = importProblems(message);
  return (
    <Alert color="red" title={`${fileWords} was not imported`} role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={onClose}>
      <Text size="sm" className="break-anywhere">
        {summary}
      </Text>
      {problems.length > 0 && (
        <>
          <List size="sm" mt="xs" spacing={4} aria-label="Problems in the file">
            {problems.map((p, index) => (
              <List.Item key={`${p.line}-${index}`}>
                <strong>Line {p.line}:</strong> {p.text}
              </List.Item>
            ))}
          </List>
          {more !== null && (
            <Text size="sm" mt={4}>
              {more.replace(/^and/, 'And')}.
            </Text>
          )}
          <Text size="sm" mt="xs">
            Fix {problems.length === 1 && more === null ? 'this line' : 'these lines'} in the file, save it, then choose it again.
          </Text>
        </>
      )}
    </Alert>
  );
}
