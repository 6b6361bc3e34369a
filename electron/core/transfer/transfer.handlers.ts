import type { MethodOutput, ParsedInput } from '../../../shared/contract/methods';
import type { HandlerMap } from '../handler-types';
import { exportVault } from './transfer-export';
import { importVault, type ImportDeps } from './transfer-import';

/** Export needs an administrator's session on the vault it copies. */
export const transferHandlers: HandlerMap<'transfer.export'> = {
  'transfer.export': (ctx, input) => exportVault(ctx, input),
};

/** Import is public, like vault.init: it runs where there is no vault (and so no one) yet. */
export function transferImportHandler(deps: ImportDeps): { 'transfer.import': (input: ParsedInput<'transfer.import'>) => Promise<MethodOutput<'transfer.import'>> } {
  return { 'transfer.import': (input) => importVault(deps, input) };
}
