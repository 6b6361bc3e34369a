import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A NativeImage as main sees it: a size and a BGRA bitmap (what toBitmap() gives on desktop platforms). */
function fakeImage(width: number, height: number, bgra: number[]) {
  return { isEmpty: () => width === 0 || height === 0, getSize: () => ({ width, height }), toBitmap: vi.fn(() => Buffer.from(bgra)) };
}
const EMPTY = fakeImage(0, 0, []);

/** What Electron's promise-based clipboard.read() gives: items of MIME-typed Blobs. */
function clipboardItem(payloads: Record<string, string>) {
  return { types: Object.keys(payloads), getType: vi.fn(async (type: string) => new Blob([payloads[type] ?? ''])) };
}

const electron = vi.hoisted(() => ({
  dialog: { showOpenDialog: vi.fn() },
  nativeImage: { createFromPath: vi.fn(), createFromBuffer: vi.fn() },
  clipboard: { read: vi.fn() },
}));
vi.mock('electron', () => electron);

const { bgraToRgba, createElectronImageSource } = await import('../../electron/main/image-source');
const { ImageSourceError } = await import('../../electron/core/credentials/image-source');

// Two pixels: pure blue and half-transparent red, in B, G, R, A order.
const BGRA = [255, 0, 0, 255, 0, 0, 255, 128];
const RGBA = [0, 0, 255, 255, 255, 0, 0, 128];

describe('bgraToRgba', () => {
  it('swaps blue and red and keeps green and alpha, in a new array', () => {
    const input = Uint8Array.from(BGRA);
    const out = bgraToRgba(input);
    expect(out).toBeInstanceOf(Uint8ClampedArray);
    expect([...out]).toEqual(RGBA);
    expect([...input]).toEqual(BGRA);
    expect(bgraToRgba(new Uint8Array(0))).toHaveLength(0);
  });

  it('refuses a buffer that is not whole pixels', () => {
    expect(() => bgraToRgba(new Uint8Array(6))).toThrow(RangeError);
  });
});

describe("main's image source (file dialog and clipboard)", () => {
  const window = { id: 'main-window' };
  beforeEach(() => vi.clearAllMocks());

  it('returns null when the file dialog is cancelled, and opens no file', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const source = createElectronImageSource(() => window as never);
    expect(await source.read('file')).toBeNull();
    expect(electron.nativeImage.createFromPath).not.toHaveBeenCalled();
  });

  it('opens one PNG or JPEG chosen in its own dialog, attached to the window, and gives RGBA pixels', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/a/qr.png'] });
    const image = fakeImage(2, 1, BGRA);
    electron.nativeImage.createFromPath.mockReturnValue(image);
    const result = await createElectronImageSource(() => window as never).read('file');
    expect(result).not.toBeNull();
    expect({ width: result?.width, height: result?.height, data: [...(result?.data ?? [])] }).toEqual({ width: 2, height: 1, data: RGBA });
    expect(electron.nativeImage.createFromPath).toHaveBeenCalledWith('/home/a/qr.png');
    const [parent, options] = electron.dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[]; filters: { extensions: string[] }[] }];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters.flatMap((f) => f.extensions)).toEqual(['png', 'jpg', 'jpeg']);
  });

  it('uses a free-standing dialog when no window is open', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await createElectronImageSource(() => null).read('file');
    expect(electron.dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });

  it('refuses a chosen file that is not a readable image', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/a/notes.png'] });
    electron.nativeImage.createFromPath.mockReturnValue(EMPTY);
    const error = await createElectronImageSource(() => null).read('file').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageSourceError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/could not be read as an image/) });
    expect((error as Error).message).not.toContain('notes.png');
  });

  it('reads the PNG image on the clipboard, converted to RGBA', async () => {
    const item = clipboardItem({ 'text/plain': 'a caption', 'image/png': 'png-bytes' });
    electron.clipboard.read.mockResolvedValue([item]);
    electron.nativeImage.createFromBuffer.mockReturnValue(fakeImage(2, 1, BGRA));
    const result = await createElectronImageSource(() => null).read('clipboard');
    expect([...(result?.data ?? [])]).toEqual(RGBA);
    expect(item.getType).toHaveBeenCalledWith('image/png');
    expect(String(electron.nativeImage.createFromBuffer.mock.calls[0]?.[0])).toBe('png-bytes');
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['an empty clipboard', []],
    ['text only', [clipboardItem({ 'text/plain': 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' })]],
  ])('refuses %s with a plain message (not a cancel)', async (_name, items) => {
    electron.clipboard.read.mockResolvedValue(items);
    const error = await createElectronImageSource(() => null).read('clipboard').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageSourceError);
    expect(error).toMatchObject({ code: 'invalid_input', why: 'no image on the clipboard', message: expect.stringMatching(/There is no image on the clipboard/) });
    expect((error as Error).message).not.toContain('JBSWY');
  });

  it('refuses clipboard image data that does not decode', async () => {
    electron.clipboard.read.mockResolvedValue([clipboardItem({ 'image/png': 'not really a png' })]);
    electron.nativeImage.createFromBuffer.mockReturnValue(EMPTY);
    await expect(createElectronImageSource(() => null).read('clipboard')).rejects.toMatchObject({ why: 'no image on the clipboard' });
  });

  it('refuses an image over 40 megapixels before copying its pixels', async () => {
    const huge = fakeImage(8000, 6000, []);
    electron.clipboard.read.mockResolvedValue([clipboardItem({ 'image/png': 'big' })]);
    electron.nativeImage.createFromBuffer.mockReturnValue(huge);
    await expect(createElectronImageSource(() => null).read('clipboard')).rejects.toMatchObject({ why: 'image too large' });
    expect(huge.toBitmap).not.toHaveBeenCalled();
  });
});
