import { clipboard, dialog, nativeImage, type BaseWindow, type NativeImage, type OpenDialogOptions } from 'electron';
import { checkImageSize, ImageSourceError, tooLargeError, type ImageSource, type RgbaImage } from '../core/credentials/image-source';

/**
 * Swaps blue and red: NativeImage.toBitmap() gives Skia's native 32-bit layout, which is
 * B, G, R, A in memory on the desktop platforms Electron ships for (little-endian), while
 * the QR decoder reads R, G, B, A. A new array; the input is left as it was.
 */
export function bgraToRgba(bgra: Uint8Array): Uint8ClampedArray {
  if (bgra.length % 4 !== 0) throw new RangeError('a BGRA bitmap has 4 bytes a pixel');
  const rgba = new Uint8ClampedArray(bgra.length);
  for (let i = 0; i < bgra.length; i += 4) {
    rgba[i] = bgra[i + 2] as number;
    rgba[i + 1] = bgra[i + 1] as number;
    rgba[i + 2] = bgra[i] as number;
    rgba[i + 3] = bgra[i + 3] as number;
  }
  return rgba;
}

function toRgba(image: NativeImage): RgbaImage {
  const { width, height } = image.getSize();
  // Before toBitmap(): a huge image is refused without copying its pixels again.
  checkImageSize(width, height);
  const bitmap = image.toBitmap();
  try {
    if (bitmap.length !== width * height * 4) {
      throw new ImageSourceError('The image could not be read. Take a new screenshot of the QR code and try again.', 'image not readable');
    }
    return { width, height, data: bgraToRgba(bitmap) };
  } finally {
    bitmap.fill(0);
  }
}

/** An image on the clipboard is far smaller; this only stops a huge one being copied into memory. */
const MAX_CLIPBOARD_BYTES = 100 * 1024 * 1024;
const NO_CLIPBOARD_IMAGE = 'There is no image on the clipboard. Copy the QR code as a picture (or take a screenshot of it to the clipboard) and try again.';

/**
 * Electron's clipboard is promise-based and W3C-shaped (read() gives ClipboardItems with
 * MIME-typed Blobs; there is no readImage()). A copied picture is offered as image/png by
 * every platform Chromium supports; other image types are taken if that is all there is.
 */
async function clipboardImage(): Promise<NativeImage> {
  for (const item of await clipboard.read()) {
    const type = item.types.includes('image/png') ? 'image/png' : item.types.find((t) => t.startsWith('image/'));
    if (type === undefined) continue;
    const blob = await item.getType(type);
    if (!(blob instanceof Blob)) continue;
    if (blob.size > MAX_CLIPBOARD_BYTES) throw tooLargeError();
    const image = nativeImage.createFromBuffer(Buffer.from(await blob.arrayBuffer()));
    if (!image.isEmpty()) return image;
  }
  throw new ImageSourceError(NO_CLIPBOARD_IMAGE, 'no image on the clipboard');
}

const OPEN_OPTIONS: OpenDialogOptions = {
  title: 'Choose the image of the 2FA QR code',
  buttonLabel: 'Read QR code',
  properties: ['openFile'],
  filters: [{ name: 'Images (PNG, JPEG)', extensions: ['png', 'jpg', 'jpeg'] }],
};

/**
 * The desktop app's image source for a 2FA QR code: main's own file dialog (the renderer
 * asks for 'file' and never names a path) or the clipboard. Cancelling the dialog is null;
 * an unreadable file or an empty clipboard is a refusal with a plain message.
 */
export function createElectronImageSource(parentWindow: () => BaseWindow | null): ImageSource {
  return {
    async read(source) {
      if (source === 'clipboard') return toRgba(await clipboardImage());
      const parent = parentWindow();
      const chosen = parent === null ? await dialog.showOpenDialog(OPEN_OPTIONS) : await dialog.showOpenDialog(parent, OPEN_OPTIONS);
      const file = chosen.filePaths[0];
      if (chosen.canceled || file === undefined) return null;
      const image = nativeImage.createFromPath(file);
      if (image.isEmpty()) {
        throw new ImageSourceError('That file could not be read as an image. Choose a PNG or JPEG picture of the QR code.', 'image not readable');
      }
      return toRgba(image);
    },
  };
}
