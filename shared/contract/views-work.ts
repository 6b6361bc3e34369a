import { z } from 'zod';
import { platforms, weekdays } from '../domain/enums';
import { linkedinFlows } from '../domain/oauth-redirects';
import { connectionAuths, connectionStatuses, consentReasons, escalationTargets, evidenceMediaTypes, incidentActions, incidentKinds, postPublications, postStatuses, postTargetStates } from './fields';
import { postMediaTypes } from '../posts/media-types';

/** What the daily work's methods return (consent, incidents, the rota, posts, publishing) and the data's (backups, review packs, imports): views.ts re-exports them. */
/**
 * One entry of a school's consent register: a person whose image must not be published (or who
 * asked not to be filmed). Minimal personal data: a name or initials, the class, why, and when.
 * active: not removed, and today (in London) within from..to where they are set.
 */
export const consentEntryView = z.object({
  id: z.number().int(),
  school: z.string(),
  name: z.string(),
  class: z.string().nullable(),
  reason: z.enum(consentReasons),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
  /** The email of the administrator who added it. */
  addedBy: z.string(),
  addedAt: z.string(),
  removedAt: z.string().nullable(),
  active: z.boolean(),
});
export type ConsentEntryView = z.infer<typeof consentEntryView>;

/**
 * An incident on a channel: what happened, what was done (actions), who it was reported to
 * (escalations), the evidence captured (files in the data folder, named by SHA-256; no path
 * leaves the core), whether the audience was told why, and when it was closed.
 */
export const incidentView = z.object({
  id: z.number().int(),
  /** 'platform:handle' */
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  kind: z.enum(incidentKinds),
  summary: z.string(),
  openedAt: z.string(),
  /** The email of who opened it. */
  openedBy: z.string(),
  actions: z.array(z.object({ action: z.enum(incidentActions), at: z.string(), by: z.string() })),
  escalations: z.array(z.object({ to: z.enum(escalationTargets), at: z.string(), by: z.string() })),
  evidence: z.array(
    z.object({
      id: z.number().int(),
      originalName: z.string(),
      sha256: z.string(),
      bytes: z.number().int(),
      mediaType: z.enum(evidenceMediaTypes),
      capturedAt: z.string(),
    }),
  ),
  /** Whether the audience was told why content was removed; null until recorded. */
  audienceTold: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  /** The inbox item it came from, if any. */
  inboxItem: z.number().int().nullable(),
  status: z.enum(['open', 'closed']),
});
export type IncidentView = z.infer<typeof incidentView>;

export { weekdays, type Weekday } from '../domain/enums';

export const rotaView = z.object({
  channel: z.string(),
  channelName: z.string(),
  school: z.string().nullable(),
  /** Who checks the channel on each day of the week; null where nobody is on the rota. */
  days: z.record(z.enum(weekdays), z.object({ email: z.string(), name: z.string(), active: z.boolean() }).nullable()),
});
export type RotaView = z.infer<typeof rotaView>;

/** What a platform check says about one channel's variant (shared/posts/platform-rules.ts). */
export const variantCheckView = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ field: z.enum(['text', 'title', 'media']), message: z.string() })),
  /** The text's length as the platform counts it (X: weighted), and its limit. */
  length: z.number(),
  limit: z.number(),
  /** What the author should know but the platform still takes (a link's higher price on X): shown wherever the post is. */
  warnings: z.array(z.string()),
});
export type VariantCheckView = z.infer<typeof variantCheckView>;

export const checklistItemView = z.object({
  id: z.enum(['author-trained', 'pupils', 'adults-consented', 'rights', 'dos-and-donts', 'tone']),
  label: z.string(),
  state: z.enum(['ok', 'missing', 'refused']),
  message: z.string(),
});
export type ChecklistItemView = z.infer<typeof checklistItemView>;

/**
 * A post: its intended outcome, one variant per channel (each checked against its platform),
 * its media (files in the data folder, named by SHA-256; no path leaves the core), the
 * pre-publication checklist as it stands today, who approved which version, and one target per
 * channel once it is scheduled (the publishing engine moves those along).
 */
export const postView = z.object({
  id: z.number().int(),
  status: z.enum(postStatuses),
  /** The author's email, and name. */
  author: z.string(),
  authorName: z.string(),
  outcome: z.string(),
  /** The common text; a channel may have its own (channels[].text). */
  text: z.string(),
  /** When to publish: an ISO instant, 'now' (as soon as approved), or null (not scheduled yet). */
  at: z.string().nullable(),
  pupils: z.union([z.enum(['none', 'present']), z.object({ named: z.array(z.number().int()) })]),
  /** Bumped on every edit; approval is of one version. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  channels: z.array(
    z.object({
      channel: z.string(),
      channelName: z.string(),
      platform: z.enum(platforms),
      school: z.string().nullable(),
      text: z.string(),
      /** Whether this channel has its own text rather than the common one. */
      ownText: z.boolean(),
      title: z.string().nullable(),
      check: variantCheckView,
    }),
  ),
  media: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      sha256: z.string(),
      bytes: z.number().int(),
      mediaType: z.enum(postMediaTypes),
      alt: z.string().nullable(),
      /** The same image at a public https address (Instagram fetches it from there); null when none was given. */
      publicUrl: z.string().nullable(),
    }),
  ),
  /** The checklist evaluated now (training may lapse, the no-publish list may grow). */
  checklist: z.object({ confirmed: z.boolean(), items: z.array(checklistItemView) }),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedVersion: z.number().int().nullable(),
  /**
   * What the targets add up to (null: none yet): 'partly published' when some channels published
   * and others failed or need review; post.retry sends only those back.
   */
  publication: z.enum(postPublications).nullable(),
  targets: z.array(
    z.object({
      channel: z.string(),
      state: z.enum(postTargetStates),
      remoteId: z.string().nullable(),
      error: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
      publishedAt: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
});
export type PostView = z.infer<typeof postView>;

/** A channel's publishing connection; the token is in the keychain and never in a view. */
export const connectionView = z.object({
  channel: z.string(),
  platform: z.enum(platforms),
  accountId: z.string(),
  apiBase: z.string().nullable(),
  connectedAt: z.string(),
  connectedBy: z.string(),
  status: z.enum(connectionStatuses),
  lastError: z.string().nullable(),
  /** 'oauth': signed in through the platform (refreshed by Custodian); 'token': a ready token given to it. */
  auth: z.enum(connectionAuths),
  /** When the access token runs out (null: the platform did not say, or it does not expire). */
  tokenExpiresAt: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof connectionView>;

/** A platform's app registration; its client id and secret are in the keychain and never in a view. */
export const platformAppView = z.object({
  platform: z.enum(platforms),
  hasSecret: z.boolean(),
  /** Whether the platform's token exchange needs a client secret (Meta, LinkedIn). */
  secretRequired: z.boolean(),
  authorizeUrl: z.string(),
  tokenUrl: z.string(),
  /** Whether the addresses are a proxy's, set from the command line (platform.appAddresses), not the platform's own. */
  customAddresses: z.boolean(),
  /** The loopback port the sign-in listens on; null where it is not fixed (LinkedIn native PKCE, Facebook, Instagram). */
  redirectPort: z.number().int().nullable(),
  linkedinFlow: z.enum(linkedinFlows).nullable(),
  /** The exact redirect URI to register in the platform's developer console; null where none is registered. */
  redirectUri: z.string().nullable(),
  /** The developer console page to open, and what to do there. */
  consoleUrl: z.string().nullable(),
  redirectHelp: z.string().nullable(),
  /** Facebook Login for Business: the configuration a Meta app signs in with instead of scopes (not a secret); null otherwise. */
  configId: z.string().nullable(),
  configuredAt: z.string(),
  configuredBy: z.string(),
});
export type PlatformAppView = z.infer<typeof platformAppView>;

/** Whether a channel is published by hand (assisted manual publishing) rather than through its API. */
export const manualChannelView = z.object({
  channel: z.string(),
  manual: z.boolean(),
  /** When and by whom it was set to be published by hand; null when it is not. */
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
});
export type ManualChannelView = z.infer<typeof manualChannelView>;

/** One target's step in a publishing pass. */
export const publishResultView = z.object({
  post: z.number().int(),
  channel: z.string(),
  state: z.enum(postTargetStates),
  detail: z.string(),
});
export const schedulerRunView = z.object({ results: z.array(publishResultView) });
export type SchedulerRunView = z.infer<typeof schedulerRunView>;

/** A publisher enrolment: where its private half went, and the publisher it retired (null: none). */
export const publisherEnrolView = z.object({
  publisherId: z.number().int(),
  enrolledAt: z.string(),
  keptIn: z.enum(['keychain', 'file']),
  keyFile: z.string().nullable(),
  retired: z.number().int().nullable(),
});
export type PublisherEnrolView = z.infer<typeof publisherEnrolView>;

/** One database backup, as its sealed record describes it (no secrets). */
export const backupView = z.object({
  id: z.string(),
  file: z.string(),
  kind: z.enum(['daily', 'weekly', 'manual', 'pre-migration']),
  takenAt: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  auditHeadSeq: z.number().int(),
  /** false when its record (.json beside it) is missing or unreadable: such a file cannot be restored. */
  sealed: z.boolean(),
});
export type BackupView = z.infer<typeof backupView>;
export const backupListView = z.object({ folder: z.string(), backups: z.array(backupView) });
export type BackupListView = z.infer<typeof backupListView>;
export const backupRestoreView = z.object({
  restored: backupView,
  /** The database that was replaced, kept beside the live one: nothing is lost. */
  replacedFile: z.string(),
  /** Every session ended: the restored database decides who may sign in. */
  signedOut: z.literal(true),
});
export type BackupRestoreView = z.infer<typeof backupRestoreView>;

/** The annual review pack: what was written and signed (review.export). */
export const reviewExportView = z.object({
  dir: z.string(),
  from: z.string(),
  to: z.string(),
  /** The school the pack is for; null for the whole trust. */
  school: z.string().nullable(),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** The signing key's fingerprint, as printed in the PDF. */
  fingerprint: z.string(),
});
export type ReviewExportView = z.infer<typeof reviewExportView>;

/** A pack checked against its manifest and this vault's signing key (review.verify). */
export const reviewVerifyView = z.object({
  valid: z.boolean(),
  /** Each problem names the file it is about (manifest.sig for the signature). */
  problems: z.array(z.object({ file: z.string(), problem: z.string() })),
  fingerprint: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  school: z.string().nullable(),
});
export type ReviewVerifyView = z.infer<typeof reviewVerifyView>;

/** The period a new pack covers unless the operator changes it (review.defaults). */
export const reviewDefaultsView = z.object({ from: z.string(), to: z.string(), nextReviewOn: z.string() });
export type ReviewDefaultsView = z.infer<typeof reviewDefaultsView>;

/** The window's export under way (review.progress): the file being written, step index of total. */
export const reviewProgressView = z.object({ running: z.boolean(), file: z.string().nullable(), index: z.number().int(), total: z.number().int() });
export type ReviewProgressView = z.infer<typeof reviewProgressView>;

/** The person closed main's folder dialog without choosing: nothing was done. */
export const folderCancelledView = z.object({ cancelled: z.literal(true) });

/** Imports: what a register file does, row by row (import.register); a dry run says the same and changes nothing. */
export const registerImportKinds = ['channel', 'person', 'holder'] as const;
export const registerImportView = z.object({
  dryRun: z.boolean(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      kind: z.enum(registerImportKinds),
      /** The channel (platform:handle), the person's email, or "email → platform:handle". */
      subject: z.string(),
      action: z.enum(['create', 'update', 'skip']),
      /** Why: what changes, or why nothing does. */
      detail: z.string(),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
});
export type RegisterImportView = z.infer<typeof registerImportView>;

/** What a credentials import sets on a channel; never the values. */
export const credentialImportItems = ['password', '2fa-key', 'username'] as const;
export const credentialImportFormats = ['bitwarden-json', 'keepass-xml', 'csv'] as const;
export const credentialImportView = z.object({
  dryRun: z.boolean(),
  format: z.enum(credentialImportFormats),
  entries: z.array(
    z.object({
      /** Where the entry starts in the file (0 when it cannot be told). */
      line: z.number().int(),
      /** The entry's title as the password manager shows it (and its folder, for KeePass). */
      entry: z.string(),
      channel: z.string().nullable(),
      action: z.enum(['create', 'replace', 'skip']),
      sets: z.array(z.object({ item: z.enum(credentialImportItems), change: z.enum(['create', 'replace']) })),
      detail: z.string(),
    }),
  ),
  created: z.number().int(),
  replaced: z.number().int(),
  skipped: z.number().int(),
});
export type CredentialImportView = z.infer<typeof credentialImportView>;

/**
 * The desktop window's import: what a file chosen in main's dialog would do (a dry run), kept by
 * the core for this session under importId until applied or discarded. Never the file's text.
 */
export const chosenImportView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), importId: z.string(), fileName: z.string(), preview: registerImportView }),
  z.object({ kind: z.literal('credentials'), importId: z.string(), fileName: z.string(), preview: credentialImportView }),
]);
export type ChosenImportView = z.infer<typeof chosenImportView>;
/** What applying a chosen file did: the same views as the imports themselves. */
export const appliedImportView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('register'), fileName: z.string(), result: registerImportView }),
  z.object({ kind: z.literal('credentials'), fileName: z.string(), result: credentialImportView }),
]);
export type AppliedImportView = z.infer<typeof appliedImportView>;

/** Whether the vault has its recovery kit, and when and by whom it was made (recovery.kitStatus). */
export const recoveryKitStatusView = z.object({
  kit: z.object({ createdAt: z.string(), createdBy: z.string() }).nullable(),
});
export type RecoveryKitStatusView = z.infer<typeof recoveryKitStatusView>;

/** A kit just made from the window: its checksum words and where its file is, never its words. */
export const recoveryKitMadeView = z.object({ checksum: z.string(), fileName: z.string(), folder: z.string() });
export type RecoveryKitMadeView = z.infer<typeof recoveryKitMadeView>;
