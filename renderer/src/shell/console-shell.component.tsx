import { Button, Container, Group, Kbd, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { ConsoleRole } from '../../../shared/domain/enums';
import { consoleRoleNames } from '../format/contract-words.format';
import { useSearchShortcut } from '../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../session/console-session.context';
import type { ConsolePage } from '../session/use-app-state.hook';
import { NotificationsButton } from './notifications-button.component';

const EVERYONE: readonly ConsoleRole[] = ['admin', 'auditor', 'poster'];

/**
 * The pages, and who sees each: a page shows only to the roles the contract lets call the
 * method it is built on (shared/contract/methods.ts), so nobody is offered a page that could
 * only say no.
 */
const pages: { page: ConsolePage; label: string; roles: readonly ConsoleRole[] }[] = [
  { page: 'dashboard', label: 'Dashboard', roles: EVERYONE },
  // compliance.report and policy.show: everyone; only administrators record a review.
  { page: 'compliance', label: 'Compliance', roles: EVERYONE },
  { page: 'channels', label: 'Channels', roles: EVERYONE },
  // post.list: everyone; only administrators and posters write and approve, only administrators retry or delete.
  { page: 'posts', label: 'Posts', roles: EVERYONE },
  // inbox.list and monitor.coverage: everyone; only administrators and posters log, respond and record checks.
  { page: 'inbox', label: 'Inbox', roles: EVERYONE },
  { page: 'monitoring', label: 'Monitoring', roles: EVERYONE },
  // incident.list: everyone; only administrators and posters report and record what was done.
  { page: 'incidents', label: 'Incidents', roles: EVERYONE },
  // consent.list: administrators and auditors (the core lets an auditor see their own school's list only, as its SLT).
  { page: 'consent', label: 'Consent', roles: ['admin', 'auditor'] },
  // audit.list: administrators and auditors.
  { page: 'audit', label: 'Audit log', roles: ['admin', 'auditor'] },
  // access.list and dashboard.summary: everyone; only administrators may change it.
  { page: 'access', label: 'Access register', roles: EVERYONE },
  // person.list: administrators and auditors; only administrators add people or record leavers.
  { page: 'people', label: 'People', roles: ['admin', 'auditor'] },
  // calendar.show: everyone; only administrators import term dates and bank holidays.
  { page: 'calendar', label: 'Calendar', roles: EVERYONE },
  // review.export: administrators and auditors (an SLT auditor their own school); backups: administrators.
  { page: 'data', label: 'Data', roles: ['admin', 'auditor'] },
];

/** Whether an operator with this console role sees the page. */
export function canSeePage(page: ConsolePage, role: ConsoleRole): boolean {
  return pages.some((item) => item.page === page && item.roles.includes(role));
}

/** The signed-in frame: who you are, where you can go, and the lock (button or Ctrl+L). */
export function ConsoleShell({ page, onNavigate, children }: { page: ConsolePage; onNavigate(page: ConsolePage): void; children: ReactNode }) {
  const { operator, trustName, lock } = useConsoleSession();
  // Ctrl+L (Cmd+L on a Mac) locks from anywhere, typing in a field included.
  useHotkeys([['mod+L', () => lock()]], [], true);
  useSearchShortcut();
  const shown = pages.filter((item) => item.roles.includes(operator.consoleRole));

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
