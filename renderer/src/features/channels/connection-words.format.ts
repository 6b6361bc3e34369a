import type { ConnectionView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { formatUkDateTime } from '../../format/uk-time.format';

export interface PublishingState {
  label: 'Not connected' | 'Connected' | 'Reconnect needed';
  color: string;
  /** A few words under the badge: how it was connected, or why it stopped. */
  note: string | null;
}

/** A channel's publishing connection as the Channels screen shows it. */
export function publishingState(connection: ConnectionView | undefined): PublishingState {
  if (connection === undefined) return { label: 'Not connected', color: 'gray', note: null };
  if (connection.status === 'reconnect-needed') {
    return { label: 'Reconnect needed', color: 'red.9', note: connection.lastError ?? 'The platform stopped accepting Custodian’s sign-in.' };
  }
  return { label: 'Connected', color: 'green', note: connection.auth === 'oauth' ? 'signed in' : 'token' };
}

/** Who connected it and when, for the connect dialog. */
export function connectedWords(connection: ConnectionView): string {
  const how = connection.auth === 'oauth' ? 'by signing in' : 'with a token';
  return `Connected ${how} by ${connection.connectedBy} on ${formatUkDateTime(connection.connectedAt)}, publishing as account ${connection.accountId}.`;
}

/** The banner over the channels when some have lapsed: their posts are held back meanwhile. */
export function reconnectBannerWords(count: number): string {
  return count === 1 ? '1 channel must be connected again: its posts wait until then.' : `${count} channels must be connected again: their posts wait until then.`;
}

/**
 * Platforms whose token exchange needs the app's client secret (Meta's, LinkedIn's and Google's,
 * which asks for it even from a Desktop app); the core checks it too, this only marks the field
 * as required before the form is sent.
 */
export const secretRequiredPlatforms: ReadonlySet<Platform> = new Set<Platform>(['facebook', 'instagram', 'linkedin', 'youtube']);

/** Where an administrator finds the client id, in the platform's own words. */
export const developerConsoleNames: Record<Platform, string> = {
  x: 'the X Developer Portal (Projects & Apps → your app → Keys and tokens → OAuth 2.0 Client ID)',
  facebook: 'Meta for Developers (your app → App settings → Basic: App ID and App secret)',
  instagram: 'Meta for Developers (your app → App settings → Basic: App ID and App secret)',
  linkedin: 'the LinkedIn Developer Portal (your app → Auth: Client ID and Primary Client Secret)',
  youtube: 'the Google Cloud console (APIs & Services → Credentials → OAuth 2.0 Client IDs)',
};

/**
 * Whether the core's refusal says the person who signed in can publish as more than one
 * account (or not as the one asked for), so the dialog shows the account id field.
 */
export function asksForAccount(message: string): boolean {
  return /say which with the account id|cannot publish as account/.test(message);
}
