import { join } from 'node:path';
import type { evidenceMediaTypes } from '../../../shared/contract/fields';
import { contentFileName, storeContentFile } from './content-store';

export { sha256Hex } from './content-store';

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
  return contentFileName(sha256, EXTENSIONS[mediaType]);
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
 * Writes the file as <dataDir>/evidence/<sha256>.<ext>, atomically (see content-store.ts): the
 * same content is stored once, and evidence is private to the user.
 */
export async function storeEvidenceFile(dataDir: string, bytes: Buffer, sha256: string, mediaType: EvidenceMediaType): Promise<string> {
  return storeContentFile(dataDir, 'evidence', bytes, sha256, EXTENSIONS[mediaType]);
}
