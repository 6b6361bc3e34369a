// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './incidents.css';
import { Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { IncidentView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { schoolNamer } from '../../format/channel-names.format';
import { escalationShort, incidentKindWords, incidentOrder } from '../../format/incident-words.format';
import { matchesWords } from '../../format/search-words.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { IncidentDetailDialog } from './incident-detail-dialog.component';
import { IncidentReportDialog } from './incident-report-dialog.component';
import { IncidentTable } from './incident-table.component';
import { useMay } from '../../session/use-may.hook';

function matches(incident: IncidentView, schoolLabel: string, query: string): boolean {
  return matchesWords([
    incident.summary,
    incident.channelName,
    incident.channel,
    schoolLabel,
    incidentKindWords[incident.kind].label,
    incident.status === 'open' ? 'open' : 'closed',
    ...incident.escalations.map((e) => escalationShort[e.to]),
  ], query);
}

function countLine(incidents: readonly IncidentView[], shown: number): string {
  const open = incidents.filter((i) => i.status === 'open').length;
  const closed = incidents.length - open;
  const base = `${open} open, ${closed} closed.`;
  return shown < incidents.length ? `${base} ${shown} shown.` : base;
}

/**
 * Abuse, bullying, inappropriate content and concerns on the official accounts: what
 * happened, the evidence kept, what was done, who it was passed on to, and closing it. Open
 * incidents come first. Administrators and posters report and record; auditors read.
 */
export function IncidentsScreen() {
  const canAct = useMay('incident.add');
  const incidents = useInvoke('incident.list', {});
  const channels = useInvoke('channel.list', {}, canAct);
  const schools = useInvoke('school.list', {});
  const [query, setQuery] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [opened, setOpened] = useState<IncidentView | null>(null);

  const schoolList = useMemo(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);
  const all = useMemo(() => (incidents.status === 'ok' ? [...incidents.value].sort(incidentOrder) : []), [incidents]);
  const shown = useMemo(
    () => all.filter((incident) => (!openOnly || incident.status === 'open') && matches(incident, schoolName(incident.school), query)),
    [all, openOnly, query, schoolName],
  );
  const changed = (incident: IncidentView) => {
    setOpened(incident);
    incidents.reload();
  };

  return (
    <>
      <ScreenHeading
        title="Incidents"
        intro={
          canAct
            ? 'Abuse, bullying, inappropriate content and concerns on the official accounts. Keep the evidence before deleting anything, record what was done and who was told.'
            : 'Abuse, bullying, inappropriate content and concerns on the official accounts, with the evidence kept and what was done. Only administrators and posters record them.'
        }
        actions={
          canAct && (
            <Button onClick={() => setReporting(true)} disabled={channels.status !== 'ok'} className="screen-action">
              Report an incident
            </Button>
          )
        }
      />
      {incidents.status === 'loading' && <Loading what="the incidents" />}
      {incidents.status === 'error' && <LoadFailed what="the incidents" error={incidents.error} onRetry={incidents.reload} />}
      {incidents.status === 'ok' && (
        <Stack gap="md">
          {all.length > 0 && (
            <Group gap="lg" align="flex-end" wrap="wrap">
              <TextInput
                label="Find"
                placeholder="A word, a channel or a kind"
                value={query}
                onChange={(event) => setQuery(event.currentTarget.value)}
                w={300}
                {...searchFieldProps}
              />
              <Checkbox label="Open incidents only" checked={openOnly} onChange={(event) => setOpenOnly(event.currentTarget.checked)} mb={8} />
            </Group>
          )}
          <Text size="sm" c="dimmed" aria-live="polite">
            {all.length === 0 ? 'No incidents have been reported.' : countLine(all, shown.length)}
          </Text>
          {all.length > 0 && (
            <Paper withBorder>
              {shown.length === 0 ? (
                <Text c="dimmed" p="lg">
                  Nothing matches.
                </Text>
              ) : (
                <IncidentTable incidents={shown} schoolName={schoolName} onOpen={setOpened} />
              )}
            </Paper>
          )}
        </Stack>
      )}
      {canAct && (
        <IncidentReportDialog
          opened={reporting}
          channels={channels.status === 'ok' ? channels.value : []}
          schools={schoolList}
          onClose={() => setReporting(false)}
          onReported={(incident) => {
            setReporting(false);
            changed(incident);
          }}
        />
      )}
      <IncidentDetailDialog incident={opened} canAct={canAct} onClose={() => setOpened(null)} onChanged={changed} />
    </>
  );
}
