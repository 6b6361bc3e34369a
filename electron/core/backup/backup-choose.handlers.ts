import { CoreError } from '../errors';
import { NO_FOLDER_PICKER, type FolderPicker } from '../files/folder-picker';
import type { HandlerMap } from '../handler-types';
import { chooseBackupFolder } from './backup-folder';

/**
 * The desktop window's "Change…" for the backup folder: main's own folder dialog names it,
 * then it is checked and remembered exactly as backup.setFolder does. Cancelling changes
 * nothing and records nothing.
 */
export function backupChooseFolderHandlers(picker: FolderPicker | null): HandlerMap<'backup.chooseFolder'> {
  return {
    'backup.chooseFolder': async ({ vault, operator }) => {
      if (picker === null) throw new CoreError('forbidden', NO_FOLDER_PICKER);
      const chosen = await picker.choose('backup-folder');
      if (chosen === null) return { cancelled: true as const };
      const folder = chooseBackupFolder(vault.dataDir, chosen);
      await vault.audit.append({ actorId: operator.personId, action: 'backup.folder', outcome: 'ok', details: { folder } });
      return { folder };
    },
  };
}
