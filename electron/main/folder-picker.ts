import { dialog, type BaseWindow, type OpenDialogOptions } from 'electron';
import type { FolderPicker, FolderPurpose } from '../core/files/folder-picker';

const WORDS: Record<FolderPurpose, { title: string; buttonLabel: string }> = {
  'review-export': { title: 'Choose where to save the review pack (a new folder is made inside it)', buttonLabel: 'Save the pack here' },
  'review-verify': { title: 'Choose the folder of the review pack to check', buttonLabel: 'Check this pack' },
  'backup-folder': { title: 'Choose the folder for new backups', buttonLabel: 'Keep backups here' },
  'recovery-kit': { title: 'Choose where to save the recovery kit (a PDF to print, then delete)', buttonLabel: 'Save the kit here' },
};

/** The dialog for one purpose: folders only, with a "New folder" button where the platform has one. */
export function folderDialogOptions(purpose: FolderPurpose): OpenDialogOptions {
  return { ...WORDS[purpose], properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
}

/**
 * The desktop app's folder picker: main's own dialog, modal to the window when there is one.
 * The window asks for a purpose and never names a path; cancelling is null.
 */
export function createElectronFolderPicker(parentWindow: () => BaseWindow | null): FolderPicker {
  return {
    async choose(purpose) {
      const options = folderDialogOptions(purpose);
      const parent = parentWindow();
      const chosen = parent === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      const folder = chosen.filePaths[0];
      return chosen.canceled || folder === undefined ? null : folder;
    },
  };
}
