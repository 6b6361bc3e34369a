import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/e2e-fixture';
import { value } from '../support/test-vault';

describe('notifications in the console header', () => {
  const e2e = useE2e({
    vault: 'example',
    seed: async (vault) => {
      // A complaint from a month ago (overdue by now) and a message from a pupil (raised at once).
      value(await vault.call(vault.admin, 'inbox.add', { channel: 'x:@SHINEatPPA', kind: 'complaint', received: '2026-06-01T10:00:00Z', summary: 'Parent upset about a photo' }));
      value(await vault.call(vault.admin, 'inbox.add', { channel: 'x:@SHINEatPPA', kind: 'pupil-contact', received: '2026-07-01T08:00:00Z', summary: 'A pupil sent a direct message' }));
    },
  });

  it('raises what has fallen due when an administrator opens the console, and marks it read', async () => {
    expect(value(await e2e.vault.call(e2e.vault.admin, 'notification.list', {})).map((n) => n.kind)).toEqual(['pupil-contact']);
    // The page's clock at the core's (SUMMER_MORNING).
    const { app, page } = await e2e.openScreenAs('admin', 'Dashboard');
    // The console's sweep raised the overdue complaint.
    const button = page.getByRole('button', { name: 'Notifications: 2 unread' });
    await button.waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'notification.list', {})).map((n) => n.kind).sort()).toEqual(['inbox-overdue', 'pupil-contact']);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    const items = dialog.getByRole('list', { name: 'Unread notifications' }).getByRole('listitem');
    // The dialog's content mounts as it opens: wait for it before counting.
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    await items.filter({ hasText: 'Safeguarding' }).waitFor();
    await items.filter({ hasText: 'Overdue' }).waitFor();
    await app.screenshot('notifications', { fullPage: false });
    await app.expectAccessible('the notifications');
    expect(await page.content()).not.toContain('Parent upset about a photo');

    await dialog.getByRole('button', { name: 'Mark all as read' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Notifications: none unread' }).waitFor();
    expect(value(await e2e.vault.call(e2e.vault.admin, 'notification.list', { unreadOnly: true }))).toEqual([]);
  });
});
