import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { ImageSource, RgbaImage } from '../../electron/core/app';

/** A real QR code, drawn as a PNG by the qrcode package and decoded back to RGBA pixels. */
export async function qrImage(text: string): Promise<RgbaImage> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 4 }));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

/** A white picture with no QR code in it. */
export function blankImage(width = 120, height = 90): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) };
}

/**
 * In place of main's file dialog and clipboard: the "file" the person picks is a QR code of
 * `link`; the clipboard holds a picture with no QR code in it.
 */
export function qrImageSource(link: string): ImageSource {
  return { read: async (source) => (source === 'file' ? qrImage(link) : blankImage()) };
}
