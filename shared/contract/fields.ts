import { z } from 'zod';
import { consoleRoles, personRoles, platforms, secretKinds, twoFactorStates } from '../domain/enums';
import { parseChannelRef } from '../domain/handle';
import { linkedinFlows, MAX_REDIRECT_PORT, MIN_REDIRECT_PORT } from '../domain/oauth-redirects';
import { inboxKinds } from '../compliance/compliance-snapshot';
import { POST_MEDIA_MAX_BYTES, postMediaTypes } from '../posts/media-types';
import { consentReasons, escalationTargets, EVIDENCE_MAX_BYTES, incidentActions, incidentKinds, responseHows } from './field-values';

export { consentReasons, escalationTargets, EVIDENCE_MAX_BYTES, incidentActions, incidentKinds, responseHows };

/** Field schemas shared by several methods. Messages name what is wrong, never echo values. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must look like name@school.org.uk' }));

export const personName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const schoolCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{2,12}$/, 'must be 2 to 12 letters or digits, such as PPA')
  .transform((code) => code.toUpperCase());

export const isoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be a date and time in ISO 8601, such as 2026-11-24T09:00:00Z' });

export const platform = z.enum(platforms, { message: `must be one of ${platforms.join(', ')}` });
export const personRole = z.enum(personRoles, { message: `must be one of ${personRoles.join(', ')}` });
export const consoleRole = z.enum(consoleRoles, { message: `must be one of ${consoleRoles.join(', ')}` });
export const twoFactor = z.enum(twoFactorStates, { message: `must be one of ${twoFactorStates.join(', ')}` });
export const secretKind = z.enum(secretKinds, { message: `must be one of ${secretKinds.join(', ')}` });
export const revealableKind = z.enum(['password', 'recovery-codes'], {
  message: 'must be password or recovery-codes (use a TOTP code instead of revealing the 2FA secret)',
});

export const channelRef = z
  .string()
  .trim()
  .refine((text) => parseChannelRef(text) !== null, {
    message: 'must be platform:handle (for example x:@pendleeducation) or a channel id',
  });

export const handle = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const reason = z
  .string()
  .trim()
  .min(3, 'must say why, in at least 3 characters')
  .max(500, 'must be at most 500 characters');

/** Passphrases are compared byte for byte, so they are not trimmed. */
export const passphrase = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(1024, 'must be at most 1024 characters');

/** A transfer file's passphrase: it alone guards every secret in the file, so it is longer than a sign-in one. */
export const transferPassphrase = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters');

/** A file on this computer, named by the CLI or main's file dialog; the core checks it is absolute. */
export const filePath = z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters');

export const secretValue = z
  .string()
  .min(1, 'must not be empty')
  .max(64 * 1024, 'must be at most 64 KB')
  .refine((value) => value.trim() !== '', 'must not be only spaces');

/** A calendar: the trust's own (TRUST, for trust channels) or a school's, by its code. */
export const calendarScope = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{2,12}$/, 'must be a school code such as PPA, or TRUST for the trust’s own calendar')
  .transform((code) => code.toUpperCase());

/** The id the core gave a file chosen for import in the window (import.chooseFile). */
export const chosenImportId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not an import id');

/** A file's text passed through the contract (the CLI or the window reads the file). */
export function fileText(maxBytes: number, sizeText: string) {
  return z
    .string()
    .max(maxBytes, `must be at most ${sizeText}`)
    .refine((text) => text.trim() !== '', 'is empty');
}

/** The inbox: what kind of message, and how it was answered (any of the three stops the clock). */
export const inboxKind = z.enum(inboxKinds, { message: `must be one of ${inboxKinds.join(', ')}` });
export const responseHow = z.enum(responseHows, { message: `must be one of ${responseHows.join(', ')}` });

/** A short note or summary: minimal personal data, so at most 500 characters. */
export const shortText = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
export const optionalNote = z.string().trim().max(500, 'must be at most 500 characters');

/** A record's id, as the lists show it. */
export const recordId = z.number().int('must be a whole number').positive('must be at least 1');

/** The consent register: why a person's image must not be published (field-values.ts). */
export const consentReason = z.enum(consentReasons, { message: `must be one of ${consentReasons.join(', ')}` });
/** A name or initials only: the register keeps what a poster needs to avoid publishing a child. */
export const consentName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters (a name or initials)');
export const className = z.string().trim().max(40, 'must be at most 40 characters');
export const consentNote = z.string().trim().max(300, 'must be at most 300 characters');

/** Incidents: what happened, what was done on the platform, and who it was reported to. */
export const incidentKind = z.enum(incidentKinds, { message: `must be one of ${incidentKinds.join(', ')}` });
export const incidentAction = z.enum(incidentActions, { message: `must be one of ${incidentActions.join(', ')}` });
export const escalationTarget = z.enum(escalationTargets, { message: `must be one of ${escalationTargets.join(', ')}` });

/**
 * Evidence files pass through the contract as base64, never as a path: the window or the CLI
 * reads the file and the core stores it. Screenshots, PDFs and plain text only.
 */
export const evidenceMediaTypes = ['image/png', 'image/jpeg', 'application/pdf', 'text/plain'] as const;
export const evidenceMediaType = z.enum(evidenceMediaTypes, { message: `must be one of ${evidenceMediaTypes.join(', ')}` });
export const evidenceContent = z
  .string()
  .min(1, 'is empty')
  .max(Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4, 'must be at most 15 MB')
  .refine((text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), 'must be base64');
/** The file's own name (its basename): shown to people, never used as a path. */
export const evidenceName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && !name.includes('..'), 'must be a file name only, without / \\ or ..');

/**
 * Posts: one text with per-channel variants, media passed as base64 (never a path), a
 * declaration of whether pupils appear, the author's checklist, and when to publish.
 */
export const postStatuses = ['draft', 'awaiting-approval', 'approved', 'scheduled', 'cancelled'] as const;
export const postStatus = z.enum(postStatuses, { message: `must be one of ${postStatuses.join(', ')}` });
/** 'manual': due on a channel published by hand, waiting for a person to post it and record its address. */
export const postTargetStates = ['scheduled', 'claimed', 'remote_created', 'published', 'failed', 'needs_review', 'cancelled', 'manual'] as const;
/** The address of a post published by hand; the core checks it is https on that platform's own site. */
export const publishedPostUrl = z.string().trim().min(1, 'must not be empty: paste the address of the published post').max(2048, 'must be at most 2048 characters');
/** The longest text any platform takes (Facebook's 63,206 characters): nothing longer can ever be published. */
export const POST_TEXT_MAX = 63_206;
export const postText = z
  .string()
  .max(POST_TEXT_MAX, 'must be at most 63,206 characters (the most any platform takes)')
  .refine((text) => text.trim() !== '', 'must not be empty');
export const variantText = z.string().max(POST_TEXT_MAX, 'must be at most 63,206 characters (the most any platform takes)');
export const postTitle = z.string().trim().max(1000, 'must be at most 1000 characters');
/** The policy asks for "specific intended outcomes": what this post is for, in a sentence. */
export const intendedOutcome = z
  .string()
  .trim()
  .min(10, 'must say what the post is for, in at least 10 characters (the policy asks for specific intended outcomes)')
  .max(500, 'must be at most 500 characters');
export const postChannels = z
  .array(channelRef)
  .min(1, 'must name at least one channel')
  .max(15, 'must be at most 15 channels')
  .refine((refs) => {
    const keys = refs.map((ref) => JSON.stringify(parseChannelRef(ref)));
    return new Set(keys).size === keys.length;
  }, 'must not name the same channel twice');
/** When to publish: an instant, or 'now' (as soon as it is approved). */
export const postAt = z.union([z.literal('now'), isoDateTime], { message: 'must be "now" or a date and time in ISO 8601, such as 2026-11-24T09:00:00Z' });
/** Alt text: what the image shows, for people using screen readers (X takes up to 1,000 characters). */
export const altText = z.string().trim().min(1, 'must describe the image (for people using screen readers)').max(1000, 'must be at most 1000 characters');
export const postMediaType = z.enum(postMediaTypes, { message: `must be one of ${postMediaTypes.join(', ')}` });
export const postMediaContent = z
  .string()
  .min(1, 'is empty')
  .max(Math.ceil(POST_MEDIA_MAX_BYTES / 3) * 4, 'must be at most 50 MB')
  .refine((text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), 'must be base64');
/**
 * The same image at a public https address (e.g. on the school website): Instagram's API fetches
 * the image from there and cannot take it from this computer.
 */
export const mediaPublicUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  // https, a dotted host name, no user name or password (shared code has no URL class to parse with).
  .regex(/^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?(\/[^\s]*)?$/i, 'must be a public https address, such as https://www.school.org.uk/news/sports-day.jpg');
export const postMediaItem = z
  .object({ name: evidenceName, mediaType: postMediaType, contentBase64: postMediaContent, alt: altText.optional(), publicUrl: mediaPublicUrl.optional() })
  .strict()
  .refine((m) => !m.mediaType.startsWith('image/') || m.alt !== undefined, {
    message: 'is required for an image: describe what it shows, for people using screen readers',
    path: ['alt'],
  });
/** Whether pupils appear in the media: none, present, or named entries of the no-publish list. */
export const pupilsDeclaration = z.union(
  [
    z.enum(['none', 'present']),
    z.object({ named: z.array(recordId).min(1, 'must name at least one entry of the no-publish list').max(50, 'must be at most 50 entries') }).strict(),
  ],
  { message: 'must be none, present, or { named: [ids of no-publish list entries] }' },
);
/** What the author confirms; absent, the post is a draft. */
export const authorChecklist = z
  .object({
    adultsConsented: z.boolean(),
    rightsConfirmed: z.boolean(),
    dosAndDontsAcknowledged: z.boolean(),
    noListedPupilIdentifiable: z.boolean().optional(),
  })
  .strict();
export const postVariant = z.object({ channel: channelRef, text: variantText.optional(), title: postTitle.optional() }).strict();

/** A ready API token for a channel (from stdin in the CLI): kept only in the keychain, never echoed. */
export const channelToken = z
  .string()
  .min(1, 'must not be empty')
  .max(8 * 1024, 'must be at most 8 KB')
  .refine((value) => value.trim() !== '' && !/[\r\n]/.test(value.trim()), 'must be one line, not only spaces');
/** The page/user/organisation/channel id on the platform. */
export const platformAccountId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((id) => !/\s|\//.test(id), 'must be the id on the platform, without spaces or /');
/** A proxy base for a channel's API (checked in the core: https, or http on 127.0.0.1, ::1 or localhost only). */
export const apiBase = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
export const connectionStatuses = ['connected', 'reconnect-needed'] as const;
export const connectionAuths = ['token', 'oauth'] as const;
/** A platform app's OAuth client id (from the platform's developer console): kept in the keychain. */
export const oauthClientId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters')
  .refine((id) => !/\s/.test(id), 'must be the client id as the platform shows it, without spaces');
/** A platform app's client secret (from stdin in the CLI): kept only in the keychain, never echoed. */
export const oauthClientSecret = z
  .string()
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters')
  .refine((secret) => !/[\r\n]/.test(secret), 'must be one line');
/** The fixed loopback port a platform's sign-in comes back to (registered in its developer console). */
export const redirectPort = z
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(MIN_REDIRECT_PORT, `must be from ${MIN_REDIRECT_PORT} to ${MAX_REDIRECT_PORT} (ports below ${MIN_REDIRECT_PORT} are the system's)`)
  .max(MAX_REDIRECT_PORT, `must be from ${MIN_REDIRECT_PORT} to ${MAX_REDIRECT_PORT}`);
export const linkedinFlow = z.enum(linkedinFlows, { message: `must be one of ${linkedinFlows.join(', ')}` });
/**
 * A Facebook Login for Business configuration id (the Meta app's dashboard: Facebook Login for
 * Business → Configurations): not a secret; digits only, as Meta shows it.
 */
export const metaConfigId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(30, 'must be at most 30 digits')
  .regex(/^\d+$/, 'must be the Configuration ID from Facebook Login for Business → Configurations: digits only');
/** A sign-in or token address for a proxy or a test (checked in the core like an API base). */
export const oauthUrl = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
/** What a post's targets add up to: derived, never stored. */
export const postPublications = ['waiting', 'publishing', 'published', 'partly published', 'failed', 'needs review', 'cancelled'] as const;

/** Backups: kinds, and how one is named (its id, the file name without .sqlite3) or found (an absolute path). */
export const backupKinds = ['daily', 'weekly', 'manual', 'pre-migration'] as const;
export const backupId = z
  .string()
  .trim()
  .regex(/^custodian-[0-9TZ-]+-(daily|weekly|manual|pre-migration)(-\d+)?$/, 'must be a backup id as "custodian backup list" shows it');
export const backupPath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters')
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), { message: 'must be a full path to a folder or file' });
/**
 * A review pack's folder, named by the CLI or main's folder dialog (never typed in the window):
 * a full path, so it cannot depend on where the app happened to start.
 */
export const packFolder = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .refine((path) => (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')) && !path.includes('\0'), {
    message: 'must be a full (absolute) path to a folder',
  });

/** A recovery kit's text (the kit's own text, its PDF's text, or the 24 words typed): read by the core. */
export const recoveryKitText = z.string().min(1, 'must not be empty').max(65_536, 'must be at most 64 KB');

/** The three checksum words printed on a kit, as typed back (any case, spaces or commas between): compared by the core. */
export const kitChecksumWords = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
