import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { PlatformAppView } from '../../../../shared/contract/views';
import { platforms, type Platform } from '../../../../shared/domain/enums';
import { platformNames } from '../../format/contract-words.format';
import { formatUkDateTime } from '../../format/uk-time.format';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { PlatformAppForm } from './platform-app-form.component';

function AppState({ app }: { app: PlatformAppView | undefined }) {
  if (app === undefined) {
    return (
      <Text size="sm" c="dimmed">
        Not entered yet
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" c={!app.hasSecret && app.secretRequired ? 'red.9' : undefined}>
        {app.hasSecret ? 'Saved, with its client secret' : app.secretRequired ? 'Saved without the client secret it needs: replace it' : 'Saved, without a client secret'}
      </Text>
      {app.configId !== null && (
        <Text size="xs" className="break-anywhere">
          Facebook Login for Business, configuration {app.configId}
        </Text>
      )}
      <Text size="xs" c="dimmed" className="break-anywhere">
        by {app.configuredBy}, {formatUkDateTime(app.configuredAt)}
      </Text>
      {app.redirectUri !== null && (
        <Text size="xs" className="break-anywhere">
          Redirect: {app.redirectUri}
        </Text>
      )}
      {app.linkedinFlow === 'native' && <Text size="xs">Native PKCE sign-in (any port)</Text>}
    </Stack>
  );
}

/**
 * The trust's app registration on each platform, which signing a channel in needs: which are
 * saved and by whom, and a form to enter or replace one. Administrators only.
 */
export function PlatformAppsDialog({
  opened,
  apps,
  start,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** null while the list is loading or could not be read. */
  apps: readonly PlatformAppView[] | null;
  /** The platform whose form is open when the dialog opens (from a connect dialog), if any. */
  start: Platform | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [editing, setEditing] = useState<Platform | null>(start);
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [wasOpen, setWasOpen] = useState(opened);
  // Each opening starts afresh, on the platform it was opened for.
  if (opened !== wasOpen) {
    setWasOpen(opened);
    if (opened) {
      setEditing(start);
      setNotice(null);
      setRound((n) => n + 1);
    }
  }
  const byPlatform = new Map((apps ?? []).map((app) => [app.platform, app]));

  return (
    <ConsoleDialog opened={opened} onClose={onClose} title="Platform apps" size="xl">
      <Stack gap="md">
        <Text size="sm">
          To connect a channel by signing in, Custodian needs the trust&apos;s own app on that platform: its client id, and for Facebook, Instagram,
          LinkedIn and YouTube its client secret. They are kept in this computer&apos;s keychain and are never shown again, here or anywhere else.
        </Text>
        {notice !== null && (
          <Alert color="green" role="status" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {apps === null ? (
          <Text size="sm" c="dimmed">
            Reading the saved apps…
          </Text>
        ) : (
          <Table verticalSpacing="xs" aria-label="Platform apps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Platform</Table.Th>
                <Table.Th scope="col">App</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {platforms.map((platform) => {
                const app = byPlatform.get(platform);
                return (
                  <Table.Tr key={platform}>
                    <Table.Th scope="row" fw={600}>
                      {platformNames[platform]}
                    </Table.Th>
                    <Table.Td>
                      <AppState app={app} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant={editing === platform ? 'filled' : 'light'}
                        onClick={() => {
                          setNotice(null);
                          setEditing(platform);
                        }}
                        aria-label={`${app === undefined ? 'Enter' : 'Replace'} the ${platformNames[platform]} app`}
                      >
                        {app === undefined ? 'Enter' : 'Replace'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {editing !== null && (
          <PlatformAppForm
            key={`${editing}-${round}`}
            platform={editing}
            saved={byPlatform.get(editing)}
            onCancel={() => setEditing(null)}
            onSaved={(app) => {
              setEditing(null);
              setNotice(`The ${platformNames[app.platform]} app is saved. Its client id and secret are in this computer's keychain and are not shown again.`);
              onSaved();
            }}
          />
        )}
      </Stack>
    </ConsoleDialog>
  );
}
