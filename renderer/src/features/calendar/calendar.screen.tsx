// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './calendar.css';
import { Alert, Badge, Button, Group, List, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CalendarView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { formatDay } from '../../format/calendar-dates.format';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { BankHolidaysImportDialog, TermDatesImportDialog } from './calendar-import-dialog.component';
import { BankHolidayList, CalendarTerms } from './calendar-terms.component';
import { useMay } from '../../session/use-may.hook';

const TRUST = 'TRUST';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;
}

/** Where a calendar's dates come from, in words a school office would use. */
function Sources({ calendar }: { calendar: CalendarView }) {
  const whose = calendar.scope === TRUST ? 'the trust' : 'the school';
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Where the dates come from
      </Title>
      <dl className="fact-list">
        <div className="fact-list__row">
          <dt>Term dates</dt>
          <dd>
            <Group gap="xs" wrap="wrap">
              {calendar.source === 'imported' ? (
                <>
                  <Badge color="teal" variant="light">
                    Imported
                  </Badge>
                  <span>{calendar.scope === TRUST ? 'The trust’s own dates, imported from its term dates file' : `${calendar.name}’s own dates, imported from its term dates file`}</span>
                </>
              ) : (
                <>
                  <Badge color="gray" variant="light">
                    Default
                  </Badge>
                  <span>Lancashire&rsquo;s dates (the default until {whose} imports its own)</span>
                </>
              )}
            </Group>
          </dd>
        </div>
        <div className="fact-list__row">
          <dt>Bank holidays</dt>
          <dd>
            {calendar.bankHolidaySource === 'imported'
              ? 'England and Wales, imported from the gov.uk bank holidays file'
              : 'England and Wales, the gov.uk list that comes with Custodian'}
          </dd>
        </div>
        <div className="fact-list__row">
          <dt>Term dates known until</dt>
          <dd>{calendar.knownUntil === null ? 'No term dates are known' : formatDay(calendar.knownUntil)}</dd>
        </div>
      </dl>
      <Text size="sm" c="dimmed" mt="sm">
        A school day is a weekday in term time that is not a bank holiday or a closure; INSET days count, as staff are in. Replies to comments, queries and complaints are due
        within 5 school days.
      </Text>
    </Paper>
  );
}

function Warnings({ warnings, canImport }: { warnings: readonly string[]; canImport: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="#9c3d00" variant="filled" title="This calendar needs attention" role="alert">
      <List size="sm" spacing={2}>
        {warnings.map((warning) => (
          <List.Item key={warning}>{warning}</List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        {canImport ? 'Import the new dates with the buttons above.' : 'Ask an administrator to import the new dates.'} Until then, deadlines may be counted on the wrong days.
      </Text>
    </Alert>
  );
}

/**
 * The school calendars the response deadlines are counted in: the trust's own (for trust
 * channels) and each school's, with their terms, half terms, INSET days, closures and bank
 * holidays. Administrators import a school's term dates (CSV) and gov.uk's bank holidays.
 */
export function CalendarScreen() {
  const { operator, trustName } = useConsoleSession();
  const canImport = useMay('calendar.importTerms');
  const [scope, setScope] = useState(operator.schoolScope ?? TRUST);
  const calendar = useInvoke('calendar.show', { scope });
  const schools = useInvoke('school.list', {});
  const [importing, setImporting] = useState<'terms' | 'bank-holidays' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const schoolOptions = schools.status === 'ok' ? [...schools.value].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.code, label: s.name })) : [];
  // Until the schools load, the chosen one is still offered, so the select never shows blank.
  const options = [
    { value: TRUST, label: `${trustName} (trust channels)` },
    ...(schoolOptions.length === 0 && scope !== TRUST ? [{ value: scope, label: scope }] : schoolOptions),
  ];
  const shown = calendar.status === 'ok' ? calendar.value : null;

  return (
    <>
      <ScreenHeading
        title="Calendar"
        intro="The school days that response deadlines are counted in: terms, half terms, INSET days and bank holidays, for the trust and each school."
        actions={
          canImport && (
            <Group gap="sm" wrap="nowrap">
              <Button variant="default" onClick={() => setImporting('bank-holidays')}>
                Import bank holidays
              </Button>
              <Button onClick={() => setImporting('terms')} disabled={shown === null}>
                Import term dates
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="lg">
        <NativeSelect
          label="Calendar for"
          description="Trust channels use the trust's calendar; a school's channels use the school's."
          data={options}
          value={scope}
          onChange={(event) => {
            setScope(event.currentTarget.value);
            setNotice(null);
          }}
          w={420}
        />
        {notice !== null && (
          <Alert color="green" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
            {notice}
          </Alert>
        )}
        {calendar.status === 'loading' && <Loading what="the calendar" />}
        {calendar.status === 'error' && <LoadFailed what="the calendar" error={calendar.error} onRetry={calendar.reload} />}
        {shown !== null && (
          <>
            <Warnings warnings={shown.warnings} canImport={canImport} />
            <Sources calendar={shown} />
            <div className="calendar-layout">
              <div className="calendar-layout__terms">
                <CalendarTerms calendar={shown} />
              </div>
              <section aria-labelledby="bank-holidays-heading" className="calendar-layout__side">
                <Paper withBorder p="md">
                  <Title order={2} size="h4" id="bank-holidays-heading" mb="xs">
                    Bank holidays
                  </Title>
                  <Text size="xs" c="dimmed" mb="sm">
                    From the first term to the last. Never school days.
                  </Text>
                  <BankHolidayList calendar={shown} />
                </Paper>
              </section>
            </div>
          </>
        )}
      </Stack>
      {canImport && shown !== null && (
        <>
          <TermDatesImportDialog
            calendar={shown}
            opened={importing === 'terms'}
            onClose={() => setImporting(null)}
            onImported={(view) => {
              setImporting(null);
              const halfTerms = view.closures.filter((c) => c.kind === 'half-term').length;
              const closures = view.closures.length - halfTerms;
              setNotice(
                `Imported the term dates for ${view.name}: ${count(view.terms.length, 'term')}, ${count(halfTerms, 'half term')}, ${count(view.insetDays.length, 'INSET day')} and ${count(closures, 'closure')}.`,
              );
              calendar.reload();
            }}
          />
          <BankHolidaysImportDialog
            opened={importing === 'bank-holidays'}
            onClose={() => setImporting(null)}
            onImported={(result) => {
              setImporting(null);
              setNotice(`Imported ${count(result.count, 'bank holiday')}, from ${formatDay(result.from)} to ${formatDay(result.to)}. They apply to the trust and every school.`);
              calendar.reload();
            }}
          />
        </>
      )}
    </>
  );
}
