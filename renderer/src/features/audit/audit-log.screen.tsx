// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './audit.css';
import { Button, Group, Loader, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { isAuditOutcome, type AuditOutcome } from '../../../../shared/domain/enums';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelNamer, channelRef, groupChannels, schoolNamer } from '../../format/channel-names.format';
import { actionNames, outcomeWords } from '../../format/contract-words.format';
import { formatUkDate, formatUkDateTime, isCalendarDay, ukDay, ukDayEnd, ukDayStart } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { auditCsv, downloadText } from './audit-csv.format';
import { AuditTable } from './audit-table.component';
import { AuditVerifyResult, type VerifyOutcome } from './audit-verify-result.component';
import { useAuditPages, type AuditQuery } from './use-audit-pages.hook';

interface Filters {
  school: string;
  channel: string;
  actor: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { school: '', channel: '', actor: '', action: '', outcome: '', from: '', to: '' };

/** The core's filters from the form (every one is applied by the core); UK days become instants. */
function coreQuery(filters: Filters, datesOk: boolean): AuditQuery {
  const query: AuditQuery = {};
  if (filters.school !== '') query.school = filters.school;
  if (filters.channel !== '') query.channel = filters.channel;
  if (filters.actor !== '') query.actor = filters.actor;
  if (filters.action !== '') query.action = filters.action;
  if (isAuditOutcome(filters.outcome)) query.outcome = filters.outcome;
  if (datesOk && filters.from !== '') query.since = ukDayStart(filters.from);
  if (datesOk && filters.to !== '') query.until = ukDayEnd(filters.to);
  return query;
}

function dateProblems(filters: Filters): { from: string | null; to: string | null } {
  const from = filters.from !== '' && !isCalendarDay(filters.from) ? 'Enter a date, such as 1 September 2026.' : null;
  const to = filters.to !== '' && !isCalendarDay(filters.to) ? 'Enter a date, such as 31 July 2027.' : null;
  if (from === null && to === null && filters.from !== '' && filters.to !== '' && filters.to < filters.from) {
    return { from: null, to: 'The end date is before the start date.' };
  }
  return { from, to };
}

export function AuditLogScreen() {
  const { call, operator } = useConsoleSession();
  // An SLT auditor sees their own school's events only (the core enforces it).
  const scope = operator.schoolScope;
  const schools = useInvoke('school.list', {});
  const channels = useInvoke('channel.list', {});
  const people = useInvoke('person.list', {});
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [verify, setVerify] = useState<VerifyOutcome | null>(null);
  const [verifying, setVerifying] = useState(false);

  const problems = dateProblems(filters);
  const datesOk = problems.from === null && problems.to === null;
  const query = useMemo(() => coreQuery(filters, datesOk), [filters, datesOk]);
  const pages = useAuditPages(query);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const channelList = useMemo(() => (channels.status === 'ok' ? channels.value : []), [channels]);
  const nameOf = useMemo(() => channelNamer(channelList), [channelList]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);

  const rows = pages.events;

  const set = (name: keyof Filters) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setFilters((current) => ({ ...current, [name]: value }));
  };

  const runVerify = async () => {
    setVerifying(true);
    const result = await call('audit.verify', {});
    setVerifying(false);
    setVerify(result.ok ? { kind: 'answer', answer: result.value, at: formatUkDateTime(new Date().toISOString()) } : { kind: 'error', error: result.error });
    // A successful check is itself an event: show it.
    if (result.ok && result.value.ok) pages.reload();
  };

  const download = () => {
    const stamp = ukDay(new Date());
    downloadText(`audit-trail-${stamp}.csv`, auditCsv(rows, nameOf, schoolName));
  };

  const channelOptions = [
    { value: '', label: 'All channels' },
    ...groupChannels(channelList, schoolList).map((group) => ({
      group: group.label,
      items: group.channels.map((c) => ({ value: channelRef(c), label: c.name })),
    })),
  ];
  // An SLT auditor sees their own school's events only; the core refuses any other school.
  const schoolOptions =
    scope === null
      ? [{ value: '', label: 'All schools' }, ...[...schoolList].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.code, label: s.name }))]
      : [{ value: '', label: schoolName(scope) }];
  const personOptions = [
    { value: '', label: 'Everyone' },
    ...(people.status === 'ok' ? people.value : []).map((p) => ({ value: p.email, label: `${p.name} (${p.email})` })),
  ];
  const actionOptions = [{ value: '', label: 'All actions' }, ...Object.entries(actionNames).map(([value, label]) => ({ value, label }))];
  const outcomeOptions = [
    { value: '', label: 'Any result' },
    ...(Object.keys(outcomeWords) as AuditOutcome[]).map((value) => ({ value, label: outcomeWords[value].label })),
  ];
  const anyFilter = Object.values(filters).some((value) => value !== '');

  return (
    <>
      <ScreenHeading
        title="Audit log"
        intro={
          scope === null
            ? 'Everything done in Custodian, newest first: who did it, when, and the reason they gave. Nobody can change or remove an entry.'
            : `Everything done in Custodian about ${schoolName(scope)}, newest first: who did it, when, and the reason they gave. Nobody can change or remove an entry.`
        }
        actions={
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={download} disabled={pages.status !== 'ok' || rows.length === 0}>
              Download CSV
            </Button>
            <Button onClick={() => void runVerify()} loading={verifying}>
              Verify the audit trail
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        {verify !== null && <AuditVerifyResult outcome={verify} scopeName={scope === null ? null : schoolName(scope)} onClose={() => setVerify(null)} />}
        <Paper withBorder p="md" component="section" aria-label="Filters">
          <div className="filter-grid">
            <NativeSelect label="School" data={schoolOptions} value={filters.school} onChange={set('school')} disabled={scope !== null} />
            <NativeSelect label="Channel" data={channelOptions} value={filters.channel} onChange={set('channel')} {...searchFieldProps} />
            <NativeSelect label="Person" data={personOptions} value={filters.actor} onChange={set('actor')} />
            <NativeSelect label="Action" data={actionOptions} value={filters.action} onChange={set('action')} />
            <NativeSelect label="Result" data={outcomeOptions} value={filters.outcome} onChange={set('outcome')} />
            <TextInput label="From (UK date)" type="date" value={filters.from} onChange={set('from')} error={problems.from} />
            <TextInput label="To (UK date)" type="date" value={filters.to} onChange={set('to')} error={problems.to} />
            <div className="filter-clear">
              <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)} disabled={!anyFilter}>
                Clear filters
              </Button>
            </div>
          </div>
        </Paper>
        {pages.status === 'loading' && <Loading what="the audit log" />}
        {pages.status === 'error' && <LoadFailed what="the audit log" error={pages.error ?? { code: 'internal', message: 'Custodian gave no reason.' }} onRetry={pages.reload} />}
        {pages.status === 'ok' && (
          <>
            <Group justify="space-between" gap="sm" wrap="nowrap">
              <Group gap="xs" wrap="wrap">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {summary(rows.length, pages.complete)}
                </Text>
                {datesOk && (filters.from !== '' || filters.to !== '') && (
                  <Text size="sm" c="dimmed">
                    {dateRangeWords(filters.from, filters.to)}
                  </Text>
                )}
              </Group>
              {pages.refreshing && (
                <Group gap="xs" wrap="nowrap">
                  <Loader size="xs" aria-hidden="true" />
                  <Text size="sm" c="dimmed">
                    Updating…
                  </Text>
                </Group>
              )}
            </Group>
            <Paper withBorder className="audit-frame">
              {rows.length === 0 && pages.complete ? (
                <Text c="dimmed" p="lg">
                  {anyFilter ? 'No event matches these filters.' : 'The audit trail is empty.'}
                </Text>
              ) : (
                <AuditTable
                  key={JSON.stringify(query)}
                  events={rows}
                  loadedCount={rows.length}
                  complete={pages.complete}
                  hasMore={!pages.complete && !pages.refreshing}
                  loadingMore={pages.loadingMore}
                  nameOf={nameOf}
                  schoolName={schoolName}
                  onNearEnd={pages.loadMore}
                />
              )}
            </Paper>
          </>
        )}
      </Stack>
    </>
  );
}

/** The date filter in words, so a field showing month/day on a misconfigured computer cannot mislead. */
function dateRangeWords(from: string, to: string): string {
  if (from !== '' && to !== '') return from === to ? `On ${formatUkDate(from)}.` : `From ${formatUkDate(from)} to ${formatUkDate(to)}.`;
  return from !== '' ? `From ${formatUkDate(from)} on.` : `Up to ${formatUkDate(to)}.`;
}

function summary(shown: number, complete: boolean): string {
  const events = (n: number) => `${n} ${n === 1 ? 'event' : 'events'}`;
  return complete ? `${events(shown)}, newest first.` : `The newest ${events(shown)}; older ones load as you scroll.`;
}
