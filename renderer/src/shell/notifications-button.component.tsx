import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { NotificationView } from '../../../shared/contract/views';
import { useInvoke } from '../api/use-invoke.hook';
import { formatUkDateTime } from '../format/uk-time.format';
import { useConsoleSession } from '../session/console-session.context';
import { ConsoleDialog } from '../ui/console-dialog.component';
import { useMay } from '../session/use-may.hook';

/** How often an open console looks for inbox items falling due: short timers only, never a long one. */
const SWEEP_MS = 10 * 60 * 1000;

const kindWords: Record<NotificationView['kind'], string> = {
  'pupil-contact': 'Safeguarding',
  'inbox-overdue': 'Overdue',
  'inbox-due-soon': 'Due soon',
  'channel-reconnect-needed': 'Reconnect',
  'post-manual-due': 'Publish by hand',
  'vault-restored': 'Restored',
};

function NotificationList({ notices }: { notices: NotificationView[] }) {
  if (notices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing new.
      </Text>
    );
  }
  return (
    <ul className="notification-list" aria-label="Unread notifications">
      {notices.map((notice) => (
        <li key={notice.id}>
          <Group gap="xs" align="baseline" wrap="nowrap">
            <Badge color={notice.kind === 'inbox-due-soon' ? 'gray.7' : 'red.9'} variant="filled">
              {kindWords[notice.kind]}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatUkDateTime(notice.createdAt)}
            </Text>
          </Group>
          <Text size="sm">{notice.message}</Text>
        </li>
      ))}
    </ul>
  );
}

/**
 * The console's notifications: inbox items due soon or overdue, and contact from pupils. While
 * an administrator has the console open it asks the core to raise any that have fallen due
 * (the sweep adds each notice once, however often it runs), so deadlines surface without
 * anyone opening the inbox.
 */
export function NotificationsButton() {
  const { call } = useConsoleSession();
  // inbox.notify is trust-wide administration: an administrator at a school is not asked to sweep.
  const canSweep = useMay('inbox.notify');
  const unread = useInvoke('notification.list', { unreadOnly: true });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { reload } = unread;

  useEffect(() => {
    if (!canSweep) return;
    const sweep = () => void call('inbox.notify', {}).then((result) => result.ok && result.value.created > 0 && reload());
    sweep();
    const timer = window.setInterval(sweep, SWEEP_MS);
    return () => window.clearInterval(timer);
  }, [canSweep, call, reload]);

  const notices = unread.status === 'ok' ? unread.value : [];
  const markAll = async () => {
    setBusy(true);
    await call('notification.markRead', { ids: notices.map((n) => n.id) });
    setBusy(false);
    reload();
    setOpen(false);
  };

  return (
    <>
      <Button
        variant={notices.length > 0 ? 'light' : 'default'}
        color={notices.length > 0 ? 'red' : undefined}
        onClick={() => {
          reload();
          setOpen(true);
        }}
        aria-label={notices.length === 0 ? 'Notifications: none unread' : `Notifications: ${notices.length} unread`}
      >
        Notifications{notices.length > 0 ? ` (${notices.length})` : ''}
      </Button>
      <ConsoleDialog opened={open} title="Notifications" onClose={() => setOpen(false)} size="md">
        <Stack gap="md">
          <NotificationList notices={notices} />
          <Group justify="flex-end" gap="sm">
            {notices.length > 0 && (
              <Button variant="default" onClick={() => void markAll()} loading={busy}>
                Mark all as read
              </Button>
            )}
            <Button onClick={() => setOpen(false)}>Close</Button>
          </Group>
        </Stack>
      </ConsoleDialog>
    </>
  );
}
