import { mediaContentProblem, mediaExtensions, POST_MEDIA_MAX_BYTES, type PostMediaType } from '../../../shared/posts/media-types';
import { removeContentFile, sha256Hex, storeContentFile } from '../files/content-store';
import { CoreError } from '../errors';

/** Post media live in <dataDir>/media/, named by SHA-256 (the same helper as incident evidence). */
export const MEDIA_FOLDER = 'media';

export interface IncomingMedia {
  name: string;
  mediaType: PostMediaType;
  alt: string | null;
  bytes: Buffer;
  sha256: string;
  fileName: string;
  publicUrl: string | null;
}

/**
 * Decodes and checks the files of a new post: not empty, at most 50 MB, the bytes what their
 * type says, and no file twice. Throws invalid_input naming the file; nothing is stored yet.
 */
export function decodeMedia(items: readonly { name: string; mediaType: PostMediaType; contentBase64: string; alt?: string | undefined; publicUrl?: string | undefined }[]): IncomingMedia[] {
  const seen = new Map<string, string>();
  return items.map((item, index) => {
    const field = `media.${index}.contentBase64`;
    const bytes = Buffer.from(item.contentBase64, 'base64');
    if (bytes.length === 0) throw new CoreError('invalid_input', `${item.name} is empty: attach the image or video itself.`, field);
    if (bytes.length > POST_MEDIA_MAX_BYTES) throw new CoreError('invalid_input', `${item.name} is larger than 50 MB.`, field);
    const problem = mediaContentProblem(bytes, item.mediaType);
    if (problem !== null) throw new CoreError('invalid_input', `${item.name} ${problem} (${item.mediaType}); nothing was saved.`, field);
    const sha256 = sha256Hex(bytes);
    const earlier = seen.get(sha256);
    if (earlier !== undefined) throw new CoreError('invalid_input', `${item.name} is the same file as ${earlier}: attach each file once.`, field);
    seen.set(sha256, item.name);
    return { name: item.name, mediaType: item.mediaType, alt: item.alt ?? null, bytes, sha256, fileName: `${sha256}.${mediaExtensions[item.mediaType]}`, publicUrl: item.publicUrl ?? null };
  });
}

/** Writes the files into the data folder (atomically; content already there is kept). */
export async function storeMedia(dataDir: string, media: readonly IncomingMedia[]): Promise<void> {
  for (const m of media) {
    const stored = await storeContentFile(dataDir, MEDIA_FOLDER, m.bytes, m.sha256, mediaExtensions[m.mediaType]);
    if (stored !== m.fileName) throw new Error('unexpected media file name');
  }
}

export function removeMediaFile(dataDir: string, fileName: string): boolean {
  return removeContentFile(dataDir, MEDIA_FOLDER, fileName);
}
