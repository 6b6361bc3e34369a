// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './access.css';
import { Alert, Badge, Button, Checkbox, CloseButton, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ChannelView, DashboardView, GrantView, PersonView, SchoolView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { GrantDialog, type GrantRequest } from './grant-dialog.component';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { RevokeDialog, type RevokeRequest } from './revoke-dialog.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { channelRef, groupChannels, schoolNamer } from '../../format/channel-names.format';
import { personRoleShort, platformNames } from '../../format/contract-words.format';
import { pendingWords } from '../../format/holders-keys.format';
import { formatUkShortDate } from '../../format/uk-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { matchesWords } from '../../format/search-words.format';

/** A policy gap on one channel, as the core's dashboard checks find it. */
type Gap = { kind: 'no-core-team' } | { kind: 'no-slt'; school: string } | { kind: 'left'; name: string };

interface RegisterRow {
  channel: ChannelView;
  current: GrantView[];
  past: GrantView[];
  gaps: Gap[];
  /** Emails of current holders who have left the trust. */
  leavers: Set<string>;
}

function buildRows(channels: ChannelView[], grants: GrantView[], summary: DashboardView | null): Map<number, RegisterRow> {
  const noCore = new Set(summary?.withoutCoreTeamHolder.map((ref) => ref.toLowerCase()) ?? []);
  const noSlt = new Set(summary?.withoutSchoolSltHolder.map((ref) => ref.toLowerCase()) ?? []);
  const rows = new Map<number, RegisterRow>();
  for (const channel of channels) {
    const ref = channelRef(channel).toLowerCase();
    const mine = grants.filter((g) => g.channelId === channel.id);
    const current = mine.filter((g) => g.current);
    const leavers = new Set(summary?.holdersWhoLeft.filter((h) => h.channel.toLowerCase() === ref).map((h) => h.holderEmail) ?? []);
    const gaps: Gap[] = [];
    if (noCore.has(ref)) gaps.push({ kind: 'no-core-team' });
    if (channel.school !== null && noSlt.has(ref)) gaps.push({ kind: 'no-slt', school: channel.school });
    for (const grant of current) if (leavers.has(grant.holderEmail)) gaps.push({ kind: 'left', name: grant.holderName });
    // Newest removal first.
    const past = mine.filter((g) => !g.current).sort((a, b) => (b.revokedAt ?? '').localeCompare(a.revokedAt ?? ''));
    rows.set(channel.id, { channel, current, past, gaps, leavers });
  }
  return rows;
}

function gapWords(gap: Gap, schoolName: (code: string | null) => string): string {
  switch (gap.kind) {
    case 'no-core-team':
      return 'No core-team holder';
    case 'no-slt':
      // The row sits under its school's heading; the name is for screen readers reading one cell.
      return `No SLT holder from ${schoolName(gap.school)}`;
    case 'left':
      return `${gap.name} has left the trust`;
  }
}

function HolderChip({
  grant,
  person,
  left,
  channel,
  onRemove,
}: {
  grant: GrantView;
  person: PersonView | undefined;
  left: boolean;
  channel: ChannelView;
  onRemove: (() => void) | null;
}) {
  return (
    <li className={left ? 'holder-chip holder-chip--left' : 'holder-chip'}>
      <span className="holder-chip-name">{grant.holderName}</span>
      {left ? (
        <span className="holder-chip-role">has left</span>
      ) : (
        person !== undefined && <span className="holder-chip-role">{personRoleShort[person.role]}</span>
      )}
      {grant.pending !== null && <PendingBadge grant={grant} state={grant.pending} />}
      {onRemove !== null && (
        <CloseButton size="sm" className="holder-chip-remove" aria-label={`Remove ${grant.holderName}'s access to ${channel.name}`} onClick={onRemove} />
      )}
    </li>
  );
}

/** A grant that cannot open the details yet: the badge says so, the tooltip (and screen readers) say what completes it. */
function PendingBadge({ grant, state }: { grant: GrantView; state: NonNullable<GrantView['pending']> }) {
  const words = pendingWords(state, grant.holderName);
  return (
    <Tooltip label={words.explanation} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge size="sm" color="orange" variant="light" tt="none" tabIndex={0}>
        {words.badge}
        <span className="visually-hidden">. {words.explanation}</span>
      </Badge>
    </Tooltip>
  );
}

function PastHolders({ past, nameOf }: { past: GrantView[]; nameOf(email: string | null): string }) {
  if (past.length === 0) return null;
  return (
    <div className="past-holders">
      <Text size="xs" fw={600} c="dimmed">
        Past holders
      </Text>
      <ul className="history-list">
        {past.map((grant) => (
          <li key={grant.id}>
            <Text size="xs" span fw={500}>
              {grant.holderName}
            </Text>
            <Text size="xs" span c="dimmed">
              {' '}
              held it {formatUkShortDate(grant.grantedAt)} to {formatUkShortDate(grant.revokedAt ?? '')}; removed by {nameOf(grant.revokedBy)}
              {grant.revokeReason === null ? '' : `: “${grant.revokeReason}”`}
            </Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RegisterTable({
  rows,
  groups,
  people,
  schoolName,
  showPast,
  isAdmin,
  onGrant,
  onRevoke,
}: {
  rows: Map<number, RegisterRow>;
  groups: { label: string; channels: ChannelView[] }[];
  people: Map<string, PersonView>;
  schoolName(code: string | null): string;
  showPast: boolean;
  isAdmin: boolean;
  onGrant(request: GrantRequest): void;
  onRevoke(request: RevokeRequest): void;
}) {
  const columns = isAdmin ? 4 : 3;
  const nameOf = (email: string | null) => (email === null ? 'someone' : (people.get(email)?.name ?? email));
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" className="register-table">
      <Table.Caption>
        Policy: every channel needs a core-team holder, every school channel an SLT holder from its school, and nobody who has left may
        hold login details.
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" className="register-col-channel">
            Channel
          </Table.Th>
          <Table.Th scope="col">Held by</Table.Th>
          <Table.Th scope="col" className="register-col-policy">
            Policy
          </Table.Th>
          {isAdmin && (
            <Table.Th scope="col" className="register-col-actions">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      {groups.map((group) => (
        <Table.Tbody key={group.label}>
          <Table.Tr className="register-group">
            <Table.Th scope="rowgroup" colSpan={columns}>
              {group.label}
            </Table.Th>
          </Table.Tr>
          {group.channels.map((channel) => {
            const row = rows.get(channel.id);
            if (row === undefined) return null;
            return (
              <Table.Tr key={channel.id} className={row.gaps.length > 0 ? 'register-row register-row--gap' : 'register-row'}>
                <Table.Th scope="row" fw="normal">
                  <Text size="sm" fw={600}>
                    {channel.name}
                  </Text>
                  <Text size="xs" c="dimmed" className="break-anywhere">
                    {platformNames[channel.platform]} · {channel.handle}
                  </Text>
                </Table.Th>
                <Table.Td>
                  {row.current.length === 0 ? (
                    <Text size="sm" c="red.9">
                      Nobody
                    </Text>
                  ) : (
                    <ul className="holder-list" aria-label={`Holders of ${channel.name}`}>
                      {row.current.map((grant) => (
                        <HolderChip
                          key={grant.id}
                          grant={grant}
                          person={people.get(grant.holderEmail)}
                          left={row.leavers.has(grant.holderEmail)}
                          channel={channel}
                          onRemove={isAdmin ? () => onRevoke({ channel, holder: { email: grant.holderEmail, name: grant.holderName } }) : null}
                        />
                      ))}
                    </ul>
                  )}
                  {showPast && <PastHolders past={row.past} nameOf={nameOf} />}
                </Table.Td>
                <Table.Td>
                  {row.gaps.length === 0 ? (
                    <Text size="sm" c="teal.9">
                      Meets the policy
                    </Text>
                  ) : (
                    <ul className="gap-flags">
                      {row.gaps.map((gap) => (
                        <li key={gapWords(gap, schoolName)}>{gapWords(gap, schoolName)}</li>
                      ))}
                    </ul>
                  )}
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={`Give access to ${channel.name}`}
                      onClick={() => onGrant({ channel, holders: new Set(row.current.map((g) => g.holderEmail)) })}
                    >
                      Give access
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      ))}
    </Table>
  );
}

function matches(row: RegisterRow, schoolLabel: string, query: string): boolean {
  const { channel } = row;
  return matchesWords([channel.name, channel.handle, platformNames[channel.platform], schoolLabel, ...row.current.map((g) => `${g.holderName} ${g.holderEmail}`)], query);
}

export function AccessRegisterScreen() {
  const { operator } = useConsoleSession();
  const isAdmin = operator.consoleRole === 'admin';
  // person.list is for administrators and auditors; a poster sees names without roles.
  const seesPeople = operator.consoleRole !== 'poster';
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
      return row !== undefined && (!onlyGaps || row.gaps.length > 0) && matches(row, schoolName(c.school), query);
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
          isAdmin
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
                isAdmin={isAdmin}
                onGrant={setGrantRequest}
                onRevoke={setRevokeRequest}
              />
            )}
          </Paper>
        </Stack>
      )}
      {isAdmin && (
        <>
          <GrantDialog request={grantRequest} people={peopleList} schools={schoolList} onClose={() => setGrantRequest(null)} onDone={changed} />
          <RevokeDialog request={revokeRequest} onClose={() => setRevokeRequest(null)} onDone={changed} />
        </>
      )}
    </>
  );
}
