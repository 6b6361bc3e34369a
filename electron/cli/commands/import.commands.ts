import { extname } from 'node:path';
import type { CredentialImportView, RegisterImportView } from '../../../shared/contract/views';
import { UsageError } from '../cli-io';
import { flag, oneOf, type CommandContext, type CommandSpec } from '../command-spec';
import { json, table } from '../format';
import { readTextFile } from '../read-text-file';

/** The contract's limit: the file is refused here before it is read into memory. */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const FORMATS = { bitwarden: 'bitwarden-json', keepass: 'keepass-xml', csv: 'csv' } as const;
const BY_EXTENSION: Record<string, keyof typeof FORMATS> = { '.json': 'bitwarden', '.xml': 'keepass', '.csv': 'csv' };

const ITEM_WORDS: Record<CredentialImportView['entries'][number]['sets'][number]['item'], string> = {
  password: 'password',
  '2fa-key': '2FA key',
  username: 'registration email',
};

function summary(ctx: CommandContext, dryRun: boolean, parts: string): void {
  ctx.io.stderr(dryRun ? `Dry run: ${parts}. Nothing was changed; run it again without --dry-run to import.\n` : `Imported: ${parts}.\n`);
}

function showRegister(ctx: CommandContext, view: RegisterImportView): void {
  if (flag(ctx, 'json')) ctx.io.stdout(json(view));
  else ctx.io.stdout(table(['LINE', 'KIND', 'WHAT', 'ACTION', 'DETAIL'], view.rows.map((r) => [r.line, r.kind, r.subject, r.action, r.detail])));
  const verb = view.dryRun ? ['to create', 'to update', 'to skip'] : ['created', 'updated', 'skipped'];
  summary(ctx, view.dryRun, `${view.created} ${verb[0]}, ${view.updated} ${verb[1]}, ${view.skipped} ${verb[2]}`);
}

function showCredentials(ctx: CommandContext, view: CredentialImportView): void {
  if (flag(ctx, 'json')) {
    ctx.io.stdout(json(view));
  } else {
    const sets = (e: CredentialImportView['entries'][number]) => e.sets.map((s) => `${ITEM_WORDS[s.item]} (${s.change === 'create' ? 'new' : 'replace'})`).join(', ');
    ctx.io.stdout(table(['LINE', 'ENTRY', 'CHANNEL', 'ACTION', 'SETS', 'WHY'], view.entries.map((e) => [e.line === 0 ? '' : e.line, e.entry, e.channel ?? '', e.action, sets(e), e.detail])));
  }
  const verb = view.dryRun ? ['to set', 'to replace', 'to skip'] : ['set', 'replaced', 'skipped'];
  summary(ctx, view.dryRun, `${view.created} channel(s) ${verb[0]}, ${view.replaced} ${verb[1]}, ${view.skipped} entr${view.skipped === 1 ? 'y' : 'ies'} ${verb[2]}`);
}

export const importCommands: CommandSpec[] = [
  {
    words: ['import', 'register'],
    usage: 'custodian import register FILE [--dry-run] [--json]   (channels, people and holders; see resources/imports/register-template.csv)',
    positionals: ['FILE'],
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const csv = await readTextFile(ctx.positionals[0] ?? '', 'a register CSV file', IMPORT_MAX_BYTES, '5 MB');
      showRegister(ctx, await ctx.call('import.register', { csv, dryRun: flag(ctx, 'dry-run') }));
    },
  },
  {
    words: ['import', 'credentials'],
    usage: 'custodian import credentials FILE [--format bitwarden|keepass|csv] [--dry-run] [--json]   (a Bitwarden .json, KeePass XML or CSV export)',
    positionals: ['FILE'],
    options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const path = ctx.positionals[0] ?? '';
      const named = oneOf(ctx, 'format', Object.keys(FORMATS) as (keyof typeof FORMATS)[]) ?? BY_EXTENSION[extname(path).toLowerCase()];
      if (named === undefined) throw new UsageError('Say what kind of export the file is with --format bitwarden, keepass or csv.');
      const content = await readTextFile(path, 'a password manager export', IMPORT_MAX_BYTES, '5 MB');
      showCredentials(ctx, await ctx.call('import.credentials', { format: FORMATS[named], content, dryRun: flag(ctx, 'dry-run') }));
    },
  },
];
