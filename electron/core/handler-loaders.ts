import type { Sessions } from './auth/sessions';
import type { Clock } from './clock';
import type { CoreOptions } from './app';
import type { ChosenImports } from './imports/chosen-imports.store';
import type { KitWords } from './recovery/kit-words.store';
import type { AdapterContext } from './publishing/adapter-http';
import type { AdapterRegistry } from './publishing/adapters/platform-adapters';
import type { PublicHandlers } from './router';
import type { VaultHost } from './vault/vault-host';
import { signedInAtWindow } from './window-sign-in';

/*
 * Each handler module is imported the first time one of its methods is called (its own chunk
 * in the CLI's bundle), so `custodian totp` compiles the credentials handlers and not the
 * posts, review, imports or publishing ones (issue 14). method-handlers.ts says which loader
 * serves which method; a core keeps what each loader gave (HandlerDeps.use).
 */

/** What a handler module is built from: the core's own parts and the options it was made with. */
export interface HandlerDeps {
  host: VaultHost;
  sessions: Sessions;
  options: CoreOptions;
  clock: Clock;
  log: (event: string, fields: Record<string, unknown>) => void;
  /** Files chosen for import in the window, kept per session until imported. */
  chosenImports: ChosenImports;
  /** The key of a kit just made in the window, for its reveal and checksum. */
  kitWords: KitWords;
  /** What a loader gives, loaded once per core (a handler module, the publishing adapters). */
  use<T>(load: Load<T>): Promise<T>;
}

export type Load<T> = (deps: HandlerDeps) => Promise<T>;

/** The platforms' adapters and the HTTP they and OAuth use: the same fetch and deadlines. */
export const publishing: Load<{ adapters: AdapterRegistry; http: AdapterContext; scheduler: { http: AdapterContext; leaseMs?: number } }> = async ({ clock, options }) => {
  const [{ createPlatformAdapters }, { adapterContext }] = await Promise.all([import('./publishing/adapters/platform-adapters'), import('./publishing/adapter-http')]);
  const http = adapterContext({ clock, ...options.publishing });
  return {
    adapters: options.adapters ?? createPlatformAdapters({ clock, ...options.publishing }),
    http,
    scheduler: { http, ...(options.schedulerLeaseMs === undefined ? {} : { leaseMs: options.schedulerLeaseMs }) },
  };
};

// The public methods (no session).
export const vault: Load<Pick<PublicHandlers, 'vault.status' | 'vault.init' | 'auth.signIn'>> = async (deps) => {
  const { vaultHandlers } = await import('./vault/vault.handlers');
  const handlers = vaultHandlers(deps.host, deps.sessions);
  return { ...handlers, 'auth.signIn': async (input, caller) => signedInAtWindow(deps, caller, await handlers['auth.signIn'](input, caller)) };
};
export const passphraseStrength = async ({ host }: HandlerDeps) => (await import('./auth/passphrase-strength.handlers')).passphraseStrengthHandler(host);
export const recoveryAdmin = async ({ host }: HandlerDeps) => (await import('./recovery/recovery-admin.handlers')).recoveryAdminHandler(host);
export const transferImport = async ({ host, options, clock, log }: HandlerDeps) =>
  (await import('./transfer/transfer.handlers')).transferImportHandler({ host, store: options.secretStore, clock, log, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });

// The publisher's (`scheduler run`): the methods the contract marks `publisher`.
export const publisherScheduler = async (deps: HandlerDeps) => {
  const { adapters, scheduler } = await deps.use(publishing);
  return (await import('./publishing/engine/scheduler.handlers')).publisherSchedulerHandlers(adapters, scheduler);
};

// The signed-in operator's.
export const auth = async ({ sessions, chosenImports, kitWords }: HandlerDeps) => {
  const handlers = (await import('./auth/auth.handlers')).authHandlers(sessions);
  return {
    ...handlers,
    // Signing out (the window's lock too) forgets any file the session chose to import.
    'auth.signOut': ((ctx, input) => {
      chosenImports.forgetSession(ctx.token);
      kitWords.forget(ctx.token);
      return handlers['auth.signOut'](ctx, input);
    }) satisfies (typeof handlers)['auth.signOut'],
  };
};
export const backup = async ({ host, sessions }: HandlerDeps) => (await import('./backup/backup.handlers')).backupHandlers(host, sessions);
export const backupChooseFolder = async ({ options }: HandlerDeps) => (await import('./backup/backup-choose.handlers')).backupChooseFolderHandlers(options.folderPicker ?? null);
export const example = async () => (await import('./example/example.handlers')).exampleHandlers;
export const trust = async () => (await import('./trust/trust.handlers')).trustHandlers;
export const people = async () => (await import('./people/people.handlers')).peopleHandlers;
export const passphraseReset = async ({ sessions }: HandlerDeps) => (await import('./people/passphrase-reset.handlers')).passphraseResetHandlers(sessions);
export const channels = async () => (await import('./channels/channels.handlers')).channelHandlers;
export const connections = async () => (await import('./channels/connections.handlers')).connectionHandlers;
export const oauthConnect = async (deps: HandlerDeps) => {
  const { http } = await deps.use(publishing);
  const { browser, metaLogin, oauthWaitMs } = deps.options;
  return (await import('./channels/oauth-connect.handlers')).oauthConnectHandlers({ browser: browser ?? null, metaLogin: metaLogin ?? null, context: http, ...(oauthWaitMs === undefined ? {} : { waitMs: oauthWaitMs }) });
};
export const credentials = async ({ options }: HandlerDeps) => {
  const module = await import('./credentials/credentials.handlers');
  return { ...module.credentialHandlers, ...module.copyHandlers(options.clipboard ?? null) };
};
export const qrImport = async ({ options }: HandlerDeps) => (await import('./credentials/qr-import.handlers')).qrImportHandlers(options.imageSource ?? null);
export const access = async () => (await import('./access/access.handlers')).accessHandlers;
export const audit = async () => (await import('./audit/audit.handlers')).auditHandlers;
export const dashboard = async () => (await import('./dashboard/dashboard.handlers')).dashboardHandlers;
export const compliance = async () => (await import('./compliance/compliance.handlers')).complianceHandlers;
export const rota = async () => (await import('./monitoring/rota.handlers')).rotaHandlers;
export const monitoring = async () => (await import('./monitoring/monitoring.handlers')).monitoringHandlers;
export const inbox = async () => (await import('./inbox/inbox.handlers')).inboxHandlers;
export const notifications = async () => (await import('./notifications/notifications.handlers')).notificationHandlers;
export const training = async () => (await import('./training/training.handlers')).trainingHandlers;
export const calendar = async () => (await import('./calendar/calendar.handlers')).calendarHandlers;
export const registerImport = async () => (await import('./imports/register.handlers')).registerImportHandlers;
export const credentialsImport = async () => (await import('./imports/credentials-import.handlers')).credentialsImportHandlers;
export const chosenImport = async ({ options, chosenImports }: HandlerDeps) => (await import('./imports/chosen-import.handlers')).chosenImportHandlers(options.filePicker ?? null, chosenImports);
export const consent = async () => (await import('./consent/consent.handlers')).consentHandlers;
export const incidents = async () => (await import('./incidents/incidents.handlers')).incidentHandlers;
export const posts = async () => (await import('./posts/posts.handlers')).postHandlers;
export const manualPublishing = async ({ options }: HandlerDeps) => (await import('./publishing/manual/manual-publishing.handlers')).manualPublishingHandlers(options.clipboard ?? null);
export const platformApps = async () => (await import('./publishing/oauth/platform-apps.handlers')).platformAppHandlers;
export const scheduler = async (deps: HandlerDeps) => {
  const { adapters, scheduler: options } = await deps.use(publishing);
  return (await import('./publishing/engine/scheduler.handlers')).schedulerHandlers(adapters, options);
};
export const publisher = async () => (await import('./publishing/publisher/publisher.handlers')).publisherHandlers;
export const transfer = async () => (await import('./transfer/transfer.handlers')).transferHandlers;
export const recovery = async () => (await import('./recovery/recovery.handlers')).recoveryHandlers;
export const recoveryChosen = async ({ options, kitWords }: HandlerDeps) => (await import('./recovery/recovery-chosen.handlers')).recoveryChosenHandlers(options.folderPicker ?? null, kitWords);
export const review = async ({ options }: HandlerDeps) => (await import('./review/review.handlers')).reviewHandlers(options.reviewProgress ?? null);
export const reviewChosen = async ({ options }: HandlerDeps) => (await import('./review/review-chosen.handlers')).reviewChosenFolderHandlers(options.folderPicker ?? null, options.reviewProgress ?? null);
