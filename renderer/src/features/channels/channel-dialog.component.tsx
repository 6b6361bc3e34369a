import { Anchor, Badge, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ChannelView } from '../../../../shared/contract/views';
import { PLATFORM_LOGIN_URLS } from '../../../../shared/domain/platform-login';
import { platformNames, secretKindNames, twoFactorWords } from '../../format/contract-words.format';
import { ChannelCredentials } from '../../ui/channel-credentials.component';
import { ConsoleDialog, useLastRequest } from '../../ui/console-dialog.component';
import { useMay } from '../../session/use-may.hook';
import { SecretEditor } from './secret-editor.component';

export interface ChannelDetail {
  channel: ChannelView;
  schoolName: string;
  holders: string[];
  /** Whether the signed-in operator is a current holder (the core decides; this only sets expectations). */
  heldByMe: boolean;
}

function Facts({ detail }: { detail: ChannelDetail }) {
  const { channel, schoolName, holders } = detail;
  const twoFactor = twoFactorWords[channel.twoFactor];
  const rows: [string, ReactNode][] = [
    ['Platform', `${platformNames[channel.platform]} · ${channel.handle}`],
    ['School', schoolName],
    ['2FA', <Badge key="2fa" color={twoFactor.color} variant="light">{twoFactor.label}</Badge>],
    ['Registration mailbox', channel.registrationEmail ?? 'Not recorded'],
    ['Stored', channel.secrets.length === 0 ? 'Nothing yet' : channel.secrets.map((kind) => secretKindNames[kind]).join(', ')],
    ['Held by', holders.length === 0 ? 'Nobody' : holders.join(', ')],
  ];
  return (
    <dl className="fact-list">
      {rows.map(([term, description]) => (
        <div key={term} className="fact-list__row">
          <dt>{term}</dt>
          <dd>{description}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One channel: what it is, a link to the platform's sign-in page (main opens it in the
 * system browser, after checking the host), the holder's credentials and, for
 * administrators, what is stored.
 */
export function ChannelDialog({ detail, onClose, onChanged }: { detail: ChannelDetail | null; onClose(): void; onChanged(): void }) {
  const canSet = useMay('secret.set');
  const shown = useLastRequest(detail);
  return (
    <ConsoleDialog opened={detail !== null} title={shown?.channel.name ?? ''} onClose={onClose}>
      {shown !== null && (
        <Stack gap="md" key={shown.channel.id}>
          <Facts detail={shown} />
          <Group>
            <Anchor href={PLATFORM_LOGIN_URLS[shown.channel.platform]} target="_blank" rel="noopener noreferrer">
              Open the {platformNames[shown.channel.platform]} sign-in page
            </Anchor>
            <Text size="xs" c="dimmed">
              (in your web browser)
            </Text>
          </Group>
          <Divider />
          <section aria-labelledby="login-details-heading">
            <Stack gap="sm">
              <Title order={3} size="h5" id="login-details-heading">
                Login details
              </Title>
              <ChannelCredentials channel={shown.channel} heldByMe={shown.heldByMe} />
            </Stack>
          </section>
          {canSet && (
            <>
              <Divider />
              <section aria-labelledby="stored-secrets-heading">
                <Stack gap="sm">
                  <Title order={3} size="h5" id="stored-secrets-heading">
                    Change what is stored
                  </Title>
                  <SecretEditor channel={shown.channel} onChanged={onChanged} />
                </Stack>
              </section>
            </>
          )}
        </Stack>
      )}
    </ConsoleDialog>
  );
}
