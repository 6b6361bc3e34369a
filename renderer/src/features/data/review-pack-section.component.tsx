import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { daysBetween } from '../../../../shared/calendar/iso-date';
import type { ContractError } from '../../../../shared/contract/result';
import type { ReviewExportView, ReviewProgressView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { schoolNamer } from '../../format/channel-names.format';
import { formatUkDate, isCalendarDay } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { RefusalAlert } from '../../ui/dialog-actions.component';
import { ReviewExportProgress, ReviewExportResult, ReviewVerifyResult, type VerifyOutcome } from './review-pack-result.component';

/** How often the window asks how far the export has got. */
const PROGRESS_POLL_MS = 500;

type ExportOutcome = { kind: 'done'; pack: ReviewExportView } | { kind: 'cancelled' } | { kind: 'error'; error: ContractError };

function periodProblems(from: string, to: string): { from: string | null; to: string | null } {
  if (!isCalendarDay(from)) return { from: 'Enter the first day the pack covers.', to: null };
  if (!isCalendarDay(to)) return { from: null, to: 'Enter the last day the pack covers.' };
  if (to < from) return { from: null, to: 'The end date is before the start date.' };
  if (daysBetween(from, to) >= 366) return { from: null, to: 'A pack covers at most a year: bring the dates closer together.' };
  return { from: null, to: null };
}

/**
 * The annual review pack: the period and school, "Export…" (main's own folder dialog picks
 * where it goes), a progress bar while it is written, what was saved, and "Check a pack…".
 */
export function ReviewPackSection() {
  const { call, operator } = useConsoleSession();
  // An SLT auditor makes their own school's pack only (the core refuses any other).
  const scope = operator.schoolScope;
  const defaults = useInvoke('review.defaults', {});
  const schools = useInvoke('school.list', {});
  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);

  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const [school, setSchool] = useState(scope ?? '');
  const [exporting, setExporting] = useState(false);
  const [progress, setProgress] = useState<ReviewProgressView | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyOutcome | null>(null);

  // The fields start at the default period once the core has said what it is.
  const shown = period ?? (defaults.status === 'ok' ? { from: defaults.value.from, to: defaults.value.to } : { from: '', to: '' });
  const problems = periodProblems(shown.from, shown.to);
  const periodOk = problems.from === null && problems.to === null;

  // While the export call runs, ask for its step every half second; the answer is "running"
  // only once a folder has been chosen, so nothing shows while main's dialog is open.
  useEffect(() => {
    if (!exporting) return;
    let live = true;
    const timer = window.setInterval(() => {
      void call('review.progress', {}).then((result) => {
        if (live && result.ok) setProgress(result.value.running ? result.value : null);
      });
    }, PROGRESS_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [exporting, call]);

  const runExport = async () => {
    setExporting(true);
    setProgress(null);
    setOutcome(null);
    const result = await call('review.exportToChosenFolder', { from: shown.from, to: shown.to, ...(school === '' ? {} : { school }) });
    setExporting(false);
    setProgress(null);
    if (!result.ok) setOutcome({ kind: 'error', error: result.error });
    else if ('cancelled' in result.value) setOutcome({ kind: 'cancelled' });
    else setOutcome({ kind: 'done', pack: result.value });
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    const result = await call('review.verifyChosenFolder', {});
    setVerifying(false);
    if (!result.ok) setVerify({ kind: 'error', error: result.error });
    else if (!('cancelled' in result.value)) setVerify({ kind: 'answer', answer: result.value });
  };

  const setDate = (name: 'from' | 'to') => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setPeriod({ ...shown, [name]: value });
  };

  const schoolOptions =
    scope === null
      ? [{ value: '', label: 'The whole trust' }, ...[...schoolList].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.code, label: s.name }))]
      : [{ value: scope, label: schoolName(scope) }];
  const showingProgress = exporting && progress !== null;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="review-pack-title">
      <Title order={2} size="h3" id="review-pack-title">
        Annual review pack
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        One signed folder for the online safety group: the report for governors (PDF), the same figures as a spreadsheet and as
        data, and every audit event in the period. Nothing secret is ever in it.
      </Text>
      <Stack gap="md">
        <div className="filter-grid">
          <TextInput
            label="From (UK date)"
            type="date"
            value={shown.from}
            onChange={setDate('from')}
            error={problems.from}
            disabled={exporting || defaults.status === 'loading'}
          />
          <TextInput
            label="To (UK date)"
            type="date"
            value={shown.to}
            onChange={setDate('to')}
            error={problems.to}
            disabled={exporting || defaults.status === 'loading'}
          />
          <NativeSelect label="Covers" data={schoolOptions} value={school} onChange={(e) => setSchool(e.currentTarget.value)} disabled={exporting || scope !== null} />
        </div>
        {defaults.status === 'ok' && (
          <Text size="sm" c="dimmed">
            Normally the last 12 months, to today: {formatUkDate(defaults.value.from)} to {formatUkDate(defaults.value.to)}. {defaults.value.nextReviewOn <= defaults.value.to ? 'The policy review was due on' : 'The policy is next reviewed on'}{' '}
            {formatUkDate(defaults.value.nextReviewOn)}.
            {period !== null && (
              <>
                {' '}
                <Button variant="subtle" size="compact-sm" onClick={() => setPeriod(null)} disabled={exporting}>
                  Use these dates
                </Button>
              </>
            )}
          </Text>
        )}
        {defaults.status === 'error' && <RefusalAlert title="Custodian could not work out the usual period" error={defaults.error} />}
        <Group gap="sm">
          <Button onClick={() => void runExport()} loading={exporting} disabled={!periodOk}>
            Export…
          </Button>
          <Button variant="default" onClick={() => void runVerify()} loading={verifying} disabled={exporting}>
            Check a pack…
          </Button>
        </Group>
        {showingProgress && <ReviewExportProgress progress={progress} />}
        {outcome?.kind === 'cancelled' && (
          <Text size="sm" c="dimmed" role="status">
            No folder was chosen, so nothing was exported.
          </Text>
        )}
        {outcome?.kind === 'error' && (
          <Alert color="red" title="The review pack was not exported" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setOutcome(null)}>
            {outcome.error.message}
          </Alert>
        )}
        {outcome?.kind === 'done' && <ReviewExportResult pack={outcome.pack} schoolName={(code) => schoolName(code)} />}
        {verify !== null && <ReviewVerifyResult outcome={verify} onClose={() => setVerify(null)} />}
      </Stack>
    </Paper>
  );
}
