import type { CredentialImportView } from '../../../shared/contract/views';
import { formatChannelRef } from '../../../shared/domain/handle';
import { importRefused } from '../calendar/calendar.view';
import { channelHandlers } from '../channels/channels.handlers';
import { channelById } from '../channels/channels.repo';
import { clearStaleKeychainCopy, prepareSecretWrite, recordSecretWrite, type SecretWrite } from '../credentials/store-secret';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { parseBitwardenJson } from './bitwarden.parser';
import type { ParsedCredentials } from './credential-entry';
import { planCredentials, type CredentialPlan } from './credential-plan';
import { parseCredentialsCsv } from './credentials-csv.parser';
import { parseKeePassXml } from './keepass.parser';

type Format = CredentialImportView['format'];

const readers: Record<Format, { what: string; parse: (content: string) => ParsedCredentials }> = {
  'bitwarden-json': { what: 'The Bitwarden export', parse: parseBitwardenJson },
  'keepass-xml': { what: 'The KeePass export', parse: parseKeePassXml },
  csv: { what: 'The CSV file', parse: parseCredentialsCsv },
};

/**
 * One transaction with every secret (encrypted and sealed to the holders; the importer becomes a
 * holder of what they import, as any setter does), the registration emails and all the audit
 * events: if anything fails, nothing was written.
 */
async function apply(ctx: HandlerContext, plan: CredentialPlan, view: CredentialImportView): Promise<void> {
  const db = ctx.vault.data;
  const writes: SecretWrite[] = [];
  for (const s of plan.secrets) writes.push(await prepareSecretWrite(ctx, await channelById(db, s.channel.id), s.kind, s.value));
  await db.transaction(async () => {
    for (const write of writes) await recordSecretWrite(ctx, write, { from: 'import', format: view.format });
    for (const e of plan.emails) {
      const input = { channel: formatChannelRef(e.channel.platform, e.channel.handle), registrationEmail: e.email };
      await channelHandlers['channel.update'](ctx, input);
    }
    await ctx.vault.audit.append({
      actorId: ctx.operator.personId,
      action: 'import.credentials',
      target: 'credentials',
      outcome: 'ok',
      details: {
        format: view.format,
        entries: view.entries.length,
        created: view.created,
        replaced: view.replaced,
        skipped: view.skipped,
        passwords: plan.secrets.filter((s) => s.kind === 'password').length,
        twoFactorKeys: plan.secrets.filter((s) => s.kind === 'totp').length,
        registrationEmails: plan.emails.length,
      },
    });
  });
  for (const write of writes) await clearStaleKeychainCopy(ctx, write);
}

export const credentialsImportHandlers: HandlerMap<'import.credentials'> = {
  'import.credentials': async (ctx, input) => {
    const reader = readers[input.format];
    // Everything is read and checked, every 2FA key included, before anything is written.
    const parsed = reader.parse(input.content);
    if (parsed.errors.length > 0) throw importRefused(reader.what, 'content', parsed.errors);
    const plan = await planCredentials(ctx.vault.data, parsed.entries);
    if (plan.errors.length > 0) throw importRefused(reader.what, 'content', plan.errors);
    const of = (action: string) => plan.entries.filter((e) => e.action === action).length;
    const view: CredentialImportView = { dryRun: input.dryRun, format: input.format, entries: plan.entries, created: of('create'), replaced: of('replace'), skipped: of('skip') };
    if (!input.dryRun) await apply(ctx, plan, view);
    return view;
  },
};
