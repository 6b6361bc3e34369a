import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ dialog: { showOpenDialog: vi.fn() } }));
vi.mock('electron', () => electron);

const { createElectronFolderPicker } = await import('../../electron/main/folder-picker');

describe("main's folder picker", () => {
  const window = { id: 'main-window' };
  beforeEach(() => vi.clearAllMocks());

  it('opens a folders-only dialog attached to the window and gives the chosen folder', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/a/Governors'] });
    expect(await createElectronFolderPicker(() => window as never).choose('review-export')).toBe('/home/a/Governors');
    const [parent, options] = electron.dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[]; title: string }];
    expect(parent).toBe(window);
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).not.toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.title).toMatch(/review pack/);
  });

  it('says the recovery kit is saved there, as a file to print and delete', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/media/usb'] });
    expect(await createElectronFolderPicker(() => window as never).choose('recovery-kit')).toBe('/media/usb');
    const [, options] = electron.dialog.showOpenDialog.mock.calls[0] as [unknown, { title: string; buttonLabel: string; properties: string[] }];
    expect(options.title).toMatch(/recovery kit.*print.*delete/);
    expect(options.buttonLabel).toBe('Save the kit here');
    expect(options.properties).toContain('createDirectory');
  });

  it('gives null when the dialog is cancelled, and works with no window', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await createElectronFolderPicker(() => null).choose('backup-folder')).toBeNull();
    expect(electron.dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });
});
