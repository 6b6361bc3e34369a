import { z } from 'zod';
import * as f from './fields';
import { ADMIN, ALL, CLI, CLI_TRUST, empty, method, OVERSIGHT, RESPONDERS, reviewPeriodChecks, TRUST } from './method-table';
import * as v from './views';
import { daysBetween, isIsoDate } from '../calendar/iso-date';
import { POST_MEDIA_MAX_FILES } from '../posts/media-types';

/** The contract's second half: the daily work (inbox, monitoring, consent, incidents, posts, publishing) and the data (review packs, moving, backups). */
export const workMethods = {
  // The inbox: comments, queries, complaints, concerns and contact from pupils, each due a
  // response within 5 school days of the owning school's calendar (the trust's for its channels).
  'inbox.add': method(
    RESPONDERS,
    () => z
      .object({
        channel: f.channelRef,
        kind: f.inboxKind,
        received: f.isoDateTime,
        summary: f.shortText,
        from: f.handle.optional(),
      })
      .strict(),
    () => v.inboxItemView,
  ),
  'inbox.list': method(
    ALL,
    () => z.object({ overdue: z.boolean().optional(), open: z.boolean().optional(), channel: f.channelRef.optional() }).strict(),
    () => z.array(v.inboxItemView),
  ),
  'inbox.respond': method(
    RESPONDERS,
    () => z
      .object({
        id: z.number().int('must be a whole number').positive('must be at least 1'),
        how: f.responseHow,
        at: f.isoDateTime.optional(),
        note: f.optionalNote.optional(),
      })
      .strict(),
    () => v.inboxItemView,
  ),
  // The sweep that raises due-soon and overdue notifications; running it again adds nothing new.
  'inbox.notify': method(ADMIN, () => empty, () => z.object({ created: z.number().int() }), TRUST),
  'notification.list': method(ALL, () => z.object({ unreadOnly: z.boolean().optional() }).strict(), () => z.array(v.notificationView)),
  // Read is shared by the team (one inbox for the trust), not per person.
  'notification.markRead': method(
    ALL,
    () => z.object({ ids: z.array(z.number().int().positive()).min(1, 'must name at least one notification').max(500, 'must be at most 500') }).strict(),
    () => z.object({ marked: z.number().int() }),
  ),
  'monitor.check': method(
    RESPONDERS,
    () => z.object({ channel: f.channelRef, at: f.isoDateTime.optional(), note: f.optionalNote.optional() }).strict(),
    () => v.checkView,
  ),
  'monitor.coverage': method(
    ALL,
    () => z
      .object({ from: f.isoDate.optional(), to: f.isoDate.optional() })
      .strict()
      .superRefine((range, ctx) => {
        if (range.from === undefined || range.to === undefined || !isIsoDate(range.from) || !isIsoDate(range.to)) return;
        const span = daysBetween(range.from, range.to);
        if (span < 0) ctx.addIssue({ code: 'custom', message: 'must not be before the start date', path: ['to'] });
        else if (span >= 366) ctx.addIssue({ code: 'custom', message: 'must be at most 366 days after the start date', path: ['to'] });
      }),
    () => v.coverageView,
  ),
  'compliance.report': method(ALL, () => empty, () => v.complianceView),
  'policy.show': method(ALL, () => empty, () => v.policyView),
  'policy.update': method(
    ADMIN,
    // Checked against the policy profile's own schema in the core (its bounds follow the policy).
    () => z.object({ settings: z.record(z.string(), z.union([z.number(), z.boolean(), z.string().max(40)])) }).strict(),
    () => v.policyView,
    TRUST,
  ),
  'policy.recordReview': method(
    ADMIN,
    () => z
      .object({
        reviewedOn: f.isoDate,
        reviewedBy: z.string().trim().min(2, 'must name who reviewed it').max(300, 'must be at most 300 characters'),
        outcome: z.string().trim().min(2, 'must say what was decided').max(1000, 'must be at most 1000 characters'),
        nextReviewOn: f.isoDate,
      })
      .strict()
      .refine((r) => r.nextReviewOn > r.reviewedOn, { message: 'must be after the review date', path: ['nextReviewOn'] }),
    () => v.policyReviewView,
    TRUST,
  ),
  // The consent register: per school, the pupils whose images must not be published and the
  // people who asked not to be filmed. Only administrators and that school's own SLT may see it
  // (the core refuses any other auditor), and every view is audited.
  'consent.add': method(
    ADMIN,
    () => z
      .object({
        school: f.schoolCode,
        name: f.consentName,
        class: f.className.optional(),
        reason: f.consentReason,
        from: f.isoDate.optional(),
        to: f.isoDate.optional(),
        note: f.consentNote.optional(),
      })
      .strict()
      .refine((c) => c.from === undefined || c.to === undefined || c.from <= c.to, { message: 'must not be before the start date', path: ['to'] }),
    () => v.consentEntryView,
  ),
  'consent.list': method(
    OVERSIGHT,
    () => z.object({ school: f.schoolCode, includeRemoved: z.boolean().optional() }).strict(),
    () => z.array(v.consentEntryView),
  ),
  'consent.remove': method(ADMIN, () => z.object({ id: f.recordId }).strict(), () => v.consentEntryView),
  // Incidents: abuse, bullying, inappropriate content and concerns on a channel, with evidence
  // captured before any delete, the actions taken, escalation, and closure.
  'incident.add': method(
    RESPONDERS,
    () => z.object({ channel: f.channelRef, summary: f.shortText, kind: f.incidentKind.optional(), inbox: f.recordId.optional() }).strict(),
    () => v.incidentView,
  ),
  'incident.addEvidence': method(
    RESPONDERS,
    () => z.object({ id: f.recordId, name: f.evidenceName, mediaType: f.evidenceMediaType, contentBase64: f.evidenceContent }).strict(),
    () => v.incidentView,
  ),
  'incident.update': method(
    RESPONDERS,
    () => z
      .object({
        id: f.recordId,
        action: f.incidentAction.optional(),
        audienceTold: z.boolean().optional(),
        escalate: f.escalationTarget.optional(),
        close: z.literal(true, { message: 'must be true (leave it out to keep the incident open)' }).optional(),
      })
      .strict()
      .refine((u) => u.action !== undefined || u.audienceTold !== undefined || u.escalate !== undefined || u.close !== undefined, {
        message: 'say what changed: an action, whether the audience was told, an escalation, or closing it',
      }),
    () => v.incidentView,
  ),
  'incident.list': method(ALL, () => z.object({ open: z.boolean().optional() }).strict(), () => z.array(v.incidentView)),
  'monitor.rota': method(ALL, () => empty, () => z.array(v.rotaView)),
  'monitor.assign': method(
    ADMIN,
    () => z
      .object({
        channel: f.channelRef,
        email: f.email,
        days: z.array(z.enum(v.weekdays, { message: 'must be days written mon, tue, wed, thu, fri, sat or sun' })).min(1, 'must name at least one day').max(7),
      })
      .strict(),
    () => v.rotaView,
  ),
  'monitor.unassign': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, days: z.array(z.enum(v.weekdays, { message: 'must be days written mon, tue, wed, thu, fri, sat or sun' })).min(1, 'must name at least one day').max(7) }).strict(),
    () => v.rotaView,
  ),
  // Posts: composed by a poster or an admin with a specific intended outcome, checked per
  // platform and against the pre-publication checklist, approved by a second operator (not the
  // author; an admin, or a poster trained in date), then scheduled: one target per channel,
  // which the publishing engine moves along. The core enforces author and approver rules.
  'post.create': method(
    RESPONDERS,
    () => z
      .object({
        channels: f.postChannels,
        text: f.postText,
        outcome: f.intendedOutcome,
        variants: z.array(f.postVariant).max(15, 'must be at most 15').optional(),
        media: z.array(f.postMediaItem).max(POST_MEDIA_MAX_FILES, `must be at most ${POST_MEDIA_MAX_FILES} files`).optional(),
        pupils: f.pupilsDeclaration,
        checklist: f.authorChecklist.optional(),
        at: f.postAt.optional(),
      })
      .strict(),
    () => v.postView,
  ),
  'post.update': method(
    RESPONDERS,
    () => z
      .object({
        id: f.recordId,
        text: f.postText.optional(),
        outcome: f.intendedOutcome.optional(),
        variants: z.array(f.postVariant).max(15, 'must be at most 15').optional(),
        media: z.array(z.object({ id: f.recordId, alt: f.altText }).strict()).max(POST_MEDIA_MAX_FILES).optional(),
        at: f.postAt.nullable().optional(),
        checklist: f.authorChecklist.optional(),
      })
      .strict()
      .refine((u) => Object.keys(u).some((key) => key !== 'id'), { message: 'say what changed: text, outcome, variants, media alt text, the time or the checklist' }),
    () => v.postView,
  ),
  'post.approve': method(
    RESPONDERS,
    () => z
      .object({
        id: f.recordId,
        checklist: z
          .object({
            confirmed: z.literal(true, { message: 'must be true: you have checked the post against the checklist' }),
            noListedPupilIdentifiable: z.boolean().optional(),
          })
          .strict(),
        // The version the approver looked at: approval is refused if the post changed since.
        version: z.number().int().positive().optional(),
      })
      .strict(),
    () => v.postView,
  ),
  'post.cancel': method(RESPONDERS, () => z.object({ id: f.recordId }).strict(), () => v.postView),
  'post.delete': method(ADMIN, () => z.object({ id: f.recordId }).strict(), () => z.object({ id: z.number().int(), filesRemoved: z.number().int() })),
  'post.list': method(ALL, () => z.object({ status: f.postStatus.optional() }).strict(), () => z.array(v.postView)),
  // Failed and needs-review targets go back to scheduled, due now (only those: a partly
  // published post retries only its failed channels).
  'post.retry': method(ADMIN, () => z.object({ id: f.recordId }).strict(), () => v.postView),
  // Publishing: a channel connected with a ready token obtained elsewhere; the token goes to
  // the keychain only. One pass of the publishing engine, as the headless scheduler runs it.
  'channel.connect': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, token: f.channelToken, accountId: f.platformAccountId }).strict(),
    () => v.connectionView,
  ),
  // The same through another API address (a proxy, a test server): the command line's only,
  // so a compromised window cannot send a channel's token to a host of its choosing. The
  // window's connect keeps whatever address the channel was given here.
  'channel.connectVia': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, token: f.channelToken, accountId: f.platformAccountId, apiBase: f.apiBase }).strict(),
    () => v.connectionView,
    CLI,
  ),
  // OAuth: the trust's app registration per platform (client id, and the secret where the
  // platform's token exchange needs one: both to the keychain only), then a channel connected
  // by signing in through the system browser (authorization code with PKCE, a loopback
  // listener on 127.0.0.1). The call waits for the browser, at most 5 minutes.
  'platform.app': method(
    ADMIN,
    () => z
      .object({
        platform: f.platform,
        // Absent: only the redirect port or LinkedIn flow changes; the saved id and secret stay.
        clientId: f.oauthClientId.optional(),
        clientSecret: f.oauthClientSecret.optional(),
        // Absent: kept as saved (a new app: the platform's default port, LinkedIn's standard flow).
        redirectPort: f.redirectPort.optional(),
        linkedinFlow: f.linkedinFlow.optional(),
        // Facebook and Instagram only: a Facebook Login for Business app's configuration.
        configId: f.metaConfigId.optional(),
      })
      .strict(),
    () => v.platformAppView,
    TRUST,
  ),
  // Where the platform's sign-in and token exchange are (a proxy, a test server; absent: the
  // platform's own): the command line's only, as for API addresses.
  'platform.appAddresses': method(
    ADMIN,
    () => z.object({ platform: f.platform, authorizeUrl: f.oauthUrl.nullable(), tokenUrl: f.oauthUrl.nullable() }).strict(),
    () => v.platformAppView,
    CLI_TRUST,
  ),
  'platform.apps': method(ADMIN, () => empty, () => z.array(v.platformAppView)),
  'channel.connectOAuth': method(ADMIN, () => z.object({ channel: f.channelRef, accountId: f.platformAccountId.optional() }).strict(), () => v.connectionView),
  'channel.connectOAuthVia': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, accountId: f.platformAccountId.optional(), apiBase: f.apiBase }).strict(),
    () => v.connectionView,
    CLI,
  ),
  'channel.connections': method(ALL, () => empty, () => z.array(v.connectionView)),
  'scheduler.runOnce': method(ADMIN, () => empty, () => v.schedulerRunView, { trustWide: true, publisher: true }),
  // Makes this computer's publisher key (its private half in the keychain, or a new 0400 file for
  // a headless box), signed by the enrolling administrator; replaces the previous publisher.
  'publisher.enrol': method(ADMIN, () => z.object({ keyFile: f.filePath.optional() }).strict(), () => v.publisherEnrolView, CLI_TRUST),
  // Assisted manual publishing, for channels without API access: a channel set to be published
  // by hand has its due posts waiting for a person ('manual'), who copies the channel's text
  // (main's clipboard, cleared as for passwords), posts it on the platform and records its address.
  'channel.setManual': method(ADMIN, () => z.object({ channel: f.channelRef, manual: z.boolean() }).strict(), () => v.manualChannelView),
  'post.manualCopy': method(
    RESPONDERS,
    () => z.object({ id: f.recordId, channel: f.channelRef }).strict(),
    () => z.object({ copied: z.literal(true), clearsAfterSeconds: z.number().int() }),
  ),
  'post.manualRecord': method(RESPONDERS, () => z.object({ id: f.recordId, channel: f.channelRef, url: f.publishedPostUrl }).strict(), () => v.postView),
  // The signed annual review pack (PDF, XLSX, JSON, audit CSV, manifest + Ed25519 signature),
  // written to a folder the CLI or main's dialog names. The default period is the last 12
  // months, to today. Administrators and trust-wide auditors export the whole
  // trust or one school; an SLT auditor exports their own school only (the core checks, as for
  // audit.list). Anyone signed in may verify a pack against this vault's signing key.
  'review.export': method(
    OVERSIGHT,
    () => reviewPeriodChecks(z.object({ from: f.isoDate.optional(), to: f.isoDate.optional(), out: f.packFolder, school: f.schoolCode.optional() }).strict()),
    () => v.reviewExportView,
    CLI,
  ),
  'review.verify': method(ALL, () => z.object({ dir: f.packFolder }).strict(), () => v.reviewVerifyView, CLI),
  // The desktop window's way to the same pack: main's own folder dialog names the folder (the
  // window never does), a new folder is made inside the chosen one, and closing the dialog
  // does nothing ({ cancelled }). review.progress is the step the window's export is on.
  'review.defaults': method(OVERSIGHT, () => empty, () => v.reviewDefaultsView),
  'review.exportToChosenFolder': method(
    OVERSIGHT,
    () => reviewPeriodChecks(z.object({ from: f.isoDate.optional(), to: f.isoDate.optional(), school: f.schoolCode.optional() }).strict()),
    () => z.union([v.reviewExportView, v.folderCancelledView]),
  ),
  'review.progress': method(OVERSIGHT, () => empty, () => v.reviewProgressView),
  'review.verifyChosenFolder': method(ALL, () => empty, () => z.union([v.reviewVerifyView.extend({ dir: z.string() }), v.folderCancelledView])),
  // Moving a vault to a new computer: one file with the database, the evidence and media files
  // and every keychain entry of the vault, sealed with a passphrase (scrypt + AES-256-GCM). The
  // core writes and reads it at a path named by the CLI or main's file dialog. Import is public:
  // it runs where there is no vault yet (like vault.init), and only into an empty data folder.
  'transfer.export': method(
    ADMIN,
    () => z.object({ path: f.filePath, passphrase: f.transferPassphrase }).strict(),
    () => z.object({ path: z.string(), exportedAt: z.string(), entries: z.number().int(), files: z.number().int(), bytes: z.number().int() }),
    CLI_TRUST,
  ),
  'transfer.import': method(
    'public',
    () => z.object({ path: f.filePath, passphrase: z.string().min(1, 'must not be empty').max(1024), replace: z.boolean().default(false) }).strict(),
    () => z.object({ vaultId: z.string(), trustName: z.string().nullable(), exportedAt: z.string(), entries: z.number().int(), files: z.number().int() }),
    CLI,
  ),
  // Backups of the database (the keychain entries are not in them): made, listed and restored
  // by an administrator. A restore ends every session (docs/backups.md).
  'backup.create': method(ADMIN, () => empty, () => v.backupView, TRUST),
  'backup.list': method(ADMIN, () => empty, () => v.backupListView, TRUST),
  // A backup in the backup folder, by its id (the window's Restore), or any backup file by its
  // full path (the command line's only).
  'backup.restore': method(ADMIN, () => z.object({ id: f.backupId }).strict(), () => v.backupRestoreView, TRUST),
  'backup.restoreFile': method(ADMIN, () => z.object({ file: f.backupPath }).strict(), () => v.backupRestoreView, CLI_TRUST),
  'backup.setFolder': method(ADMIN, () => z.object({ folder: f.backupPath }).strict(), () => z.object({ folder: z.string() }), CLI_TRUST),
  // The window's "Change…": main's folder dialog names the folder, then as backup.setFolder.
  'backup.chooseFolder': method(ADMIN, () => empty, () => z.union([z.object({ folder: z.string() }), v.folderCancelledView]), TRUST),
  // The recovery kit (design: keys-and-server.md): made once, printed and locked away; each use is
  // an audited ceremony. The kit's words come from a file named on the command line, so these are
  // the command line's only. recovery.admin is public: it is for when no administrator can sign in.
  'recovery.createKit': method(ADMIN, () => z.object({ path: f.backupPath }).strict(), () => z.object({ checksum: z.string(), path: z.string() }), CLI_TRUST),
  'recovery.grant': method(ADMIN, () => z.object({ channel: f.channelRef, email: f.email, kit: f.recoveryKitText }).strict(), () => v.grantView, CLI_TRUST),
  // The window's kit: main's folder dialog names where it goes and the core names the file; the
  // window gets the checksum words and the file's name. The 24 words reach the window only by an
  // explicit, audited reveal, in the session that made the kit and for a short while after
  // (recovery/kit-words.store.ts). Whether a kit exists is no secret: the Data page shows it.
  'recovery.kitStatus': method(OVERSIGHT, () => empty, () => v.recoveryKitStatusView),
  'recovery.createKitInChosenFolder': method(ADMIN, () => empty, () => z.union([v.recoveryKitMadeView, v.folderCancelledView]), TRUST),
  'recovery.revealWords': method(ADMIN, () => empty, () => z.object({ words: z.array(z.string()).length(24) }), TRUST),
  'recovery.confirmKit': method(ADMIN, () => z.object({ checksum: f.kitChecksumWords }).strict(), () => z.object({ confirmed: z.literal(true) }), TRUST),
  'recovery.admin': method(
    'public',
    () => z.object({ email: f.email, kit: f.recoveryKitText, passphrase: f.passphrase }).strict(),
    () => z.object({ email: z.string(), consoleRole: z.literal('admin'), created: z.boolean() }),
    CLI,
  ),
} as const;
