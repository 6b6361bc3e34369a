// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './monitoring.css';
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { daysBetween } from '../../../../shared/calendar/iso-date';
import type { CoverageView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { schoolNamer } from '../../format/channel-names.format';
import { formatDayShort } from '../../format/inbox-time.format';
import { matchesWords } from '../../format/search-words.format';
import { formatUkDateTime, isCalendarDay } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { CoverageTable } from './coverage-table.component';
import { MonitoringCheckDialog, type CheckRequest } from './monitoring-check-dialog.component';
import { MonitoringRota } from './monitoring-rota.component';
import { useMay } from '../../session/use-may.hook';

/** The longest report the core gives: a year, leap day included. */
const MAX_RANGE_DAYS = 366;

interface Range {
  from: string;
  to: string;
}

type RangeProblems = Partial<Record<keyof Range, string>>;

function checkRange(range: Range): RangeProblems {
  const problems: RangeProblems = {};
  if (!isCalendarDay(range.from)) problems.from = 'Enter the first day to show.';
  if (!isCalendarDay(range.to)) problems.to = 'Enter the last day to show.';
  if (problems.from !== undefined || problems.to !== undefined) return problems;
  const span = daysBetween(range.from, range.to) + 1;
  if (span < 1) problems.to = 'The last day must be on or after the first day.';
  else if (span > MAX_RANGE_DAYS) problems.to = `Choose at most a year (${MAX_RANGE_DAYS} days): this range is ${span} days.`;
  return problems;
}

function matches(row: CoverageView['channels'][number], schoolLabel: string, query: string): boolean {
  return matchesWords([`${row.channelName} ${row.channel} ${schoolLabel}`], query);
}

function summaryWords(coverage: CoverageView): string {
  const counted = coverage.channels.filter((row) => row.totalDays > 0);
  if (counted.length === 0) return 'None of these days has come yet.';
  const full = counted.filter((row) => row.missedDays.length === 0).length;
  const never = counted.filter((row) => row.checkedDays === 0).length;
  const parts = [`${full} of ${counted.length} ${counted.length === 1 ? 'channel was' : 'channels were'} checked every day`];
  if (never > 0) parts.push(`${never} not at all`);
  return `${parts.join('; ')}.`;
}

/**
 * The policy asks for the accounts to be checked every day, weekends and holidays included:
 * record a check per channel, and see for any week (or up to a year) the days nobody checked.
 */
export function MonitoringScreen() {
  const canCheck = useMay('monitor.check');
  // Nothing chosen: the core's default, the 7 days ending today (its today, in London).
  const [applied, setApplied] = useState<Partial<Range>>({});
  const coverage = useInvoke('monitor.coverage', applied);
  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  const [draft, setDraft] = useState<Range | null>(null);
  const [problems, setProblems] = useState<RangeProblems>({});
  const [query, setQuery] = useState('');
  const [checking, setChecking] = useState<CheckRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);
  const shownRange: Range = draft ?? (coverage.status === 'ok' ? { from: coverage.value.from, to: coverage.value.to } : { from: '', to: '' });
  const shown = useMemo((): CoverageView | null => {
    if (coverage.status !== 'ok') return null;
    return { ...coverage.value, channels: coverage.value.channels.filter((row) => matches(row, schoolName(row.school), query)) };
  }, [coverage, schoolName, query]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const found = checkRange(shownRange);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setApplied({ from: shownRange.from, to: shownRange.to });
  };
  const lastSeven = () => {
    setProblems({});
    setDraft(null);
    setApplied({});
  };

  return (
    <>
      <ScreenHeading
        title="Monitoring"
        intro={
          canCheck
            ? 'The policy asks for every account to be checked every day, weekends and holidays included. Record a check each time you look at one.'
            : 'The policy asks for every account to be checked every day, weekends and holidays included: the days someone checked, and the days nobody did.'
        }
      />
      {notice !== null && (
        <Alert color="green" mb="lg" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      )}
      <Stack gap="md">
        <form onSubmit={show} noValidate aria-label="Days to show">
          <Group gap="md" align="flex-start" wrap="wrap">
            <TextInput
              label="From"
              type="date"
              value={shownRange.from}
              onChange={(event) => setDraft({ ...shownRange, from: event.currentTarget.value })}
              error={problems.from}
              w={190}
            />
            <TextInput
              label="To"
              type="date"
              value={shownRange.to}
              onChange={(event) => setDraft({ ...shownRange, to: event.currentTarget.value })}
              error={problems.to}
              w={190}
            />
            <Group gap="sm" className="range-buttons">
              <Button type="submit" variant="light">
                Show these days
              </Button>
              <Button variant="default" onClick={lastSeven}>
                The last 7 days
              </Button>
            </Group>
            <TextInput
              label="Find a channel"
              placeholder="Name, handle or school"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              w={280}
              ml="auto"
              {...searchFieldProps}
            />
          </Group>
        </form>
        {coverage.status === 'loading' && <Loading what="the monitoring coverage" />}
        {coverage.status === 'error' && <LoadFailed what="the monitoring coverage" error={coverage.error} onRetry={coverage.reload} />}
        {shown !== null && (
          <section aria-labelledby="coverage-heading">
            <Title order={2} size="h4" id="coverage-heading">
              {formatDayShort(shown.from)} to {formatDayShort(shown.to)}
            </Title>
            <Text size="sm" c="dimmed" mb="sm" aria-live="polite">
              {summaryWords(shown)}
            </Text>
            <Paper withBorder>
              {shown.channels.length === 0 ? (
                <Text c="dimmed" p="lg">
                  {query === '' ? 'There are no channels yet.' : 'No channel matches that search.'}
                </Text>
              ) : (
                <CoverageTable
                  coverage={shown}
                  channels={channels.status === 'ok' ? channels.value : []}
                  schools={schoolList}
                  canCheck={canCheck}
                  onCheck={(row) => setChecking({ channel: row.channel, channelName: row.channelName })}
                />
              )}
            </Paper>
          </section>
        )}
        <MonitoringRota />
      </Stack>
      {canCheck && (
        <MonitoringCheckDialog
          request={checking}
          onClose={() => setChecking(null)}
          onRecorded={(check) => {
            setChecking(null);
            setNotice(`Check of ${check.channelName} recorded: ${formatUkDateTime(check.checkedAt)}${check.note === null ? '' : `, with your note`}.`);
            coverage.reload();
          }}
        />
      )}
    </>
  );
}
