/**
 * The images and videos a post may carry, what each is called in a sentence, and how to tell
 * them from their first bytes (a file is kept as what it is, never as what its name says).
 * Pure: works on bytes, no I/O, so the core, the CLI and the window share it.
 */
export const postMediaTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime'] as const;
export type PostMediaType = (typeof postMediaTypes)[number];

/** At most 50 MB per file (a short school video); each platform's own limit is checked per channel. */
export const POST_MEDIA_MAX_BYTES = 50 * 1024 * 1024;
/** At most 10 files per post (an Instagram carousel holds 10). */
export const POST_MEDIA_MAX_FILES = 10;

export const mediaExtensions: Record<PostMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

export const mediaWords: Record<PostMediaType, string> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'video/mp4': 'an MP4 video',
  'video/quicktime': 'a QuickTime (.mov) video',
};

export function isImage(mediaType: PostMediaType): boolean {
  return mediaType.startsWith('image/');
}

export function isVideo(mediaType: PostMediaType): boolean {
  return mediaType.startsWith('video/');
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < Math.min(to, bytes.length); i += 1) text += String.fromCharCode(bytes[i] as number);
  return text;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The media type the bytes are, from their signature, or null when none of ours. */
export function sniffMediaType(bytes: Uint8Array): PostMediaType | null {
  if (bytes.length > 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = ascii(bytes, 0, 6);
  if (bytes.length > 6 && (head === 'GIF87a' || head === 'GIF89a')) return 'image/gif';
  if (bytes.length > 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  // ISO base media files: a box 'ftyp' at offset 4, then the major brand.
  if (bytes.length > 12 && ascii(bytes, 4, 8) === 'ftyp') return ascii(bytes, 8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  return null;
}

/** Whether the bytes are what the media type says, as a sentence about the file, or null. */
export function mediaContentProblem(bytes: Uint8Array, mediaType: PostMediaType): string | null {
  const actual = sniffMediaType(bytes);
  if (actual === mediaType) return null;
  // An MP4 brand inside a .mov (or the other way round) is the same container: accept either.
  if (actual !== null && isVideo(actual) && isVideo(mediaType)) return null;
  return actual === null ? `is not ${mediaWords[mediaType]}, as its type says` : `is ${mediaWords[actual]}, not ${mediaWords[mediaType]} as its type says`;
}

/** '6.2 MB' (binary megabytes, as the platforms' limits are written). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toString()} MB`;
}
