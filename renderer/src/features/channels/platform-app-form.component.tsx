import { Alert, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PlatformAppView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { defaultRedirectPorts, type LinkedinFlow } from '../../../../shared/domain/oauth-redirects';
import { platformNames } from '../../format/contract-words.format';
import { useConsoleSession } from '../../session/console-session.context';
import { DialogActions } from '../../ui/dialog-actions.component';
import { developerConsoleNames, secretRequiredPlatforms } from './connection-words.format';
import { PlatformAppRedirect, portOf, PORT_PROBLEM } from './platform-app-redirect.component';

interface Fields {
  clientId: string;
  clientSecret: string;
  redirectPort: string;
  linkedinFlow: LinkedinFlow;
  configId: string;
}
type FieldErrors = Partial<Record<keyof Fields, string>>;
const FIELD_NAMES: ReadonlySet<string> = new Set(['clientId', 'clientSecret', 'redirectPort', 'linkedinFlow', 'configId']);
/** Meta's apps may be Facebook Login for Business apps, which sign in with a configuration instead of scopes. */
const metaPlatforms: ReadonlySet<Platform> = new Set(['facebook', 'instagram']);

/**
 * The id and secret start empty (never shown again); the port and flow start as saved, or the
 * platform's default; a saved configuration id (not a secret) is shown, so saving again keeps it.
 */
function startFields(platform: Platform, saved: PlatformAppView | undefined): Fields {
  const port = saved?.redirectPort ?? defaultRedirectPorts[platform];
  return { clientId: '', clientSecret: '', redirectPort: port === undefined ? '' : String(port), linkedinFlow: saved?.linkedinFlow ?? 'standard', configId: saved?.configId ?? '' };
}

/**
 * The client id and secret go to the core once and are never shown again (the core keeps
 * them in the keychain and does not return them), so the form always starts empty.
 */
export function PlatformAppForm({ platform, saved, onCancel, onSaved }: { platform: Platform; saved: PlatformAppView | undefined; onCancel(): void; onSaved(app: PlatformAppView): void }) {
  const { call } = useConsoleSession();
  const [fields, setFields] = useState<Fields>(() => startFields(platform, saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = platformNames[platform];
  // LinkedIn's native PKCE flow takes no secret; its standard flow, like Meta's and Google's, needs one.
  const secretRequired = platform === 'linkedin' ? fields.linkedinFlow === 'standard' : (saved?.secretRequired ?? secretRequiredPlatforms.has(platform));
  const hasPort = defaultRedirectPorts[platform] !== undefined && !(platform === 'linkedin' && fields.linkedinFlow === 'native');
  // A saved app's port or flow can change without entering the id and secret again.
  const keepClient = saved !== undefined && defaultRedirectPorts[platform] !== undefined && fields.clientId.trim() === '' && fields.clientSecret === '';
  const meta = metaPlatforms.has(platform);

  const change = <K extends keyof Fields>(field: K, value: Fields[K]) => {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const set = (field: 'clientId' | 'clientSecret' | 'configId') => (event: { currentTarget: { value: string } }) => change(field, event.currentTarget.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: FieldErrors = {};
    const port = portOf(fields.redirectPort);
    if (hasPort && port === null) found.redirectPort = PORT_PROBLEM;
    if (keepClient) {
      if (secretRequired && !saved.hasSecret) found.clientSecret = `${name}'s sign-in needs the app's client secret: enter the client id and secret.`;
    } else if (fields.clientId.trim() === '') found.clientId = `Enter the client id from ${name}'s developer console.`;
    else if (secretRequired && fields.clientSecret === '') {
      found.clientSecret = `${name}'s sign-in needs the app's client secret too${platform === 'youtube' ? ' (Google asks for it even from a Desktop app)' : ''}.`;
    }
    const configId = fields.configId.trim();
    if (meta && configId !== '' && !/^\d{1,30}$/.test(configId)) {
      found.configId = 'Enter the Configuration ID as Meta shows it (Facebook Login for Business → Configurations): digits only.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await call('platform.app', {
      platform,
      ...(keepClient ? {} : { clientId: fields.clientId.trim() }),
      ...(keepClient || fields.clientSecret === '' ? {} : { clientSecret: fields.clientSecret }),
      ...(hasPort && port !== null ? { redirectPort: port } : {}),
      ...(platform === 'linkedin' ? { linkedinFlow: fields.linkedinFlow } : {}),
      ...(meta && configId !== '' ? { configId } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      const field = result.error.field;
      if (field !== undefined && FIELD_NAMES.has(field)) setErrors({ [field]: result.error.message });
      else setProblem(result.error.message);
      return;
    }
    setFields(startFields(platform, result.value));
    onSaved(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="platform-app-form-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="platform-app-form-heading">
          {saved === undefined ? `Enter the ${name} app` : `Replace the ${name} app`}
        </Title>
        <Text size="sm">Copy these from {developerConsoleNames[platform]}.</Text>
        {saved !== undefined && (
          <Text size="sm" c="dimmed">
            Saving replaces what is saved now.{secretRequired ? '' : ' Leave the client secret empty only if the app has none: a saved secret is then removed.'}
          </Text>
        )}
        {problem !== null && (
          <Alert color="red" title="The app was not saved" role="alert">
            {problem}
          </Alert>
        )}
        <TextInput
          label="Client id"
          required={saved === undefined}
          description={saved === undefined ? undefined : 'Leave it and the secret empty to keep the saved ones and change only the redirect settings.'}
          autoComplete="off"
          spellCheck={false}
          value={fields.clientId}
          onChange={set('clientId')}
          error={errors.clientId}
          data-autofocus
        />
        <PasswordInput
          label="Client secret"
          required={secretRequired}
          description={secretRequired ? undefined : 'Enter it if the developer console gave the app one.'}
          autoComplete="off"
          value={fields.clientSecret}
          onChange={set('clientSecret')}
          error={errors.clientSecret}
        />
        <PlatformAppRedirect
          platform={platform}
          port={fields.redirectPort}
          flow={fields.linkedinFlow}
          portError={errors.redirectPort}
          onPort={(value) => change('redirectPort', value)}
          onFlow={(value) => change('linkedinFlow', value)}
        />
        {meta && (
          <TextInput
            label="Facebook Login for Business configuration ID"
            description="Only for a Business-type Meta app: the Configuration ID from Facebook Login for Business → Configurations. Custodian then signs in with that configuration instead of its own list of permissions (include business_management in it). Leave empty for a Facebook Login app."
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            value={fields.configId}
            onChange={set('configId')}
            error={errors.configId}
          />
        )}
        {/* The sign-in and token addresses (for a proxy) are set from the command line only: the window never names a host. */}
        {saved?.customAddresses === true && (
          <Text size="sm" c="dimmed" className="break-anywhere">
            Signs in through {saved.authorizeUrl} (set from the command line).
          </Text>
        )}
        <DialogActions onCancel={onCancel} submitLabel="Save the app" busy={busy} />
      </Stack>
    </form>
  );
}
