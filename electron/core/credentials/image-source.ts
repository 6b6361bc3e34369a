import { CoreError } from '../errors';

/** Decoded pixels, 4 bytes a pixel in R, G, B, A order, row after row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Where a QR code image comes from, injected like the clipboard sink: in the desktop app,
 * main's file dialog and clipboard; in the CLI, the PNG file named with --file. The image
 * is opened on this side of the door, so the renderer never names a file for main to read
 * and never holds the pixels (which are the secret, drawn).
 */
export interface ImageSource {
  /** null: the person cancelled, or chose nothing. A refusal is an ImageSourceError. */
  read(source: 'file' | 'clipboard'): Promise<RgbaImage | null>;
}

/** Larger than any screenshot of a QR code; decoding more would only hold memory. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * An image that cannot be used (not an image, no image on the clipboard, too large). The
 * message is for the person; `why` is the short, fixed wording kept in the audit trail.
 * Neither ever quotes the image's content or a file path.
 */
export class ImageSourceError extends CoreError {
  readonly why: string;
  constructor(message: string, why: string) {
    super('invalid_input', message, 'image');
    this.name = 'ImageSourceError';
    this.why = why;
  }
}

export function tooLargeError(): ImageSourceError {
  return new ImageSourceError(
    `The image is too large (more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels). Take a screenshot of just the QR code and use that.`,
    'image too large',
  );
}

/** Refuses dimensions that are not a usable image, or more pixels than MAX_IMAGE_PIXELS. */
export function checkImageSize(width: number, height: number): void {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new ImageSourceError('The image is empty or damaged. Take a new screenshot of the QR code and try again.', 'image not readable');
  }
  if (width * height > MAX_IMAGE_PIXELS) throw tooLargeError();
}
