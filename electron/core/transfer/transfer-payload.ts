import { closeSync, openSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../files/private-files';
import { z } from 'zod';
import { DAMAGED } from './transfer-crypto';
import { CoreError } from '../errors';

/**
 * What the sealed part of a transfer file holds, in order: a 4-byte big-endian length, the
 * manifest (JSON, below: the keychain entries and the list of what follows), the database
 * bytes, then each content file's bytes in the manifest's order.
 */
export const CONTENT_FOLDERS = ['evidence', 'media'] as const;
const CONTENT_NAME = /^[0-9a-f]{64}\.[a-z0-9]{3,4}$/;
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export const manifestSchema = z
  .object({
    format: z.literal(1),
    vaultId: z.string().regex(/^[0-9a-f-]{36}$/),
    trustName: z.string().nullable(),
    exportedAt: z.string(),
    exportedBy: z.string(),
    database: z.object({ size: z.number().int().positive() }).strict(),
    files: z.array(z.object({ folder: z.enum(CONTENT_FOLDERS), name: z.string().regex(CONTENT_NAME), size: z.number().int().min(0) }).strict()),
    entries: z.array(z.object({ account: z.string().min(1).max(200), value: z.string().min(1) }).strict()),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

export function manifestBytes(manifest: Manifest): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json]);
}

function damaged(): CoreError {
  return new CoreError('invalid_input', DAMAGED, 'path');
}

/**
 * Takes decrypted bytes as they come and sends them where they belong: the manifest stays in
 * memory (it holds the keychain values, which must never touch the disk), every other part is
 * written to the file `target(part)` names. Nothing read here is trusted until the GCM tag
 * has been checked: the caller removes the written files if it fails.
 */
export class PayloadReader {
  private pending = Buffer.alloc(0);
  private manifestValue: Manifest | null = null;
  private parts: { path: string; size: number }[] = [];
  private partIndex = 0;
  private written = 0;
  private fd: number | null = null;

  constructor(private readonly target: (manifest: Manifest) => { path: string; size: number }[]) {}

  get manifest(): Manifest | null {
    return this.manifestValue;
  }

  push(chunk: Buffer): void {
    if (this.manifestValue === null) {
      this.pending = Buffer.concat([this.pending, chunk]);
      if (this.pending.length < 4) return;
      const length = this.pending.readUInt32BE(0);
      if (length === 0 || length > MAX_MANIFEST_BYTES) throw damaged();
      if (this.pending.length < 4 + length) return;
      const parsed = manifestSchema.safeParse(safeJson(this.pending.subarray(4, 4 + length)));
      if (!parsed.success) throw damaged();
      this.manifestValue = parsed.data;
      this.parts = this.target(parsed.data);
      const rest = this.pending.subarray(4 + length);
      this.pending = Buffer.alloc(0);
      if (rest.length > 0) this.write(rest);
      return;
    }
    this.write(chunk);
  }

  private write(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const part = this.parts[this.partIndex];
      if (part === undefined) throw damaged();
      if (this.fd === null) this.fd = openSync(part.path, 'wx', PRIVATE_FILE_MODE);
      const take = Math.min(part.size - this.written, chunk.length - offset);
      writeSync(this.fd, chunk, offset, take);
      offset += take;
      this.written += take;
      if (this.written === part.size) this.nextPart();
    }
  }

  private nextPart(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.partIndex += 1;
    this.written = 0;
  }

  /** Every part complete (empty files included); throws when the payload ended early. */
  finish(): Manifest {
    while (this.manifestValue !== null && this.partIndex < this.parts.length && this.parts[this.partIndex]?.size === 0 && this.written === 0) {
      const part = this.parts[this.partIndex] as { path: string };
      closeSync(openSync(part.path, 'wx', PRIVATE_FILE_MODE));
      this.nextPart();
    }
    if (this.manifestValue === null || this.partIndex !== this.parts.length) throw damaged();
    return this.manifestValue;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
