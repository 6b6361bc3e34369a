import { readFile, stat } from 'node:fs/promises';
import type { PNG } from 'pngjs';
import { checkImageSize, ImageSourceError, type ImageSource, type RgbaImage } from '../core/credentials/image-source';

export const PNG_ONLY = 'Only PNG images can be read here: take a screenshot of the QR code and save it as PNG, then try again.';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A screenshot of a QR code is far smaller; this only stops a huge file being read into memory. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * The CLI's image source: the one PNG file named with --file, decoded with pngjs. The path
 * stays on the command line's side; the contract only ever says 'file'. There is no
 * clipboard here. Messages never name the file or quote what it holds.
 */
export function pngFileImageSource(path: string): ImageSource {
  return {
    async read(source): Promise<RgbaImage | null> {
      if (source !== 'file') {
        throw new ImageSourceError('The command line cannot read the clipboard: save the QR code as a PNG file and give it with --file.', 'no clipboard');
      }
      // pngjs is loaded by the one command that reads an image, not with the command table.
      const { PNG: Png } = await import('pngjs');
      let bytes: Buffer;
      try {
        const info = await stat(path);
        if (!info.isFile()) throw new ImageSourceError('The --file path is not a file. Give the PNG image of the QR code.', 'image not readable');
        if (info.size > MAX_FILE_BYTES) {
          throw new ImageSourceError('The image file is too large. Take a screenshot of just the QR code and save it as PNG.', 'image too large');
        }
        bytes = await readFile(path);
      } catch (error) {
        if (error instanceof ImageSourceError) throw error;
        throw new ImageSourceError('The file given with --file could not be opened: check the path and that you may read it.', 'image not readable');
      }
      if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
        throw new ImageSourceError(PNG_ONLY, 'not a PNG image');
      }
      // The header gives the size: refuse a huge image before decoding it.
      checkImageSize(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
      let png: PNG;
      try {
        png = Png.sync.read(bytes);
      } catch {
        throw new ImageSourceError('The PNG image is damaged and could not be read. Save the QR code as PNG again and try again.', 'image not readable');
      } finally {
        bytes.fill(0);
      }
      return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
    },
  };
}
