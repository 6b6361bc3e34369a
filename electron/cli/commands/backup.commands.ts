import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackupView } from '../../../shared/contract/views';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';

const BACKUP_ID = /^custodian-[0-9TZ-]+-(daily|weekly|manual|pre-migration)(-\d+)?$/;

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function describe(backup: BackupView): string {
  return `${backup.id} (${backup.kind}, taken ${londonTime(backup.takenAt)} UK time, audit trail to event ${backup.auditHeadSeq})`;
}

export const backupCommands: CommandSpec[] = [
  {
    words: ['backup', 'create'],
    usage: 'custodian backup create   (a backup of the database now; keychain entries are not in it)',
    signIn: true,
    async run(ctx) {
      const backup = await ctx.call('backup.create', {});
      ctx.io.stdout(`${backup.id}\n`);
      ctx.io.stderr(`Backed up to ${backup.file} (${size(backup.bytes)}).\n`);
    },
  },
  {
    words: ['backup', 'list'],
    usage: 'custodian backup list [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const list = await ctx.call('backup.list', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(list));
        return;
      }
      ctx.io.stderr(`Backups in ${list.folder}:\n`);
      if (list.backups.length === 0) {
        ctx.io.stderr('None yet. Make one with "custodian backup create".\n');
        return;
      }
      ctx.io.stdout(
        table(
          ['ID', 'KIND', 'TAKEN (UK)', 'EVENTS', 'SIZE', 'RESTORABLE'],
          list.backups.map((b) => [b.id, b.kind, b.sealed ? londonTime(b.takenAt) : '', b.auditHeadSeq, size(b.bytes), b.sealed ? 'yes' : 'no (record missing)']),
        ),
      );
    },
  },
  {
    words: ['backup', 'restore'],
    usage: 'custodian backup restore FILE|ID [--yes]   (checks the backup first; the current database is kept beside it)',
    options: { yes: { type: 'boolean' } },
    positionals: ['backup'],
    signIn: true,
    async run(ctx) {
      const ref = ctx.positionals[0] as string;
      if (ref.trim() === '') throw new UsageError('Name the backup to restore: its id (custodian backup list) or the path of its file.');
      const byId = BACKUP_ID.test(ref) && !existsSync(ref);
      if (!flag(ctx, 'yes')) {
        if (!ctx.io.stdinIsTty) throw new UsageError('Restoring replaces the vault database: add --yes to confirm.');
        const known = byId ? (await ctx.call('backup.list', {})).backups.find((b) => b.id === ref) : undefined;
        ctx.io.stderr(
          `This replaces the vault with ${known === undefined ? ref : describe(known)}.\n` +
            'Everything recorded after it was taken is undone (the current database is kept beside it), and everyone must sign in again.\n',
        );
        const answer = await ctx.io.promptHidden('Type yes to restore (typing is hidden): ');
        if (answer.trim().toLowerCase() !== 'yes') throw new CommandFailed('Not restored; nothing was changed.');
      }
      // A backup in the folder by its id, or any backup file by its path (the command line's own method).
      const result = byId ? await ctx.call('backup.restore', { id: ref }) : await ctx.call('backup.restoreFile', { file: resolve(ref) });
      ctx.io.stdout(`restored ${result.restored.id}\n`);
      ctx.io.stderr(
        `Restored ${describe(result.restored)}.\nThe database it replaced is kept as ${result.replacedFile}.\n` +
          'Everyone has been signed out; sign in again. Keychain entries were not changed.\n',
      );
    },
  },
  {
    words: ['backup', 'folder'],
    usage: 'custodian backup folder PATH   (where backups are kept from now on; default: the data folder\'s backups/)',
    positionals: ['path'],
    signIn: true,
    async run(ctx) {
      const result = await ctx.call('backup.setFolder', { folder: resolve(ctx.positionals[0] as string) });
      ctx.io.stdout(`${result.folder}\n`);
      ctx.io.stderr('New backups go to this folder. Backups already made stay where they are.\n');
    },
  },
];
