import type { ChosenImportView, CredentialImportView } from '../../../shared/contract/views';
import { CoreError } from '../errors';
import { NO_FILE_PICKER, type FileFilter, type FilePicker } from '../files/file-picker';
import { CHOSEN_FILE_MAX_BYTES } from '../files/read-chosen-file';
import type { HandlerContext, HandlerMap } from '../handler-types';
import type { ChosenFileKind, ChosenImport, ChosenImports } from './chosen-imports.store';
import { credentialsImportHandlers } from './credentials-import.handlers';
import { registerImportHandlers } from './register.handlers';

type WindowMethod = 'import.chooseFile' | 'import.applyChosen' | 'import.discard';

const FILTERS: Record<'register' | CredentialImportView['format'], FileFilter[]> = {
  register: [{ name: 'CSV file', extensions: ['csv'] }],
  'bitwarden-json': [{ name: 'Bitwarden export (.json)', extensions: ['json'] }],
  'keepass-xml': [{ name: 'KeePass XML export', extensions: ['xml'] }],
  csv: [{ name: 'CSV file', extensions: ['csv'] }],
};

const GONE =
  'That file is no longer waiting to be imported: a chosen file is kept for 10 minutes, and forgotten when you import it, cancel, sign out or lock. Choose it again.';

/** The same import as the command line's, on text main read: same checks, same audit, all or nothing. */
async function runImport(ctx: HandlerContext, file: ChosenImport, dryRun: boolean) {
  if (file.content.trim() === '') throw new CoreError('invalid_input', `${file.fileName} is empty. Choose the file again, or another one.`, 'file');
  if (file.content.length > CHOSEN_FILE_MAX_BYTES) throw new CoreError('invalid_input', `${file.fileName} is too large to import (at most 5 MB).`, 'file');
  if (file.kind === 'register') return { kind: 'register' as const, view: await registerImportHandlers['import.register'](ctx, { csv: file.content, dryRun }) };
  return { kind: 'credentials' as const, view: await credentialsImportHandlers['import.credentials'](ctx, { format: file.format, content: file.content, dryRun }) };
}

/**
 * The desktop window's imports (docs/imports.md): main's own dialog picks and reads the file,
 * the core previews it (a dry run) and keeps its text for this session only; "Import" applies
 * exactly that text. The page never sees the file's text, so a password manager's export never
 * passes through it, and never names a path. A cancelled dialog keeps nothing.
 */
export function chosenImportHandlers(picker: FilePicker | null, store: ChosenImports): HandlerMap<WindowMethod> {
  return {
    'import.chooseFile': async (ctx, input) => {
      if (picker === null) throw new CoreError('forbidden', NO_FILE_PICKER);
      const kind: ChosenFileKind = input.kind === 'register' ? { kind: 'register' } : { kind: 'credentials', format: input.format };
      const chosen = await picker.chooseFile(kind.kind === 'register' ? 'register-import' : 'credentials-import', FILTERS[kind.kind === 'register' ? 'register' : kind.format]);
      if (chosen === null) return { cancelled: true as const };
      const file: ChosenImport = { ...kind, fileName: chosen.name, content: chosen.content };
      // A file with problems is refused here, with every problem by line, and not kept.
      const preview = await runImport(ctx, file, true);
      const importId = store.keep(ctx.token, file, ctx.vault.clock);
      return preview.kind === 'register'
        ? ({ kind: 'register', importId, fileName: file.fileName, preview: preview.view } satisfies ChosenImportView)
        : ({ kind: 'credentials', importId, fileName: file.fileName, preview: preview.view } satisfies ChosenImportView);
    },

    'import.applyChosen': async (ctx, input) => {
      // Taken out first: a second click cannot import the same file twice, and a failed import
      // is forgotten too (choose the file again after fixing what the message says).
      const file = store.take(ctx.token, input.importId, ctx.vault.clock);
      if (file === undefined) throw new CoreError('not_found', GONE);
      const done = await runImport(ctx, file, false);
      return done.kind === 'register' ? { kind: 'register', fileName: file.fileName, result: done.view } : { kind: 'credentials', fileName: file.fileName, result: done.view };
    },

    'import.discard': ({ token }, input) => {
      store.discard(token, input.importId);
      return { done: true as const };
    },
  };
}
