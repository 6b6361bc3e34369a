/**
 * What a file is chosen for: main's dialog words its title and button by it.
 * - register-import: a CSV of channels, people and holders;
 * - credentials-import: a password manager's export (it holds passwords).
 */
export type FilePurpose = 'register-import' | 'credentials-import';

/** One entry of the dialog's file-type list, as Electron takes it (extensions without the dot). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** A file read in main: its name only (never its folder) and its text. */
export interface ChosenFile {
  name: string;
  content: string;
}

/**
 * A file chosen and read in main's own dialog, injected like the folder picker: the window asks
 * for "a file for this purpose" and never names a path, and the file's text goes straight to
 * the core, so a password manager's export never passes through the renderer. The CLI has no
 * picker (it names the file on the command line).
 */
export interface FilePicker {
  /** The chosen file's name and text, or null when the person cancelled. Refuses (CoreError) a file it cannot use. */
  chooseFile(purpose: FilePurpose, filters: FileFilter[]): Promise<ChosenFile | null>;
}

/** The refusal when there is no picker (the command line, or a core built without one). */
export const NO_FILE_PICKER =
  'Choosing a file is only available in the desktop app. On the command line, name the file: "custodian import register FILE" or "custodian import credentials FILE".';
