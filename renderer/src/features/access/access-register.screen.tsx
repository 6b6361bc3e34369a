// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './access.css';
import { Alert, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PersonView, SchoolView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { groupChannels, schoolNamer } from '../../format/channel-names.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { useMay } from '../../session/use-may.hook';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { GrantDialog, type GrantRequest } from './grant-dialog.component';
import { buildRows, matchesRow, type RegisterRow } from './register-rows.format';
import { RegisterTable } from './register-table.component';
import { RevokeDialog, type RevokeRequest } from './revoke-dialog.component';

export function AccessRegisterScreen() {
  const { operator } = useConsoleSession();
  const canChange = useMay('access.grant');
  // A poster may not list people: they see names without roles.
  const seesPeople = useMay('person.list');
  const [showPast, setShowPast] = useState(false);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [query, setQuery] = useState('');
  const [grantRequest, setGrantRequest] = useState<GrantRequest | null>(null);
  const [revokeRequest, setRevokeRequest] = useState<RevokeRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  const grants = useInvoke('access.list', { includeRevoked: showPast });
  const summary = useInvoke('dashboard.summary', {});
  const people = useInvoke('person.list', {}, seesPeople);

  const schoolList = useMemo<SchoolView[]>(() => (schools.status === 'ok' ? schools.value : []), [schools]);
  const peopleList = useMemo<PersonView[]>(() => (people.status === 'ok' ? people.value : []), [people]);
  const peopleByEmail = useMemo(() => new Map(peopleList.map((p) => [p.email, p])), [peopleList]);
  const schoolName = useMemo(() => schoolNamer(schoolList), [schoolList]);
  const rows = useMemo(
    () => (channels.status === 'ok' && grants.status === 'ok' ? buildRows(channels.value, grants.value, summary.status === 'ok' ? summary.value : null) : new Map<number, RegisterRow>()),
    [channels, grants, summary],
  );
  const groups = useMemo(() => {
    if (channels.status !== 'ok') return [];
    const shown = channels.value.filter((c) => {
      const row = rows.get(c.id);
      return row !== undefined && (!onlyGaps || row.gaps.length > 0) && matchesRow(row, schoolName(c.school), query);
    });
    return groupChannels(shown, schoolList);
  }, [channels, rows, onlyGaps, query, schoolName, schoolList]);

  const changed = (message: string) => {
    setGrantRequest(null);
    setRevokeRequest(null);
    setNotice(message);
    grants.reload();
    summary.reload();
  };

  const needAttention = [...rows.values()].filter((row) => row.gaps.length > 0).length;
  const failed = channels.status === 'error' ? channels.error : grants.status === 'error' ? grants.error : null;

  return (
    <>
      <ScreenHeading
        title="Access register"
        intro={
          canChange
            ? 'Who holds the login details of each official channel. Give or remove access here; every change is kept in the audit trail.'
            : operator.schoolScope !== null
              ? `Who holds the login details of ${schoolName(operator.schoolScope)}'s official channels. Only an administrator can give or remove access.`
              : 'Who holds the login details of each official channel. Only an administrator can give or remove access.'
        }
      />
      {notice !== null && (
        <Alert color="green" mb="lg" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      )}
      {failed !== null && (
        <LoadFailed
          what="the register"
          error={failed}
          onRetry={() => {
            channels.reload();
            grants.reload();
          }}
        />
      )}
      {failed === null && (channels.status === 'loading' || grants.status === 'loading') && <Loading what="the register" />}
      {failed === null && channels.status === 'ok' && grants.status === 'ok' && (
        <Stack gap="md">
          <Group gap="lg" align="flex-end" wrap="wrap">
            <TextInput
              label="Find a channel or holder"
              placeholder="Channel, school or person"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              w={360}
              {...searchFieldProps}
            />
            <Checkbox label="Only channels that need attention" checked={onlyGaps} onChange={(event) => setOnlyGaps(event.currentTarget.checked)} mb={8} />
            <Checkbox label="Show past holders" checked={showPast} onChange={(event) => setShowPast(event.currentTarget.checked)} mb={8} />
          </Group>
          <Text size="sm" c="dimmed">
            {rows.size} {rows.size === 1 ? 'channel' : 'channels'}
            {summary.status === 'ok' && (needAttention === 0 ? '; all meet the policy.' : `; ${needAttention} need${needAttention === 1 ? 's' : ''} attention.`)}
          </Text>
          <Paper withBorder>
            {groups.length === 0 ? (
              <Text c="dimmed" p="lg">
                {rows.size === 0 ? 'There are no channels yet.' : 'No channel matches.'}
              </Text>
            ) : (
              <RegisterTable
                rows={rows}
                groups={groups}
                people={peopleByEmail}
                schoolName={schoolName}
                showPast={showPast}
                canChange={canChange}
                onGrant={setGrantRequest}
                onRevoke={setRevokeRequest}
              />
            )}
          </Paper>
        </Stack>
      )}
      {canChange && (
        <>
          <GrantDialog request={grantRequest} people={peopleList} schools={schoolList} onClose={() => setGrantRequest(null)} onDone={changed} />
          <RevokeDialog request={revokeRequest} onClose={() => setRevokeRequest(null)} onDone={changed} />
        </>
      )}
    </>
  );
}
