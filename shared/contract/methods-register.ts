import { z } from 'zod';
import { auditOutcomes } from '../domain/enums';
import { handleProblem } from '../domain/handle';
import * as f from './fields';
import { ADMIN, ALL, CLI_TRUST, done, empty, method, OVERSIGHT, TRUST } from './method-table';
import * as v from './views';

/** The contract's first half: the vault, sign-in, people, the register, secrets, the trail, training, the calendar and imports (methods.ts joins the halves). */
export const registerMethods = {
  'vault.status': method('public', () => empty, () => z.object({ initialized: z.boolean(), trustName: z.string().nullable() })),
  'vault.init': method(
    'public',
    () => z.object({ trustName: f.personName, adminName: f.personName, adminEmail: f.email, passphrase: f.passphrase }).strict(),
    () => z.object({ vaultId: z.string(), trustName: z.string() }),
  ),
  'auth.signIn': method(
    'public',
    // The passphrase is checked, not validated: a short one simply does not match.
    () => z.object({ email: f.email, passphrase: z.string().min(1, 'must not be empty').max(1024) }).strict(),
    // offerRecoveryKit: the first administrator sign-in of a vault without a kit (once; keys/recovery-offer.ts).
    () => z.object({ token: z.string(), operator: v.operatorView, offerRecoveryKit: z.boolean() }),
  ),
  // Public so first run can use it; stores and logs nothing. The core checks again where a passphrase is set.
  'auth.passphraseStrength': method(
    'public',
    () => z.object({ passphrase: z.string().max(1024, 'must be at most 1024 characters'), name: z.string().max(200).optional(), email: z.string().max(320).optional() }).strict(),
    () => v.passphraseStrengthView,
  ),
  'auth.signOut': method(ALL, () => empty, () => done),
  'auth.whoami': method(ALL, () => empty, () => v.operatorView),
  'auth.changePassphrase': method(
    ALL,
    () => z.object({ current: z.string().min(1, 'must not be empty').max(1024), next: f.passphrase }).strict(),
    () => done,
  ),
  'example.load': method(
    ADMIN,
    () => z.object({ demo: z.boolean().default(false), demoPassphrase: f.passphrase.optional() }).strict(),
    () => z.object({ schools: z.number().int(), channels: z.number().int(), people: z.number().int(), grants: z.number().int() }),
    TRUST,
  ),
  'dashboard.summary': method(ALL, () => empty, () => v.dashboardView),
  'school.add': method(ADMIN, () => z.object({ name: f.personName, code: f.schoolCode }).strict(), () => v.schoolView, TRUST),
  'school.list': method(ALL, () => empty, () => z.array(v.schoolView)),
  'person.add': method(
    ADMIN,
    () => z
      .object({
        name: f.personName,
        email: f.email,
        role: f.personRole,
        school: f.schoolCode.optional(),
        consoleRole: f.consoleRole.optional(),
        passphrase: f.passphrase.optional(),
      })
      .strict()
      .refine((p) => p.role === 'core-team' || p.school !== undefined, {
        message: 'is needed for SLT and staff members, who belong to a school',
        path: ['school'],
      })
      .refine((p) => (p.consoleRole === undefined) === (p.passphrase === undefined), {
        message: 'is needed for a console operator, and only operators have one',
        path: ['passphrase'],
      }),
    () => v.personView,
    TRUST,
  ),
  // An administrator sets a one-time passphrase for someone who forgot theirs (design: keys,
  // "Passphrases"): their key is retired and their grants wait for their new key. Another
  // administrator's needs a second administrator's passphrase or the recovery kit (its words come
  // from a file named on the command line, as for the recovery ceremonies).
  'person.resetPassphrase': method(
    ADMIN,
    () => z
      .object({
        email: f.email,
        passphrase: f.passphrase,
        secondAdmin: z.object({ email: f.email, passphrase: z.string().min(1, 'must not be empty').max(1024) }).strict().optional(),
        kit: f.recoveryKitText.optional(),
      })
      .strict()
      .refine((r) => r.secondAdmin === undefined || r.kit === undefined, {
        message: "goes without a second administrator's sign-in: give one or the other, not both",
        path: ['kit'],
      }),
    () => z.object({ person: v.personView, keyRetired: z.boolean(), grantsWaiting: z.number().int() }),
    CLI_TRUST,
  ),
  'person.list': method(OVERSIGHT, () => empty, () => z.array(v.personView)),
  'person.markLeft': method(
    ADMIN,
    () => z.object({ email: f.email, on: f.isoDate }).strict(),
    // A leaver's access ends with them: the channels whose login details they held, now revoked.
    () => z.object({ person: v.personView, revokedChannels: z.array(z.string()) }),
    TRUST,
  ),
  'channel.add': method(
    ADMIN,
    () => z
      .object({
        platform: f.platform,
        handle: f.handle,
        name: f.personName.optional(),
        school: f.schoolCode.optional(),
        registrationEmail: f.email.optional(),
      })
      .strict()
      .superRefine((c, ctx) => {
        const problem = handleProblem(c.platform, c.handle);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['handle'] });
      }),
    () => v.channelView,
  ),
  'channel.update': method(
    ADMIN,
    () => z
      .object({
        channel: f.channelRef,
        twoFactor: f.twoFactor.optional(),
        purpose: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
        mailboxDedicated: z.boolean().optional(),
        mailboxAccess: z.array(f.email).max(50).optional(),
        registrationEmail: f.email.optional(),
      })
      .strict(),
    () => v.channelView,
  ),
  'channel.list': method(ALL, () => empty, () => z.array(v.channelView)),
  'secret.set': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, kind: f.secretKind, value: f.secretValue }).strict(),
    () => z.object({ channel: z.string(), kind: z.string(), rotated: z.boolean() }),
  ),
  'secret.reveal': method(
    ALL,
    () => z.object({ channel: f.channelRef, kind: f.revealableKind, reason: f.reason }).strict(),
    () => z.object({ value: z.string() }),
  ),
  'secret.copy': method(
    ALL,
    () => z.object({ channel: f.channelRef, kind: f.revealableKind, reason: f.reason }).strict(),
    () => z.object({ copied: z.literal(true) }),
  ),
  'totp.code': method(
    ALL,
    () => z.object({ channel: f.channelRef, reason: f.reason }).strict(),
    // The next code too (one audited use covers both): a code with a few seconds left is
    // hard to type in time, so the window shows the next one alongside it.
    () => z.object({ code: z.string(), secondsLeft: z.number().int(), period: z.number().int(), nextCode: z.string() }),
  ),
  // A TOTP secret read from a QR code image that main (or the CLI) opens itself: the
  // renderer names only where the image comes from, never a file path, and never sees the secret.
  'totp.importQr': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, source: z.enum(['file', 'clipboard'], { message: 'must be file or clipboard' }) }).strict(),
    () => z.union([z.object({ channel: z.string(), rotated: z.boolean() }), z.object({ cancelled: z.literal(true) })]),
  ),
  'access.grant': method(ADMIN, () => z.object({ channel: f.channelRef, email: f.email }).strict(), () => v.grantView),
  'access.revoke': method(
    ADMIN,
    () => z.object({ channel: f.channelRef, email: f.email, reason: f.reason.optional() }).strict(),
    () => v.grantView,
  ),
  'access.list': method(
    ALL,
    () => z.object({ channel: f.channelRef.optional(), includeRevoked: z.boolean().default(false) }).strict(),
    () => z.array(v.grantView),
  ),
  'audit.list': method(
    OVERSIGHT,
    () => z
      .object({
        channel: f.channelRef.optional(),
        actor: f.email.optional(),
        school: f.schoolCode.optional(),
        since: f.isoDateTime.optional(),
        until: f.isoDateTime.optional(),
        // An action name as recorded (e.g. 'secret.reveal'); the closed set grows with features.
        action: z.string().trim().regex(/^[a-z][a-z-]*(\.[a-z][a-zA-Z_-]*)+$/, 'must be an action name such as secret.reveal').max(60).optional(),
        outcome: z.enum(auditOutcomes).optional(),
        // Leaves out the successful sign-ins, which otherwise fill a page (refused ones stay: they matter).
        withoutSignIns: z.boolean().optional(),
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(100),
      })
      .strict(),
    () => z.array(v.auditEventView),
  ),
  'audit.verify': method(OVERSIGHT, () => empty, () => v.auditVerifyView),
  // Training: who was trained, when, and by which account administrator.
  'training.record': method(
    ADMIN,
    () => z
      .object({
        email: f.email,
        on: f.isoDate,
        trainer: f.email.optional(),
        note: z.string().trim().max(500, 'must be at most 500 characters').optional(),
      })
      .strict(),
    () => v.trainingView,
  ),
  'training.list': method(OVERSIGHT, () => empty, () => z.array(v.trainingView)),
  // The school calendar: term dates per school (or TRUST), bank holidays for all. Files are read
  // by the caller and passed as text; a file with any bad line changes nothing.
  'calendar.importTerms': method(
    ADMIN,
    () => z.object({ scope: f.calendarScope, csv: f.fileText(200 * 1024, '200 KB') }).strict(),
    () => v.calendarView,
  ),
  'calendar.importBankHolidays': method(
    ADMIN,
    () => z
      .object({
        json: f.fileText(2 * 1024 * 1024, '2 MB'),
        division: z
          .enum(['england-and-wales', 'scotland', 'northern-ireland'], { message: 'must be england-and-wales, scotland or northern-ireland' })
          .default('england-and-wales'),
      })
      .strict(),
    () => v.bankHolidayImportView,
    TRUST,
  ),
  'calendar.show': method(ALL, () => z.object({ scope: f.calendarScope }).strict(), () => v.calendarView),
  // Imports (docs/imports.md): the register (channels, people, holders) from a CSV, and channel
  // credentials from a password manager's export. All or nothing; a dry run changes nothing.
  'import.register': method(ADMIN, () => z.object({ csv: f.fileText(5 * 1024 * 1024, '5 MB'), dryRun: z.boolean() }).strict(), () => v.registerImportView, TRUST),
  'import.credentials': method(
    ADMIN,
    () => z
      .object({
        format: z.enum(v.credentialImportFormats, { message: `must be one of ${v.credentialImportFormats.join(', ')}` }),
        content: f.fileText(5 * 1024 * 1024, '5 MB'),
        dryRun: z.boolean(),
      })
      .strict(),
    () => v.credentialImportView,
    TRUST,
  ),
  // The window's way to the same imports: main's own dialog picks and reads the file, so its text
  // (passwords, for a password manager's export) never passes through the page. chooseFile
  // previews it (a dry run) and keeps it for this session for 10 minutes; applyChosen imports
  // exactly that text; discard forgets it. Cancelling the dialog does nothing ({ cancelled }).
  'import.chooseFile': method(
    ADMIN,
    () => z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('register') }).strict(),
      z.object({ kind: z.literal('credentials'), format: z.enum(v.credentialImportFormats, { message: `must be one of ${v.credentialImportFormats.join(', ')}` }) }).strict(),
    ]),
    () => z.union([v.chosenImportView, v.folderCancelledView]),
    TRUST,
  ),
  'import.applyChosen': method(ADMIN, () => z.object({ importId: f.chosenImportId }).strict(), () => v.appliedImportView, TRUST),
  'import.discard': method(ADMIN, () => z.object({ importId: f.chosenImportId }).strict(), () => done, TRUST),
} as const;
