import { Alert, Input, List, Stack, Table, Text } from '@mantine/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ContractError, Result } from '../../../../shared/contract/result';
import type { BankHolidayImportView, CalendarView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { DialogActions } from '../../ui/dialog-actions.component';

/**
 * The core's refusal of a file: its first line says what happened, the rest name each bad line
 * ('line 3: end 2026-08-01 is before start 2026-09-01'), shown as a list to work down.
 */
function Refusal({ error }: { error: ContractError }) {
  const [first, ...rest] = error.message.split('\n');
  const lines = rest.map((line) => line.trim()).filter((line) => line !== '');
  return (
    <Alert color="red" title="Nothing was imported" role="alert">
      <Text size="sm">{first}</Text>
      {lines.length > 0 && (
        <List size="sm" mt="xs" spacing={2} aria-label="Problems in the file">
          {lines.map((line, index) => (
            <List.Item key={index}>{line.charAt(0).toUpperCase() + line.slice(1)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

interface FileRules {
  /** The input's accept list, e.g. '.csv,text/csv'. */
  accept: string;
  /** The file name's ending, lower case, e.g. '.csv'. */
  extension: string;
  /** Said when another kind of file is chosen. */
  wrongKind: string;
  maxBytes: number;
  sizeText: string;
}

/**
 * Choose a file, check it in the window (chosen, the right kind, not too big, not empty), read
 * its text and hand it to `send`; the core checks every line and changes nothing if one is bad.
 */
function FileImportForm<T>({
  label,
  description,
  rules,
  submitLabel,
  send,
  onImported,
  onCancel,
  children,
}: {
  label: string;
  description: string;
  rules: FileRules;
  submitLabel: string;
  send(text: string): Promise<Result<T>>;
  onImported(value: T): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    if (file === null) return setProblem('Choose the file first.');
    if (!file.name.toLowerCase().endsWith(rules.extension)) return setProblem(rules.wrongKind);
    if (file.size > rules.maxBytes) return setProblem(`The file is larger than ${rules.sizeText}: check that it is the right one.`);
    const text = await file.text();
    if (text.trim() === '') return setProblem('The file is empty.');
    setProblem(null);
    setBusy(true);
    const result = await send(text);
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    onImported(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {children}
        <Input.Wrapper
          label={label}
          description={description}
          error={problem}
          required
          labelProps={{ htmlFor: id }}
          descriptionProps={{ id: `${id}-description` }}
          errorProps={{ id: `${id}-error` }}
        >
          <input
            id={id}
            type="file"
            accept={rules.accept}
            className="file-field"
            required
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? `${id}-description` : `${id}-description ${id}-error`}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setProblem(null);
              setRefusal(null);
            }}
            data-autofocus
          />
        </Input.Wrapper>
        {refusal !== null && <Refusal error={refusal} />}
        <DialogActions onCancel={onCancel} submitLabel={submitLabel} busy={busy} />
      </Stack>
    </form>
  );
}

const CSV_RULES: FileRules = {
  accept: '.csv,text/csv',
  extension: '.csv',
  wrongKind: 'Choose a .csv file: in a spreadsheet, use Save As and pick CSV.',
  maxBytes: 200 * 1024,
  sizeText: '200 KB',
};

const JSON_RULES: FileRules = {
  accept: '.json,application/json',
  extension: '.json',
  wrongKind: 'Choose the .json file downloaded from gov.uk (bank-holidays.json).',
  maxBytes: 2 * 1024 * 1024,
  sizeText: '2 MB',
};

const COLUMNS: [string, string][] = [
  ['kind', 'term, half-term, inset or closure'],
  ['name', 'Any text, or leave it empty'],
  ['start', 'The first day, written 2026-09-01'],
  ['end', 'The last day (included); may be empty for a single INSET or closure day'],
];

const EXAMPLE = `kind,name,start,end
term,Autumn 2026,2026-09-01,2026-12-18
half-term,Autumn half term,2026-10-26,2026-10-30
inset,Training day,2026-09-01,
closure,Polling day,2026-11-26,`;

/** How the term-dates file is laid out: its columns in a sentence, and the details with a few rows to copy. */
function TermFileHelp() {
  return (
    <>
      <Text size="sm">
        A CSV file with the columns <code>kind</code>, <code>name</code>, <code>start</code> and <code>end</code>, one row per term, half term, INSET day or closure. Start
        from the template <code>term-dates-template.csv</code> in Custodian&rsquo;s <code>resources/calendar</code> folder, or save a spreadsheet as CSV.
      </Text>
      <details className="file-help">
        <summary>What goes in each column, with an example</summary>
        <Stack gap="xs" mt="xs">
          <Table withTableBorder verticalSpacing={4} fz="sm" aria-label="Columns of the term dates file">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Column</Table.Th>
                <Table.Th scope="col">What to put in it</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {COLUMNS.map(([column, meaning]) => (
                <Table.Tr key={column}>
                  <Table.Th scope="row">
                    <code>{column}</code>
                  </Table.Th>
                  <Table.Td>{meaning}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <div>
            <Text size="sm" fw={600}>
              For example
            </Text>
            <pre className="file-example">{EXAMPLE}</pre>
          </div>
          <Text size="sm">Terms include their half terms and must not overlap. Bank holidays need no rows: they come from the bank holidays file.</Text>
        </Stack>
      </details>
    </>
  );
}

/** An administrator replaces a school's (or the trust's) term dates with a CSV file. */
export function TermDatesImportDialog({
  calendar,
  opened,
  onClose,
  onImported,
}: {
  calendar: Pick<CalendarView, 'scope' | 'name'>;
  opened: boolean;
  onClose(): void;
  onImported(view: CalendarView): void;
}) {
  const { call } = useConsoleSession();
  return (
    <ConsoleDialog opened={opened} onClose={onClose} title={`Import term dates for ${calendar.name}`}>
      {opened && (
        <FileImportForm
          label="Term dates file (.csv)"
          description={`Replaces all of ${calendar.name}'s term dates, half terms, INSET days and closures. A file with any mistake changes nothing.`}
          rules={CSV_RULES}
          submitLabel="Import term dates"
          send={(csv) => call('calendar.importTerms', { scope: calendar.scope, csv })}
          onImported={onImported}
          onCancel={onClose}
        >
          <TermFileHelp />
        </FileImportForm>
      )}
    </ConsoleDialog>
  );
}

/** An administrator replaces the bank holidays (for the trust and every school) with gov.uk's file. */
export function BankHolidaysImportDialog({ opened, onClose, onImported }: { opened: boolean; onClose(): void; onImported(result: BankHolidayImportView): void }) {
  const { call } = useConsoleSession();
  return (
    <ConsoleDialog opened={opened} onClose={onClose} title="Import bank holidays" size="md">
      {opened && (
        <FileImportForm
          label="Bank holidays file (.json)"
          description="Replaces the bank holidays for the trust and every school. A file with any mistake changes nothing."
          rules={JSON_RULES}
          submitLabel="Import bank holidays"
          send={(json) => call('calendar.importBankHolidays', { json })}
          onImported={onImported}
          onCancel={onClose}
        >
          <Text size="sm">
            Save gov.uk&rsquo;s list of bank holidays, the file at <code>www.gov.uk/bank-holidays.json</code>, and choose it here. Custodian uses the England and Wales
            holidays in it.
          </Text>
        </FileImportForm>
      )}
    </ConsoleDialog>
  );
}
