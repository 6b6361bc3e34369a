import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { evidenceMediaTypes } from '../../../shared/contract/fields';

export type EvidenceMediaType = (typeof evidenceMediaTypes)[number];

const EXTENSIONS: Record<EvidenceMediaType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

const WORDS: Record<EvidenceMediaType, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'application/pdf': 'a PDF document',
  'text/plain': 'plain UTF-8 text',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The folder of evidence files in a data folder. */
export function evidenceDir(dataDir: string): string {
  return join(dataDir, 'evidence');
}

/** The stored name of a file: its SHA-256 and the extension of its type. */
export function evidenceFileName(sha256: string, mediaType: EvidenceMediaType): string {
  return `${sha256}.${EXTENSIONS[mediaType]}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Whether the bytes are what the media type says: a file is stored as what it is, so a
 * program or a web page cannot be kept (and later opened) as a "screenshot". Returns the
 * problem in a sentence, or null.
 */
export function contentProblem(bytes: Buffer, mediaType: EvidenceMediaType): string | null {
  let fits: boolean;
  switch (mediaType) {
    case 'image/png':
      fits = bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
      break;
    case 'image/jpeg':
      fits = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      break;
    case 'application/pdf':
      fits = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
      break;
    case 'text/plain':
      fits = !bytes.includes(0) && isUtf8(bytes);
      break;
  }
  return fits ? null : `is not ${WORDS[mediaType]}, as its type says`;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the file as <dataDir>/evidence/<sha256>.<ext>, atomically: into a temporary file in
 * the same folder, flushed to disk, then renamed into place, so the folder never holds half a
 * file under a content name. The same content is stored once: a file already there with the
 * right SHA-256 is kept as it is (one that no longer matches is replaced). Evidence may show
 * personal data, so the folder and files are private to the user.
 */
export async function storeEvidenceFile(dataDir: string, bytes: Buffer, sha256: string, mediaType: EvidenceMediaType): Promise<string> {
  const dir = evidenceDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fileName = evidenceFileName(sha256, mediaType);
  const target = join(dir, fileName);
  const existing = await readFile(target).catch(() => null);
  if (existing !== null && sha256Hex(existing) === sha256) return fileName;
  const temp = join(dir, `.incoming-${randomBytes(8).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  return fileName;
}
