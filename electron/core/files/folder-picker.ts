/**
 * What a folder is chosen for: main's dialog words its title and button by it.
 * - review-export: where to save a new review pack (a new folder is made inside it);
 * - review-verify: the folder of a pack to check;
 * - backup-folder: where new backups go;
 * - recovery-kit: where the recovery kit's PDF is saved (the core names the file).
 */
export type FolderPurpose = 'review-export' | 'review-verify' | 'backup-folder' | 'recovery-kit';

/**
 * A folder chosen in main's own dialog, injected like the QR image source: the window asks for
 * "a folder for this purpose" and never names a path itself, so a compromised page cannot make
 * the core write into, or read from, a place the person did not pick. The CLI has no picker
 * (it passes paths on the command line).
 */
export interface FolderPicker {
  /** The chosen folder's full path, or null when the person cancelled. */
  choose(purpose: FolderPurpose): Promise<string | null>;
}

/** The refusal when there is no picker (the command line, or a core built without one). */
export const NO_FOLDER_PICKER =
  'Choosing a folder is only available in the desktop app. On the command line, name the folder: "custodian review export --out DIR", "custodian review verify DIR", "custodian backup folder DIR" or "custodian recovery kit --out PATH".';
