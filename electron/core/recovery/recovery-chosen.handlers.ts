import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { londonToday } from '../clock';
import { CoreError } from '../errors';
import { NO_FOLDER_PICKER, type FolderPicker } from '../files/folder-picker';
import type { HandlerMap } from '../handler-types';
import { checksumMatches, recoveryWords } from '../keys/recovery-kit';
import type { KitWords } from './kit-words.store';
import { createKit, refuseSecondKit } from './recovery.handlers';

type WindowMethod = 'recovery.createKitInChosenFolder' | 'recovery.revealWords' | 'recovery.confirmKit';

const NOT_HELD =
  'The recovery words can be shown only in the session that made the kit, within 10 minutes of making it. They are on the printed kit; Custodian keeps no copy.';

/** A new file for the kit in the folder the person chose, named by what it is: never over another file. */
function kitFileIn(folder: string, today: string): string {
  const name = `custodian-recovery-kit-${today}`;
  for (let n = 1; n < 100; n += 1) {
    const candidate = join(folder, `${n === 1 ? name : `${name}-${n}`}.pdf`);
    if (!existsSync(candidate)) return candidate;
  }
  throw new CoreError('conflict', `The folder ${folder} already has too many recovery kit files in it. Choose another folder.`);
}

/**
 * The desktop window's recovery kit: main's own folder dialog says where, the core names the file
 * and makes the kit exactly as recovery.createKit does (once per vault, 0600, audited). The window
 * gets the checksum words and where the file is; the words themselves only through revealWords,
 * an audited reveal while this session still holds the key (kit-words.store.ts says why so short).
 */
export function recoveryChosenHandlers(picker: FolderPicker | null, held: KitWords): HandlerMap<WindowMethod> {
  return {
    'recovery.createKitInChosenFolder': async (ctx) => {
      if (picker === null) throw new CoreError('forbidden', NO_FOLDER_PICKER);
      await refuseSecondKit(ctx.vault);
      const folder = await picker.choose('recovery-kit');
      if (folder === null) return { cancelled: true as const };
      const made = await createKit(ctx, kitFileIn(folder, londonToday(ctx.vault.clock)), (key) => held.keep(ctx.token, key));
      return { checksum: made.checksum, fileName: basename(made.path), folder: dirname(made.path) };
    },

    'recovery.revealWords': async ({ vault, operator, token }) => {
      const key = held.peek(token);
      if (key === null) {
        await vault.audit.append({ actorId: operator.personId, action: 'recovery.reveal', target: 'recovery', outcome: 'denied', details: { why: 'kit not just made' } });
        throw new CoreError('conflict', NOT_HELD);
      }
      // Recorded before the words leave main, and never with them.
      await vault.audit.append({ actorId: operator.personId, action: 'recovery.reveal', target: 'recovery', outcome: 'ok', details: {} });
      return { words: recoveryWords(key) };
    },

    'recovery.confirmKit': async ({ vault, operator, token }, input) => {
      const key = held.peek(token);
      if (key === null) throw new CoreError('conflict', `${NOT_HELD} Compare the checksum words on the page with the ones shown when it was made.`);
      if (!checksumMatches(key, input.checksum)) {
        throw new CoreError(
          'invalid_input',
          'These are not the checksum words of the kit just made. Check that the printed page is the new kit, then type the three words under "Checksum words" again.',
          'checksum',
        );
      }
      // The paper is the right one: the key need not stay in memory any longer.
      held.forget(token);
      await vault.audit.append({ actorId: operator.personId, action: 'recovery.kit_confirmed', target: 'recovery', outcome: 'ok', details: {} });
      return { confirmed: true as const };
    },
  };
}
