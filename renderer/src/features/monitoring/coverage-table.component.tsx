import { Button, Table, Text } from '@mantine/core';
import { addDays, daysBetween } from '../../../../shared/calendar/iso-date';
import type { ChannelView, CoverageView, SchoolView } from '../../../../shared/contract/views';
import { channelRef } from '../../format/channel-names.format';
import { platformNames } from '../../format/contract-words.format';
import { dayHeading, formatDayBrief } from '../../format/inbox-time.format';

type CoverageRow = CoverageView['channels'][number];

/** Up to two weeks show a column a day; a longer range shows a column a week. */
export const MAX_DAY_COLUMNS = 14;

function rangeDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let i = 0; i <= daysBetween(from, to); i += 1) days.push(addDays(from, i));
  return days;
}

function DayCell({ day, row }: { day: string; row: CoverageRow }) {
  const when = formatDayBrief(day);
  if (day < row.countedFrom) {
    return (
      <Table.Td className="coverage-cell coverage-cell--later">
        <span role="img" aria-label={`${when}: before it was in Custodian`}>
          ·
        </span>
      </Table.Td>
    );
  }
  // The core counts days up to today; later days in the range have not happened yet.
  if (daysBetween(row.countedFrom, day) >= row.totalDays) {
    return (
      <Table.Td className="coverage-cell coverage-cell--later">
        <span role="img" aria-label={`${when}: still to come`}>
          ·
        </span>
      </Table.Td>
    );
  }
  const missed = row.missedDays.includes(day);
  return (
    <Table.Td className={missed ? 'coverage-cell coverage-cell--missed' : 'coverage-cell coverage-cell--checked'}>
      <span role="img" aria-label={missed ? `Not checked on ${when}` : `Checked on ${when}`}>
        {missed ? '✗' : '✓'}
      </span>
    </Table.Td>
  );
}

function WeekCell({ week }: { week: CoverageRow['weeks'][number] | undefined }) {
  if (week === undefined) {
    return (
      <Table.Td className="coverage-cell coverage-cell--later">
        <span role="img" aria-label="Still to come">
          ·
        </span>
      </Table.Td>
    );
  }
  const tone = week.checked === week.days ? 'checked' : week.checked === 0 ? 'missed' : 'partly';
  return (
    <Table.Td className={`coverage-cell coverage-cell--${tone}`}>
      <span role="img" aria-label={`Checked on ${week.checked} of ${week.days} days in the week from ${formatDayBrief(week.weekStarting)}`}>
        {week.checked}/{week.days}
      </span>
    </Table.Td>
  );
}

/**
 * Coverage as a grid: a row a channel (grouped trust first, then each school), a column a day
 * (or a week, for a long range), and in each cell a mark that reads out what it means, so
 * colour is never the only sign.
 */
export function CoverageTable({
  coverage,
  channels,
  schools,
  canCheck,
  onCheck,
}: {
  coverage: CoverageView;
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  canCheck: boolean;
  onCheck(row: CoverageRow): void;
}) {
  const byRef = new Map(channels.map((c) => [channelRef(c).toLowerCase(), c]));
  const days = rangeDays(coverage.from, coverage.to);
  const byDay = days.length <= MAX_DAY_COLUMNS;
  // Weeks run Monday to Sunday; every channel has the same ones, up to today.
  const weekStarts = [...new Set(coverage.channels.flatMap((row) => row.weeks.map((w) => w.weekStarting)))].sort();
  const groups: { label: string; rows: CoverageRow[] }[] = [{ label: 'Trust', rows: coverage.channels.filter((row) => row.school === null) }];
  for (const school of [...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))) {
    groups.push({ label: school.name, rows: coverage.channels.filter((row) => row.school === school.code) });
  }
  const known = new Set(schools.map((s) => s.code));
  for (const code of new Set(coverage.channels.map((row) => row.school).filter((s): s is string => s !== null && !known.has(s)))) {
    groups.push({ label: code, rows: coverage.channels.filter((row) => row.school === code) });
  }
  const columns = 2 + (byDay ? days.length : weekStarts.length) + (canCheck ? 1 : 0);

  return (
    <div className="coverage-scroll" role="region" aria-label="Monitoring coverage" tabIndex={0}>
      <Table verticalSpacing={6} horizontalSpacing="sm" className="coverage-table">
        <Table.Caption>
          {byDay ? '✓ checked that day, ✗ nobody checked, · still to come or before the account was in Custodian.' : 'Days checked out of the days in each week (Monday to Sunday), up to today.'}{' '}
          Every day counts: weekends and holidays too.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="coverage-col-channel">
              Channel
            </Table.Th>
            {byDay
              ? days.map((day) => {
                  const heading = dayHeading(day);
                  return (
                    <Table.Th scope="col" key={day} className="coverage-col-day">
                      <span className="coverage-day-name">{heading.weekday}</span>
                      <span className="coverage-day-date">{heading.date}</span>
                    </Table.Th>
                  );
                })
              : weekStarts.map((monday) => {
                  const heading = dayHeading(monday);
                  return (
                    <Table.Th scope="col" key={monday} className="coverage-col-day">
                      <span className="coverage-day-name">Week of</span>
                      <span className="coverage-day-date">{heading.date}</span>
                    </Table.Th>
                  );
                })}
            <Table.Th scope="col" className="coverage-col-missed">
              Missed
            </Table.Th>
            {canCheck && (
              <Table.Th scope="col" className="coverage-col-actions">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        {groups
          .filter((group) => group.rows.length > 0)
          .map((group) => (
            <Table.Tbody key={group.label}>
              <Table.Tr className="register-group">
                <Table.Th scope="rowgroup" colSpan={columns}>
                  {group.label}
                </Table.Th>
              </Table.Tr>
              {group.rows.map((row) => {
                const channel = byRef.get(row.channel.toLowerCase());
                const missed = row.missedDays.length;
                return (
                  <Table.Tr key={row.channel}>
                    <Table.Th scope="row" fw="normal" className="coverage-channel">
                      <Text size="sm" fw={600}>
                        {row.channelName}
                      </Text>
                      <Text size="xs" c="dimmed" className="break-anywhere">
                        {channel === undefined ? row.channel : `${platformNames[channel.platform]} · ${channel.handle}`}
                      </Text>
                    </Table.Th>
                    {byDay
                      ? days.map((day) => <DayCell key={day} day={day} row={row} />)
                      : weekStarts.map((monday) => <WeekCell key={monday} week={row.weeks.find((w) => w.weekStarting === monday)} />)}
                    <Table.Td>
                      <Text size="sm" fw={600} c={missed > 0 ? 'red.9' : 'green.9'} className="nowrap">
                        {row.totalDays === 0 ? 'Not started' : `Missed ${missed} of ${row.totalDays}`}
                      </Text>
                    </Table.Td>
                    {canCheck && (
                      <Table.Td>
                        <Button size="xs" variant="light" onClick={() => onCheck(row)} aria-label={`Record a check of ${row.channelName}`} className="nowrap">
                          Record a check
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          ))}
      </Table>
    </div>
  );
}
