import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, linkSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import { dirname, join } from 'node:path';
import { CoreError } from '../errors';
import { DAMAGED, newSeal, openSeal, parseHeader, TAG_BYTES } from './transfer-crypto';
import { manifestBytes, PayloadReader, type Manifest } from './transfer-payload';

/**
 * Seals the manifest and the listed files into a new file at `target`, streaming (a year of
 * post videos need not fit in memory). Written to a private temporary file beside the target
 * and linked into place at the end, so a failure never leaves half a file, and an existing
 * file is never replaced. Returns the file's size.
 */
export async function writeSealedFile(target: string, passphrase: string, manifest: Manifest, parts: readonly { path: string; size: number }[]): Promise<number> {
  const { headerBytes, key, nonce } = await newSeal(passphrase);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(headerBytes);
  const temp = join(dirname(target), `.custodian-transfer-${randomBytes(8).toString('hex')}.partial`);
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  let size = 0;
  const put = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    await handle.write(bytes);
    size += bytes.length;
  };
  try {
    try {
      await put(headerBytes);
      await put(cipher.update(manifestBytes(manifest)));
      for (const part of parts) {
        let read = 0;
        for await (const chunk of createReadStream(part.path)) {
          read += (chunk as Buffer).length;
          await put(cipher.update(chunk as Buffer));
        }
        // The manifest promised this size; a file that changed meanwhile would corrupt the rest.
        if (read !== part.size) throw new CoreError('conflict', 'A file in the data folder changed while it was being exported; try again.');
      }
      await put(cipher.final());
      await put(cipher.getAuthTag());
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      linkSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CoreError('conflict', `${target} already exists: choose a new file name.`, 'path');
      throw error;
    }
  } finally {
    rmSync(temp, { force: true });
  }
  return size;
}

/**
 * Opens a sealed file: the passphrase is checked first (a wrong one writes nothing), then the
 * payload is decrypted in a stream; `target` names where each part's bytes go once the
 * manifest is known. The GCM tag is checked at the end: on any failure the written parts are
 * the caller's to remove (it knows their paths), and the manifest is never returned.
 */
export async function readSealedFile(path: string, passphrase: string, target: (manifest: Manifest) => { path: string; size: number }[]): Promise<Manifest> {
  const handle = await open(path, 'r').catch(() => {
    throw new CoreError('not_found', `Cannot open ${path}: check the file's name and that it is readable.`, 'path');
  });
  let fileSize: number;
  let start: Buffer;
  let tag: Buffer;
  try {
    fileSize = (await handle.stat()).size;
    start = Buffer.alloc(Math.min(2048, fileSize));
    await handle.read(start, 0, start.length, 0);
    tag = Buffer.alloc(TAG_BYTES);
    if (fileSize >= TAG_BYTES) await handle.read(tag, 0, TAG_BYTES, fileSize - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const { header, headerBytes } = parseHeader(start);
  if (fileSize < headerBytes.length + TAG_BYTES + 4) throw new CoreError('invalid_input', DAMAGED, 'path');
  const { key, nonce } = await openSeal(passphrase, header);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(tag);
  const reader = new PayloadReader(target);
  try {
    const end = fileSize - TAG_BYTES - 1;
    if (end >= headerBytes.length) {
      for await (const chunk of createReadStream(path, { start: headerBytes.length, end })) reader.push(decipher.update(chunk as Buffer));
    }
    try {
      reader.push(decipher.final());
    } catch {
      throw new CoreError('invalid_input', DAMAGED, 'path');
    }
    return reader.finish();
  } finally {
    reader.close();
  }
}
