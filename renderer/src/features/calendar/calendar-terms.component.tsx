import { Paper, Text, Title } from '@mantine/core';
import type { CalendarView } from '../../../../shared/contract/views';
import { formatDay, formatDayRange } from '../../format/calendar-dates.format';
import { layOutCalendar, type DayRun, type TermBlock } from './calendar-layout.format';

/** A date that does not break across lines: 'Mon 25 May' stays together. */
function unbroken(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

function runs(list: readonly DayRun[]): string {
  return list.map((run) => formatDayRange(run.start, run.end, false)).join(', ');
}

function named(name: string | null, range: string): string {
  return name === null || name.trim() === '' ? range : `${name}, ${range}`;
}

/** One line of a term's facts, each item on a line of its own; nothing to say is said plainly rather than left blank. */
function Fact({ term, items, none }: { term: string; items: readonly string[]; none: string }) {
  return (
    <div className="calendar-term__fact">
      <dt>{term}</dt>
      {items.length === 0 ? (
        <dd className="calendar-term__none">{none}</dd>
      ) : (
        <dd>
          {items.map((item) => (
            <span key={item} className="calendar-term__item">
              {item}
            </span>
          ))}
        </dd>
      )}
    </div>
  );
}

function TermCard({ term, noInset }: { term: TermBlock; noInset: string }) {
  const dates = formatDayRange(term.start, term.end);
  const halfTerms = term.halfTerms.map((h) => formatDayRange(h.start, h.end, false));
  return (
    <section aria-label={`${term.title}: ${dates}`} className="calendar-term">
      <Paper withBorder p="md" h="100%">
        <Title order={3} size="h4" className="calendar-term__title">
          {term.title}
          <span className="visually-hidden">:</span> <span className="calendar-term__dates">{dates}</span>
        </Title>
        <dl className="calendar-term__facts">
          <Fact term={term.halfTerms.length > 1 ? 'Half terms' : 'Half term'} items={halfTerms} none="None" />
          <Fact term="INSET days" items={term.insetDays.length === 0 ? [] : [runs(term.insetDays)]} none={noInset} />
          {term.closures.length > 0 && <Fact term="Closed" items={term.closures.map((c) => named(c.name, formatDayRange(c.start, c.end, false)))} none="None" />}
          <Fact term="Bank holidays" items={term.bankHolidays.map((h) => `${h.title}, ${unbroken(formatDay(h.date, false))}`)} none="None in term" />
        </dl>
      </Paper>
    </section>
  );
}

/** The terms of a calendar, a row of cards per school year, with what lies inside each term. */
export function CalendarTerms({ calendar }: { calendar: CalendarView }) {
  const layout = layOutCalendar(calendar);
  const noInset = calendar.source === 'imported' ? 'None' : `None until ${calendar.scope === 'TRUST' ? 'the trust' : 'the school'} enters its own`;
  if (layout.years.length === 0) {
    return (
      <Text c="dimmed" p="lg">
        No term dates are known. Every weekday that is not a bank holiday counts as a school day until the term dates are imported.
      </Text>
    );
  }
  return (
    <>
      {layout.years.map((year) => (
        <section key={year.label} aria-label={`School year ${year.label}`} className="calendar-year">
          <Title order={2} size="h3" mb="sm">
            School year {year.label}
          </Title>
          <div className="calendar-term-grid">
            {year.terms.map((term) => (
              <TermCard key={term.start} term={term} noInset={noInset} />
            ))}
          </div>
        </section>
      ))}
      {(layout.outside.insetDays.length > 0 || layout.outside.closures.length > 0) && (
        <section aria-label="Outside term time" className="calendar-year">
          <Title order={2} size="h3" mb="sm">
            Outside term time
          </Title>
          <Paper withBorder p="md">
            <dl className="calendar-term__facts">
              {layout.outside.insetDays.length > 0 && <Fact term="INSET days" items={layout.outside.insetDays.map((run) => formatDayRange(run.start, run.end))} none="None" />}
              {layout.outside.closures.length > 0 && (
                <Fact
                  term={layout.outside.closures.some((c) => c.kind === 'half-term') ? 'Breaks and closures' : 'Closed'}
                  items={layout.outside.closures.map((c) => named(c.name, formatDayRange(c.start, c.end)))}
                  none="None"
                />
              )}
            </dl>
          </Paper>
        </section>
      )}
    </>
  );
}

/** The bank holidays from the first term to the last, as a short table. */
export function BankHolidayList({ calendar }: { calendar: CalendarView }) {
  if (calendar.bankHolidays.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None in these dates.
      </Text>
    );
  }
  return (
    <ul className="bank-holiday-list" aria-label="Bank holidays">
      {calendar.bankHolidays.map((h) => (
        <li key={h.date}>
          <span className="bank-holiday-list__date">{formatDay(h.date)}</span>
          <span>{h.title}</span>
        </li>
      ))}
    </ul>
  );
}
