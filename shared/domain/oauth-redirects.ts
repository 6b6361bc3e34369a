import type { Platform } from './enums';

/**
 * Where each platform's sign-in comes back to Custodian (reference: OAuth redirects). X and
 * LinkedIn's standard flow accept only a redirect registered in their developer console, so the
 * loopback listener takes a fixed port per platform app, one default per platform (two apps
 * never collide), changeable by an administrator. Facebook and Instagram sign in another way
 * (Meta wants an embedded login window), so they have no loopback port here.
 */
export const linkedinFlows = ['standard', 'native'] as const;
export type LinkedinFlow = (typeof linkedinFlows)[number];

export const MIN_REDIRECT_PORT = 1024;
export const MAX_REDIRECT_PORT = 65535;

export const defaultRedirectPorts: Readonly<Partial<Record<Platform, number>>> = { x: 53682, linkedin: 53683, youtube: 53684 };

/** The developer console page where the redirect is registered. */
export const redirectConsoles: Readonly<Partial<Record<Platform, { name: string; url: string; where: string }>>> = {
  x: { name: 'the X developer portal', url: 'https://developer.x.com/en/portal/projects-and-apps', where: 'your app → User authentication settings → Callback URI / Redirect URL' },
  linkedin: { name: 'LinkedIn developer apps', url: 'https://www.linkedin.com/developers/apps', where: 'your app → Auth → OAuth 2.0 settings → Authorized redirect URLs for your app' },
  youtube: { name: 'the Google Cloud console', url: 'https://console.cloud.google.com/apis/credentials', where: 'APIs & Services → Credentials → your OAuth 2.0 Client ID (Desktop app; Google accepts any loopback port, nothing to add)' },
};

/**
 * Meta's own page that a desktop app's embedded login window watches for (reference: OAuth
 * redirects; Meta's manual-flow guide): the one redirect a Facebook or Instagram app registers.
 */
export const META_LOGIN_SUCCESS_URL = 'https://www.facebook.com/connect/login_success.html';

const metaConsole = {
  name: 'Meta for Developers',
  url: 'https://developers.facebook.com/apps/',
  where: 'your app → Facebook Login → Settings → Valid OAuth Redirect URIs, with Use Strict Mode and Enforce HTTPS left on',
};

/** Facebook and Instagram: Meta's apps, which sign in through the embedded window, not a loopback redirect. */
export function isMetaPlatform(platform: Platform): platform is 'facebook' | 'instagram' {
  return platform === 'facebook' || platform === 'instagram';
}

/** The developer console to open for a platform's redirect (Meta's included); undefined for none. */
export function redirectConsoleFor(platform: Platform): { name: string; url: string; where: string } | undefined {
  return isMetaPlatform(platform) ? metaConsole : redirectConsoles[platform];
}

export const REDIRECT_PATH = '/callback';

export function loopbackRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}${REDIRECT_PATH}`;
}

/**
 * The port the sign-in listens on: the app's own, else the platform's default; 0 (the system picks)
 * where any loopback port is accepted and nothing is registered (LinkedIn's native PKCE flow) and for
 * Meta, whose sign-in is not a loopback one.
 */
export function redirectPortFor(platform: Platform, saved: number | null, linkedinFlow: LinkedinFlow): number {
  if (platform === 'linkedin' && linkedinFlow === 'native') return 0;
  return saved ?? defaultRedirectPorts[platform] ?? 0;
}

/** What the administrator does in the developer console about the redirect; null where there is no loopback sign-in. */
export function redirectHelpFor(platform: Platform, linkedinFlow: LinkedinFlow): string | null {
  if (isMetaPlatform(platform)) {
    return `Add this address, exactly as shown, in ${metaConsole.name} (${metaConsole.where}). Custodian's desktop app opens Meta's sign-in in a window of its own and closes it when Meta sends it to this page.`;
  }
  const where = redirectConsoles[platform];
  if (where === undefined) return null;
  if (platform === 'linkedin' && linkedinFlow === 'native') {
    return `LinkedIn's native PKCE flow takes any loopback port: there is no redirect to register. It works only if LinkedIn enabled it for this app (${where.name}).`;
  }
  return `Register this redirect address, exactly as shown, in ${where.name} (${where.where}). If you change the port, register the new address too.`;
}
