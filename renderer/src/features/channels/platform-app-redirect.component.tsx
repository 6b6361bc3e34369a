import { Radio, Stack, Text, TextInput } from '@mantine/core';
import type { Platform } from '../../../../shared/domain/enums';
import { isMetaPlatform, linkedinFlows, loopbackRedirectUri, MAX_REDIRECT_PORT, META_LOGIN_SUCCESS_URL, MIN_REDIRECT_PORT, redirectConsoleFor, redirectHelpFor, type LinkedinFlow } from '../../../../shared/domain/oauth-redirects';

const flowWords: Record<LinkedinFlow, { label: string; meaning: string }> = {
  standard: { label: 'Standard', meaning: 'A registered redirect address and the client secret. For most apps.' },
  native: { label: 'Native PKCE', meaning: 'No client secret and no redirect to register. Only for apps LinkedIn has enabled it for, on request.' },
};

/** The port as typed, when it is one the core accepts; null otherwise. */
export function portOf(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port >= MIN_REDIRECT_PORT && port <= MAX_REDIRECT_PORT ? port : null;
}

export const PORT_PROBLEM = `Enter a port number from ${MIN_REDIRECT_PORT} to ${MAX_REDIRECT_PORT}.`;

/** The redirect address to register, read-only so it can be selected and copied as it is. */
function RedirectToCopy({ value }: { value: string }) {
  return <TextInput label="Redirect URI to register" description="Read-only: select it and copy it." readOnly value={value} placeholder="Enter a valid port first" spellCheck={false} className="break-anywhere" />;
}

/**
 * Where the platform's sign-in comes back to Custodian: the port, and the exact redirect address
 * to copy into the platform's developer console (read-only, so it can be selected and copied),
 * with the console page and what to do there. LinkedIn also offers its two flows.
 */
export function PlatformAppRedirect({
  platform,
  port,
  flow,
  portError,
  onPort,
  onFlow,
}: {
  platform: Platform;
  port: string;
  flow: LinkedinFlow;
  portError: string | undefined;
  onPort(value: string): void;
  onFlow(value: LinkedinFlow): void;
}) {
  const where = redirectConsoleFor(platform);
  if (where === undefined) return null;
  const native = platform === 'linkedin' && flow === 'native';
  const meta = isMetaPlatform(platform);
  const valid = portOf(port);
  return (
    <Stack gap="xs">
      {platform === 'linkedin' && (
        <Radio.Group label="LinkedIn sign-in" value={flow} onChange={(value) => onFlow(value as LinkedinFlow)}>
          <Stack gap="xs" mt={6}>
            {linkedinFlows.map((option) => (
              <Radio key={option} value={option} label={flowWords[option].label} description={flowWords[option].meaning} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {meta && <RedirectToCopy value={META_LOGIN_SUCCESS_URL} />}
      {!native && !meta && (
        <>
          <TextInput
            label="Redirect port"
            description="The port on this computer the sign-in comes back to. Change it only if another program uses it."
            inputMode="numeric"
            autoComplete="off"
            value={port}
            onChange={(event) => onPort(event.currentTarget.value)}
            error={portError}
          />
          <RedirectToCopy value={valid === null ? '' : loopbackRedirectUri(valid)} />
        </>
      )}
      <Text size="sm">{redirectHelpFor(platform, flow)}</Text>
      <Text size="sm" className="break-anywhere">
        Open {where.name}: {where.url}
      </Text>
    </Stack>
  );
}
