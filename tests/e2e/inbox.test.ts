import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays, lancashireTermDates } from '../../shared/calendar/default-calendar';
import { useE2e } from '../support/e2e-fixture';
import { ADMIN, SLT_AUDITOR, SUMMER_MORNING } from '../support/e2e-trust';
import { value } from '../support/test-vault';

/**
 * The Lancashire calendar worked by hand, independently of the app's school-day arithmetic:
 * a school day is a weekday in a term, outside half terms and not a bank holiday.
 */
function isSchoolDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (englandAndWalesBankHolidays.some((h) => h.date === day)) return false;
  if (lancashireTermDates.closures.some((c) => c.start <= day && day <= c.end)) return false;
  return lancashireTermDates.terms.some((t) => t.start <= day && day <= t.end);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Day 0 is the day received, or the next school day; the reply is due on the 5th school day after it. */
function expectedDueDate(received: string, schoolDays = 5): string {
  let day = received;
  while (!isSchoolDay(day)) day = nextDay(day);
  for (let counted = 0; counted < schoolDays; ) {
    day = nextDay(day);
    if (isSchoolDay(day)) counted += 1;
  }
  return day;
}

/** School days after day 0, up to and including the day of the response. */
function expectedDaysTaken(received: string, responded: string): number {
  let day = received;
  while (!isSchoolDay(day)) day = nextDay(day);
  let taken = 0;
  while (day < responded) {
    day = nextDay(day);
    if (isSchoolDay(day)) taken += 1;
  }
  return taken;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-07-08' → 'Wednesday 8 July 2026'. */
function inWords(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

async function openLogDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Log a comment or complaint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a comment or complaint' });
  await dialog.waitFor();
  return dialog;
}

async function fillLog(dialog: Locator, item: { channel: string; kind: string; summary: string; from?: string; day?: string; time?: string }): Promise<void> {
  await dialog.getByRole('combobox', { name: 'Account it came in on' }).selectOption({ label: item.channel });
  await dialog.getByRole('combobox', { name: 'Kind' }).selectOption({ label: item.kind });
  if (item.day !== undefined) await dialog.getByLabel('Date received').fill(item.day);
  if (item.time !== undefined) await dialog.getByLabel('Time received (UK time)').fill(item.time);
  await dialog.getByLabel('Summary').fill(item.summary);
  if (item.from !== undefined) await dialog.getByLabel('From (optional)').fill(item.from);
}

function bodyRows(page: Page): Locator {
  return page.getByRole('table').locator('tbody tr');
}

describe('the inbox screen', () => {
  // The page's own clock is at the core's (openScreenAs): the forms' "now" comes from the window.
  const e2e = useE2e({ vault: 'example', people: [SLT_AUDITOR] });

  it('logs a complaint and says when a reply is due, in words, after checking the form', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Inbox');
    await page.getByText('Nothing is waiting for a response.').waitFor();

    const dialog = await openLogDialog(page);
    // Now, in UK time: 09:30 UTC on 1 July is 10:30 British Summer Time.
    expect(await dialog.getByLabel('Date received').inputValue()).toBe('2026-07-01');
    expect(await dialog.getByLabel('Time received (UK time)').inputValue()).toBe('10:30');
    await dialog.getByText('Keep personal details out', { exact: false }).waitFor();

    // Nothing filled in: each field says what it needs, and nothing reaches the core.
    await dialog.getByRole('button', { name: 'Log it' }).click();
    await dialog.getByText('Choose the account it came in on.').waitFor();
    await dialog.getByText('Choose what kind of message it is.').waitFor();
    await dialog.getByText('Say in a few words what it is about.').waitFor();
    await app.screenshot('inbox-log-invalid', { fullPage: false });
    await app.expectAccessible('the log form with its errors');

    // Tomorrow has not happened; a summary is short.
    await fillLog(dialog, { channel: 'PET Twitter (@pendleeducation)', kind: 'Complaint', summary: 'x'.repeat(501), day: '2026-07-02' });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    await dialog.getByText('That is later than now. Enter when it arrived.').waitFor();
    await dialog.getByText('Keep the summary to 500 characters or fewer: it has 501.').waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', {}))).toEqual([]);

    await fillLog(dialog, {
      channel: 'PET Twitter (@pendleeducation)',
      kind: 'Complaint',
      summary: 'Parent unhappy that sports day was moved at short notice',
      from: '@parent_of_two',
      day: '2026-07-01',
      time: '10:30',
    });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    // 1 July 2026 is a Wednesday in the summer term.
    const due = expectedDueDate('2026-07-01');
    expect(due).toBe('2026-07-08');
    const confirmation = dialog.getByRole('status').filter({ hasText: `Reply by ${inWords(due)} — 5 school days` });
    await confirmation.waitFor();
    await confirmation.getByText('An acknowledgement counts as a response', { exact: false }).waitFor();
    await app.screenshot('inbox-logged', { fullPage: false });
    await app.expectAccessible('the logged confirmation');

    const [item] = value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', {}));
    expect(item).toMatchObject({
      channel: 'x:@pendleeducation',
      kind: 'complaint',
      receivedAt: '2026-07-01T09:30:00.000Z',
      summary: 'Parent unhappy that sports day was moved at short notice',
      from: '@parent_of_two',
      dueOn: due,
      status: 'open',
      dslAlertedAt: null,
    });

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Parent unhappy that sports day/ });
    for (const text of ['Open', 'Wed, 1 Jul 2026, 10:30', 'PET Twitter', 'Trust', 'Complaint', 'From @parent_of_two', 'Wed 8 Jul 2026']) {
      await row.getByText(text, { exact: true }).waitFor();
    }
    await page.getByText('1 item shown.').waitFor();
    await app.screenshot('inbox');
    await app.expectAccessible('the inbox');
  });

  it('shows the core’s refusal when the window’s clock runs ahead of the core’s', async () => {
    // The window thinks it is an hour later than the core does: "now" is in the core's future.
    const { app, page } = await e2e.openScreenAs('admin', 'Inbox', { now: new Date(SUMMER_MORNING.getTime() + 60 * 60_000) });
    const dialog = await openLogDialog(page);
    await fillLog(dialog, { channel: 'PET Instagram (@pendleeducationtrust)', kind: 'Comment', summary: 'Asks when the new term starts' });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Not logged').waitFor();
    await refusal.getByText('The time it was received is in the future', { exact: false }).waitFor();
    await app.expectAccessible('the refusal');
    expect(value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', { channel: 'instagram:@pendleeducationtrust' }))).toEqual([]);
  });

  it('raises contact from a pupil with the DSL at once and says what to do', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Inbox');
    const dialog = await openLogDialog(page);
    await fillLog(dialog, {
      channel: 'Pendle Primary Academy Twitter (@SHINEatPPA)',
      kind: 'Contact from a pupil',
      summary: 'A pupil sent a direct message asking a teacher to follow them back',
    });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    const notice = dialog.getByRole('alert').filter({ hasText: 'Safeguarding: contact from a pupil' });
    await notice.waitFor();
    await notice.getByText('Custodian raised a safeguarding alert for the Designated Safeguarding Lead (DSL) at Wed, 1 Jul 2026, 10:30.').waitFor();
    await notice.getByText('Tell the DSL (or a deputy) yourself now', { exact: false }).waitFor();
    await notice.getByText('The policy asks you to inform your line manager, the DSL (or deputies) and/or the Principal', { exact: false }).waitFor();
    await dialog.getByRole('status').filter({ hasText: `Reply by ${inWords(expectedDueDate('2026-07-01'))}` }).waitFor();
    await app.screenshot('inbox-pupil-contact', { fullPage: false });
    await app.expectAccessible('the safeguarding notice');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('row', { name: /asking a teacher to follow them back/ }).getByText('DSL alerted').waitFor();
    const item = value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', { channel: 'x:@SHINEatPPA' }))[0];
    expect(item).toMatchObject({ kind: 'pupil-contact', dslAlertedAt: SUMMER_MORNING.toISOString() });
    const notices = value(await e2e.vault.call(e2e.vault.admin, 'notification.list', {}));
    expect(notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'pupil-contact', subject: `inbox:${item?.id}`, school: 'PPA' })]));
    const [alert] = value(await e2e.vault.call(e2e.vault.admin, 'audit.list', { action: 'inbox.dsl_alert' }));
    expect(alert).toMatchObject({ actor: ADMIN.email, target: `inbox:${item?.id}`, outcome: 'ok' });
  });

  it('puts an overdue item first, and a response takes it off the open list with the school days it took', async () => {
    const { app, page } = await e2e.openScreenAs('admin', 'Inbox');
    // Received a month ago, on Monday 1 June 2026, and never answered.
    const dialog = await openLogDialog(page);
    await fillLog(dialog, { channel: 'PET LinkedIn (@pendleeducationtrust)', kind: 'Query', summary: 'Asks whether the trust has vacancies for teaching assistants', day: '2026-06-01', time: '10:00' });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    const due = expectedDueDate('2026-06-01');
    const late = dialog.getByRole('status').filter({ hasText: `Reply by ${inWords(due)} — 5 school days` });
    await late.getByText('That date has passed: respond now, even if only to acknowledge it.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Overdue first, with its badge, whatever order the items were logged in.
    const first = bodyRows(page).first();
    await first.getByText('Overdue', { exact: true }).waitFor();
    await first.getByText('Asks whether the trust has vacancies', { exact: false }).waitFor();
    expect(await bodyRows(page).count()).toBeGreaterThan(1);
    await app.screenshot('inbox-overdue');
    await app.expectAccessible('the inbox with an overdue item');
    await page.getByRole('checkbox', { name: 'Overdue only' }).check();
    await page.getByText('1 item shown, 1 overdue.').waitFor();
    expect(await bodyRows(page).count()).toBe(1);

    // Respond: the form checks how and when before anything is recorded.
    await first.getByRole('button', { name: /^Record a response to a query on PET LinkedIn/ }).click();
    const respond = page.getByRole('dialog', { name: 'Record a response to a query' });
    await respond.getByText(`It was due a reply by ${inWords(due)}.`).waitFor();
    expect(await respond.getByLabel('Date of the response').inputValue()).toBe('2026-07-01');
    await respond.getByLabel('Date of the response').fill('2026-05-31');
    await respond.getByRole('button', { name: 'Record the response' }).click();
    await respond.getByText('Choose how you responded.').waitFor();
    await respond.getByText('The response cannot come before the message arrived (Mon, 1 Jun 2026, 10:00).').waitFor();
    await app.screenshot('inbox-respond-invalid', { fullPage: false });
    await app.expectAccessible('the response form with its errors');
    await respond.getByRole('radio', { name: 'Answered' }).check();
    await respond.getByLabel('Date of the response').fill('2026-07-01');
    await respond.getByLabel('Note (optional)').fill('Pointed them to the vacancies page');
    await respond.getByRole('button', { name: 'Record the response' }).click();
    const taken = expectedDaysTaken('2026-06-01', '2026-07-01');
    const recorded = respond.getByRole('status').filter({ hasText: 'Response recorded: answered' });
    await recorded.getByText(`It took ${taken} school days: later than the policy allows (a reply was due by ${inWords(due)}).`).waitFor();
    await app.screenshot('inbox-responded', { fullPage: false });
    await respond.getByRole('button', { name: 'Done' }).click();
    await respond.waitFor({ state: 'hidden' });

    // Off the open (and overdue) list; with everything shown, answered late.
    await page.getByText('Nothing is overdue.').waitFor();
    await page.getByRole('checkbox', { name: 'Overdue only' }).uncheck();
    expect(await page.getByRole('row', { name: /vacancies for teaching assistants/ }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Open items only' }).uncheck();
    const answered = page.getByRole('row', { name: /vacancies for teaching assistants/ });
    await answered.getByText('Answered late', { exact: true }).waitFor();
    await answered.getByText(`Took ${taken} school days`).waitFor();

    const item = value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', { channel: 'linkedin:@pendleeducationtrust' }))[0];
    expect(item).toMatchObject({ status: 'responded-late', how: 'answered', schoolDaysTaken: taken, respondedAt: SUMMER_MORNING.toISOString(), dueOn: due });

    // An acknowledgement the day a complaint arrives stops its clock at 0 school days.
    await page.getByRole('checkbox', { name: 'Open items only' }).check();
    await page.getByRole('row', { name: /sports day was moved/ }).getByRole('button', { name: /^Record a response/ }).click();
    const ack = page.getByRole('dialog', { name: 'Record a response to a complaint' });
    await ack.getByRole('radio', { name: 'Acknowledged' }).check();
    await ack.getByRole('button', { name: 'Record the response' }).click();
    await ack.getByText('It took 0 school days: within the time the policy allows.').waitFor();
    await ack.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('row', { name: /sports day was moved/ }).count()).toBe(0);
    const complaint = value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', { channel: 'x:@pendleeducation' }))[0];
    expect(complaint).toMatchObject({ status: 'responded', how: 'acknowledged', schoolDaysTaken: 0 });
  });

  it('counts a complaint from the last Friday of the summer term across the holiday', async () => {
    // Saturday 18 July 2026; the complaint came in at 4 pm the day before.
    const saturday = new Date('2026-07-18T09:00:00Z');
    e2e.vault.clock.set(saturday);
    const { page } = await e2e.openScreenAs('admin', 'Inbox', { now: saturday });
    const dialog = await openLogDialog(page);
    await fillLog(dialog, { channel: 'West Craven High School Twitter (@WestCravenHigh)', kind: 'Concern', summary: 'Concern about a photo of the leavers’ trip', day: '2026-07-17', time: '16:00' });
    await dialog.getByRole('button', { name: 'Log it' }).click();
    // Term ends on Monday 20 July; the autumn term starts on Tuesday 1 September.
    const due = expectedDueDate('2026-07-17');
    expect(due).toBe('2026-09-04');
    await dialog.getByRole('status').filter({ hasText: `Reply by ${inWords(due)} — 5 school days` }).waitFor();
    const item = value(await e2e.vault.call(e2e.vault.admin, 'inbox.list', { channel: 'x:@WestCravenHigh' }))[0];
    expect(item).toMatchObject({ receivedAt: '2026-07-17T15:00:00.000Z', dueOn: due });
  });

  it('shows an SLT auditor their own school’s items, with nothing to log or record', async () => {
    value(await e2e.vault.call(e2e.vault.admin, 'inbox.add', { channel: 'instagram:@pendleprimaryacademy', kind: 'query', received: '2026-06-30T14:00:00Z', summary: 'Asks for the date of the summer fair' }));
    const { app, page } = await e2e.openScreenAs('slt-auditor', 'Inbox');
    const row = page.getByRole('row', { name: /date of the summer fair/ });
    await row.getByText('None yet', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Log a comment or complaint' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Record a response/ }).count()).toBe(0);
    // Their school's items only: nothing from the trust's own channels or other schools.
    const texts = await bodyRows(page).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('Pendle Primary Academy');
    await app.screenshot('inbox-slt-auditor');
    await app.expectAccessible('the auditor’s inbox');
  });
});
