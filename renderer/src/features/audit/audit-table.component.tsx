import { Badge, Loader, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEventView } from '../../../../shared/contract/views';
import type { ChannelName } from '../../format/channel-names.format';
import { outcomeWords } from '../../format/contract-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { describeAuditEvent } from './audit-event.format';

/** Rows kept rendered beyond the visible ones, above and below. */
const OVERSCAN = 12;
/** How close to the last loaded row the next page is asked for. */
const LOAD_AHEAD = 30;
const COLUMNS = 6;

function AuditRow({
  event,
  index,
  nameOf,
  schoolName,
  measure,
}: {
  event: AuditEventView;
  index: number;
  nameOf(ref: string | null): ChannelName;
  schoolName(code: string | null): string;
  measure(node: HTMLTableRowElement | null): void;
}) {
  const words = describeAuditEvent(event);
  const outcome = outcomeWords[event.outcome];
  const channel = event.channel === null ? null : nameOf(event.channel);
  return (
    <Table.Tr data-index={index} ref={measure} aria-rowindex={index + 2}>
      <Table.Td>
        <Text size="sm" className="nowrap">
          {formatUkDateTime(event.at)}
        </Text>
        <Text size="xs" c="dimmed">
          Event {event.seq}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} className="break-anywhere">
          {words.who}
        </Text>
        {event.actor !== null && event.actorName !== null && (
          <Text size="xs" c="dimmed" className="break-anywhere">
            {event.actor}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{words.label}</Text>
        {words.detail !== null && (
          <Text size="xs" c="dimmed" className="break-anywhere">
            {words.detail}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {channel !== null ? (
          <>
            <Text size="sm">{channel.name}</Text>
            {channel.where !== '' && (
              <Text size="xs" c="dimmed" className="break-anywhere">
                {channel.where}
              </Text>
            )}
          </>
        ) : event.school !== null ? (
          <Text size="sm">{schoolName(event.school)}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {event.reason === null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Text size="sm" className="break-anywhere">
            {event.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={outcome.color} variant="light">
          {outcome.label}
        </Badge>
        {words.why !== null && (
          <Text size="xs" c="dimmed" mt={2}>
            {words.why}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The audit events as one table that only renders the rows in view (TanStack Virtual), so a
 * trail of a million events scrolls as smoothly as one of fifty. Rows above and below the
 * rendered ones are stood in for by two spacer rows, which keeps it a real table for screen
 * readers (aria-rowcount and aria-rowindex say where each row sits). Near the end of what is
 * loaded, it asks for the next older page.
 */
export function AuditTable({
  events,
  loadedCount,
  complete,
  hasMore,
  loadingMore,
  nameOf,
  schoolName,
  onNearEnd,
}: {
  events: AuditEventView[];
  /** Events loaded, shown or not: a page that adds no shown row still moves the search on. */
  loadedCount: number;
  /** Every matching event is here (so the row count is known). */
  complete: boolean;
  /** Whether to ask for more when the end comes into view. */
  hasMore: boolean;
  loadingMore: boolean;
  nameOf(ref: string | null): ChannelName;
  schoolName(code: string | null): string;
  onNearEnd(): void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 62,
    overscan: OVERSCAN,
    getItemKey: (index) => events[index]?.seq ?? index,
    // React 19 warns about flushSync during rendering; plain state updates are smooth enough.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= events.length - LOAD_AHEAD) onNearEnd();
  }, [hasMore, lastIndex, events.length, loadedCount, onNearEnd]);

  const before = items[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));

  return (
    <div ref={scrollRef} className="audit-scroll" role="region" aria-label="Audit events" tabIndex={0}>
      <Table layout="fixed" stickyHeader verticalSpacing="xs" horizontalSpacing="md" aria-rowcount={complete ? events.length + 1 : -1}>
        <Table.Caption className="visually-hidden">Audit events, newest first. Times are UK time.</Table.Caption>
        <colgroup>
          <col className="audit-col-when" />
          <col className="audit-col-who" />
          <col className="audit-col-what" />
          <col className="audit-col-channel" />
          <col />
          <col className="audit-col-result" />
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th scope="col">When (UK time)</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col">Channel</Table.Th>
            <Table.Th scope="col">Reason given</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="audit-spacer">
              <td colSpan={COLUMNS} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const event = events[item.index];
            return event === undefined ? null : (
              <AuditRow key={item.key} event={event} index={item.index} nameOf={nameOf} schoolName={schoolName} measure={virtualizer.measureElement} />
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="audit-spacer">
              <td colSpan={COLUMNS} style={{ height: after }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
      {loadingMore && (
        <div className="audit-more" role="status">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm" c="dimmed">
            Loading older events…
          </Text>
        </div>
      )}
    </div>
  );
}
