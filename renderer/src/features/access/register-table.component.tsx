import { Badge, Button, CloseButton, Table, Text, Tooltip } from '@mantine/core';
import type { ChannelView, GrantView, PersonView } from '../../../../shared/contract/views';
import { personRoleShort, platformNames } from '../../format/contract-words.format';
import { pendingWords } from '../../format/holders-keys.format';
import { formatUkShortDate } from '../../format/uk-time.format';
import type { GrantRequest } from './grant-dialog.component';
import { gapWords, type RegisterRow } from './register-rows.format';
import type { RevokeRequest } from './revoke-dialog.component';

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

/**
 * The register: channels grouped by school, each with its holders as name tags, its policy gaps,
 * and for administrators the buttons to give or remove access.
 */
export function RegisterTable({
  rows,
  groups,
  people,
  schoolName,
  showPast,
  canChange,
  onGrant,
  onRevoke,
}: {
  rows: Map<number, RegisterRow>;
  groups: { label: string; channels: ChannelView[] }[];
  people: Map<string, PersonView>;
  schoolName(code: string | null): string;
  showPast: boolean;
  canChange: boolean;
  onGrant(request: GrantRequest): void;
  onRevoke(request: RevokeRequest): void;
}) {
  const columns = canChange ? 4 : 3;
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
          {canChange && (
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
                          onRemove={canChange ? () => onRevoke({ channel, holder: { email: grant.holderEmail, name: grant.holderName } }) : null}
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
                {canChange && (
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
