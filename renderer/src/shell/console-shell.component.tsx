import { Button, Container, Group, Kbd, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { mayCall, type MayCallWho } from '../../../shared/contract/may-call';
import type { MethodName } from '../../../shared/contract/methods';
import { useSearchShortcut } from '../hooks/use-search-shortcut.hook';
import { NotificationsButton } from './notifications-button.component';
import { consoleRoleNames } from '../format/contract-words.format';
import { useConsoleSession } from '../session/console-session.context';
import type { ConsolePage } from '../session/use-app-state.hook';

/**
 * The pages, each with the method it is built on: a page shows only to those the contract's
 * table lets call that method (shared/contract/may-call.ts), so nobody is offered a page that
 * could only say no. What each page then offers is asked of the table again, method by method.
 */
const pages: { page: ConsolePage; label: string; method: MethodName }[] = [
  { page: 'dashboard', label: 'Dashboard', method: 'dashboard.summary' },
  { page: 'compliance', label: 'Compliance', method: 'compliance.report' },
  { page: 'channels', label: 'Channels', method: 'channel.list' },
  { page: 'posts', label: 'Posts', method: 'post.list' },
  { page: 'inbox', label: 'Inbox', method: 'inbox.list' },
  { page: 'monitoring', label: 'Monitoring', method: 'monitor.coverage' },
  { page: 'incidents', label: 'Incidents', method: 'incident.list' },
  // The core lets an SLT auditor see their own school's list only.
  { page: 'consent', label: 'Consent', method: 'consent.list' },
  { page: 'audit', label: 'Audit log', method: 'audit.list' },
  { page: 'access', label: 'Access register', method: 'access.list' },
  { page: 'people', label: 'People', method: 'person.list' },
  { page: 'calendar', label: 'Calendar', method: 'calendar.show' },
  // The review pack (an SLT auditor's is their own school's); backups and imports are administrators'.
  { page: 'data', label: 'Data', method: 'review.exportToChosenFolder' },
];

/** Whether this operator sees the page. */
export function canSeePage(page: ConsolePage, who: MayCallWho): boolean {
  return pages.some((item) => item.page === page && mayCall(who, item.method));
}

/** The signed-in frame: who you are, where you can go, and the lock (button or Ctrl+L). */
export function ConsoleShell({ page, onNavigate, children }: { page: ConsolePage; onNavigate(page: ConsolePage): void; children: ReactNode }) {
  const { operator, trustName, lock } = useConsoleSession();
  // Ctrl+L (Cmd+L on a Mac) locks from anywhere, typing in a field included.
  useHotkeys([['mod+L', () => lock()]], [], true);
  useSearchShortcut();
  const shown = pages.filter((item) => mayCall(operator, item.method));

  return (
    <div className="console">
      <header className="console-header">
        <Container size="xl" pt="xs" pb={6}>
          {/* Two rows: who and where on top, the pages below, so the nav has room for every page at 1280 px. */}
          <Group justify="space-between" wrap="nowrap" gap="lg">
            <div className="console-brand">
              <Text fw={700} size="lg" lh={1.2} span>
                Custodian
              </Text>
              <Text size="sm" c="dimmed" lh={1.2} span>
                {trustName}
              </Text>
            </div>
            <Group gap="md" wrap="nowrap">
              <div className="console-operator">
                <Text size="sm" fw={600} lh={1.2}>
                  {operator.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {consoleRoleNames[operator.consoleRole]}
                </Text>
              </div>
              <NotificationsButton />
              <Button
                variant="default"
                onClick={lock}
                aria-keyshortcuts="Control+L Meta+L"
                rightSection={
                  <Kbd size="xs" aria-hidden="true">
                    Ctrl+L
                  </Kbd>
                }
              >
                Lock
              </Button>
            </Group>
          </Group>
          <nav aria-label="Main" className="console-nav">
            <Group gap={4} wrap="wrap">
              {shown.map((item) => (
                <Button
                  key={item.page}
                  // Narrower than a form button, so every page still fits on one row at 1280 px.
                  px="sm"
                  variant={item.page === page ? 'light' : 'subtle'}
                  color={item.page === page ? undefined : 'gray'}
                  aria-current={item.page === page ? 'page' : undefined}
                  onClick={() => onNavigate(item.page)}
                >
                  {item.label}
                </Button>
              ))}
            </Group>
          </nav>
        </Container>
      </header>
      <main className="console-main">
        <Container size="xl" py="xl">
          {children}
        </Container>
      </main>
    </div>
  );
}
