import { dialog, type BaseWindow, type OpenDialogOptions } from 'electron';
import type { FileFilter, FilePicker, FilePurpose } from '../core/files/file-picker';
import { readChosenFile } from '../core/files/read-chosen-file';

const WORDS: Record<FilePurpose, { title: string; buttonLabel: string }> = {
  'register-import': { title: 'Choose the register file to import (CSV)', buttonLabel: 'Preview this file' },
  'credentials-import': { title: 'Choose the export from your password manager', buttonLabel: 'Preview this file' },
};

/** The dialog for one purpose: one file, of the types the core asked for. */
export function fileDialogOptions(purpose: FilePurpose, filters: FileFilter[]): OpenDialogOptions {
  return { ...WORDS[purpose], filters, properties: ['openFile', 'dontAddToRecent'] };
}

/**
 * The desktop app's file picker: main's own dialog, modal to the window when there is one; the
 * file is read here (size-checked, UTF-8) and its text handed to the core, never to the page.
 * Cancelling is null.
 */
export function createElectronFilePicker(parentWindow: () => BaseWindow | null): FilePicker {
  return {
    async chooseFile(purpose, filters) {
      const options = fileDialogOptions(purpose, filters);
      const parent = parentWindow();
      const chosen = parent === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      const file = chosen.filePaths[0];
      if (chosen.canceled || file === undefined) return null;
      return readChosenFile(file);
    },
  };
}
