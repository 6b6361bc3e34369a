import { Button, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { PostView } from '../../../../shared/contract/views';
import { formatDay } from '../../format/calendar-dates.format';
import { addDays, addMonths, formatUkClock, monthTitle, monthWeeks, postDay, postWhen, sameMonth, weekOf, weekTitle } from './post-calendar.format';
import { PostStageBadge } from './post-status-badge.component';
import { postStage, postStageWords } from './post-words.format';

export type CalendarMode = 'month' | 'week';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** A month cell shows this many posts; the rest are a click away in the week. */
const MONTH_CELL_POSTS = 3;

/** The posts on each UK day, each day's in time order. */
function byDay(posts: readonly PostView[]): Map<string, PostView[]> {
  const days = new Map<string, PostView[]>();
  for (const post of posts) {
    const day = postDay(post);
    if (day === null) continue;
    days.set(day, [...(days.get(day) ?? []), post]);
  }
  for (const list of days.values()) list.sort((a, b) => (postWhen(a) ?? '').localeCompare(postWhen(b) ?? ''));
  return days;
}

function channelList(post: PostView): string {
  return post.channels.map((c) => c.channelName).join(', ');
}

/** One post in a day: its time and outcome, edged in its stage's colour. Opens the post. */
function PostChip({ post, detailed, onOpen }: { post: PostView; detailed: boolean; onOpen(post: PostView): void }) {
  const words = postStageWords[postStage(post)];
  const when = postWhen(post);
  const time = when === null ? '' : formatUkClock(when);
  const style: CSSProperties = {
    display: 'block',
    width: '100%',
    padding: detailed ? '8px 10px' : '2px 6px',
    borderLeft: `4px solid var(--mantine-color-${words.color}-6)`,
    borderRadius: 4,
    background: `var(--mantine-color-${words.color}-light)`,
    color: 'var(--mantine-color-text)',
  };
  return (
    // The week shows everything in words; a month's chip is cut short, so its name says the rest.
    <UnstyledButton style={style} onClick={() => onOpen(post)} aria-label={detailed ? undefined : `${time} ${post.outcome}: ${words.label}, on ${channelList(post)}`}>
      {detailed ? (
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {time}
          </Text>
          <Text size="sm" fw={600} lineClamp={3} className="break-anywhere">
            {post.outcome}
          </Text>
          <Text size="xs" c="dimmed" className="break-anywhere">
            {channelList(post)}
          </Text>
          <div>
            <PostStageBadge post={post} />
          </div>
        </Stack>
      ) : (
        <Text size="xs" truncate="end">
          <Text span size="xs" fw={700}>
            {time}
          </Text>{' '}
          {post.outcome}
        </Text>
      )}
    </UnstyledButton>
  );
}

const cellBorder = '1px solid var(--mantine-color-gray-3)';

function DayNumber({ day, today, faded }: { day: string; today: boolean; faded: boolean }) {
  const number = Number(day.slice(8));
  const style: CSSProperties = today
    ? { display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minWidth: 26, height: 26, borderRadius: 13, background: 'var(--mantine-color-indigo-7)', color: 'white' }
    : {};
  return (
    <Group gap={6} wrap="nowrap" mb={4}>
      <Text size="sm" fw={today ? 700 : 500} c={faded ? 'dimmed' : undefined} style={style}>
        {number}
      </Text>
      {today && (
        <Text size="xs" fw={700} c="indigo.8">
          Today
        </Text>
      )}
    </Group>
  );
}

function MonthGrid({ anchor, today, days, onOpen, onShowWeek }: { anchor: string; today: string; days: Map<string, PostView[]>; onOpen(post: PostView): void; onShowWeek(day: string): void }) {
  const weeks = monthWeeks(anchor);
  return (
    <table aria-label={`Posts in ${monthTitle(anchor)}`} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <thead>
        <tr>
          {WEEKDAYS.map((name) => (
            <th key={name} scope="col" style={{ padding: '6px 8px', textAlign: 'left', borderBottom: cellBorder }}>
              <Text size="sm" fw={600}>
                {name}
              </Text>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const posts = days.get(day) ?? [];
              const isToday = day === today;
              const inMonth = sameMonth(day, anchor);
              const more = posts.length - MONTH_CELL_POSTS;
              return (
                <td
                  key={day}
                  aria-label={`${formatDay(day)}${isToday ? ', today' : ''}: ${posts.length === 0 ? 'no posts' : `${posts.length} ${posts.length === 1 ? 'post' : 'posts'}`}`}
                  aria-current={isToday ? 'date' : undefined}
                  style={{
                    verticalAlign: 'top',
                    height: 112,
                    padding: 6,
                    border: cellBorder,
                    background: isToday ? 'var(--mantine-color-indigo-0)' : inMonth ? undefined : 'var(--mantine-color-gray-0)',
                  }}
                >
                  <DayNumber day={day} today={isToday} faded={!inMonth} />
                  <Stack gap={3}>
                    {posts.slice(0, MONTH_CELL_POSTS).map((post) => (
                      <PostChip key={post.id} post={post} detailed={false} onOpen={onOpen} />
                    ))}
                    {more > 0 && (
                      <Button variant="subtle" size="compact-xs" onClick={() => onShowWeek(day)} aria-label={`${more} more on ${formatDay(day)}: show the week`}>
                        {more} more
                      </Button>
                    )}
                  </Stack>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeekGrid({ anchor, today, days, onOpen }: { anchor: string; today: string; days: Map<string, PostView[]>; onOpen(post: PostView): void }) {
  const week = weekOf(anchor);
  return (
    <table aria-label={`Posts in the week ${weekTitle(anchor)}`} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <thead>
        <tr>
          {week.map((day, i) => (
            <th
              key={day}
              scope="col"
              aria-current={day === today ? 'date' : undefined}
              style={{ padding: '6px 8px', textAlign: 'left', borderBottom: cellBorder, background: day === today ? 'var(--mantine-color-indigo-0)' : undefined }}
            >
              <Text size="sm" fw={600}>
                {WEEKDAYS[i]} {formatDay(day, false).split(' ').slice(1).join(' ')}
              </Text>
              {day === today && (
                <Text size="xs" fw={700} c="indigo.8">
                  Today
                </Text>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {week.map((day) => {
            const posts = days.get(day) ?? [];
            return (
              <td
                key={day}
                aria-label={`${formatDay(day)}${day === today ? ', today' : ''}: ${posts.length === 0 ? 'no posts' : `${posts.length} ${posts.length === 1 ? 'post' : 'posts'}`}`}
                style={{ verticalAlign: 'top', height: 360, padding: 6, border: cellBorder, background: day === today ? 'var(--mantine-color-indigo-0)' : undefined }}
              >
                <Stack gap={6}>
                  {posts.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      No posts
                    </Text>
                  ) : (
                    posts.map((post) => <PostChip key={post.id} post={post} detailed onOpen={onOpen} />)
                  )}
                </Stack>
              </td>
            );
          })}
        </tr>
      </tbody>
    </table>
  );
}

/**
 * The posts on a calendar, by UK day: a month (Monday first, with today marked) or a week with
 * more of each post. Posts without a time yet are not on it; the screen says how many.
 */
export function PostCalendar({
  posts,
  mode,
  anchor,
  today,
  onAnchor,
  onShowWeek,
  onOpen,
}: {
  posts: readonly PostView[];
  mode: CalendarMode;
  /** Any day in the month or week shown. */
  anchor: string;
  today: string;
  onAnchor(day: string): void;
  onShowWeek(day: string): void;
  onOpen(post: PostView): void;
}) {
  const days = byDay(posts);
  const step = (n: number) => onAnchor(mode === 'month' ? addMonths(anchor, n) : addDays(anchor, 7 * n));
  const unit = mode === 'month' ? 'month' : 'week';
  const title = mode === 'month' ? monthTitle(anchor) : weekTitle(anchor);
  const undated = posts.filter((p) => postDay(p) === null).length;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" aria-live="polite">
          {title}
        </Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => step(-1)}>
            Previous {unit}
          </Button>
          <Button variant="default" onClick={() => onAnchor(today)}>
            Today
          </Button>
          <Button variant="default" onClick={() => step(1)}>
            Next {unit}
          </Button>
        </Group>
      </Group>
      {mode === 'month' ? (
        <MonthGrid anchor={anchor} today={today} days={days} onOpen={onOpen} onShowWeek={onShowWeek} />
      ) : (
        <WeekGrid anchor={anchor} today={today} days={days} onOpen={onOpen} />
      )}
      {undated > 0 && (
        <Text size="sm" c="dimmed" mt="sm">
          {undated} {undated === 1 ? 'post has' : 'posts have'} no time yet, so {undated === 1 ? 'it is' : 'they are'} in the queue only.
        </Text>
      )}
    </Paper>
  );
}
