import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReviewVerifyView } from '../../../shared/contract/views';
import { fingerprintOf } from './review-signing-key';

/** The files a pack holds besides its manifest and signature, in the order they are written. */
export const PACK_FILES = ['review.pdf', 'review.xlsx', 'review.json', 'audit.csv'] as const;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

export interface PackFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  schemaVersion: 1;
  kind: 'custodian-review-pack';
  trust: string;
  school: string | null;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  files: PackFile[];
  /** The audit trail's last event when the pack was made. */
  auditHead: { seq: number; hash: string } | null;
  signing: { algorithm: 'Ed25519'; publicKey: string; fingerprint: string };
}

/**
 * manifest.sig: the manifest's SHA-256 and an Ed25519 signature over it. Keeping the digest
 * beside the signature tells the two failures apart: a changed manifest no longer matches the
 * signed digest, while a changed signature file no longer verifies.
 */
interface SignatureFile {
  algorithm: 'Ed25519';
  manifestSha256: string;
  signature: string;
}

const SIGNED_PREFIX = 'custodian-review-pack-v1:';

/** SHA-256 of a file, read in chunks (a year's audit.csv can be large). */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

export function signatureBytes(manifest: Buffer, privateKey: KeyObject): Buffer {
  const manifestSha256 = createHash('sha256').update(manifest).digest('hex');
  const signature = sign(null, Buffer.from(SIGNED_PREFIX + manifestSha256, 'utf8'), privateKey).toString('base64');
  const file: SignatureFile = { algorithm: 'Ed25519', manifestSha256, signature };
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

function parseSignature(bytes: Buffer): SignatureFile | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<SignatureFile>;
    if (value.algorithm !== 'Ed25519' || typeof value.manifestSha256 !== 'string' || typeof value.signature !== 'string') return null;
    return value as SignatureFile;
  } catch {
    return null;
  }
}

function parseManifest(bytes: Buffer): Manifest | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<Manifest>;
    if (value.kind !== 'custodian-review-pack' || !Array.isArray(value.files) || value.period === undefined) return null;
    return value as Manifest;
  } catch {
    return null;
  }
}

export interface VerifyOptions {
  /** This vault's public key; null when the vault has never signed a pack. */
  publicKey: KeyObject | null;
  /** The hash of an audit event in this vault's trail, or null if it has no such event. */
  auditHashAt: (seq: number) => Promise<string | null>;
}

/**
 * Checks a pack: the signature against this vault's key, the manifest against the signed
 * digest, then each file against the manifest. Every problem names its file.
 */
export async function verifyPack(dir: string, options: VerifyOptions): Promise<ReviewVerifyView> {
  const problems: ReviewVerifyView['problems'] = [];
  const result = (manifest: Manifest | null): ReviewVerifyView => ({
    valid: problems.length === 0,
    problems,
    fingerprint: options.publicKey === null ? (manifest?.signing?.fingerprint ?? null) : fingerprintOf(options.publicKey),
    from: manifest?.period?.from ?? null,
    to: manifest?.period?.to ?? null,
    school: manifest?.school ?? null,
  });
  const manifestRaw = await readOrNull(join(dir, MANIFEST_FILE));
  const signatureRaw = await readOrNull(join(dir, SIGNATURE_FILE));
  if (manifestRaw === null) {
    problems.push({ file: MANIFEST_FILE, problem: 'is missing, so nothing in this folder can be checked' });
    return result(null);
  }
  const manifest = parseManifest(manifestRaw);
  const signature = signatureRaw === null ? null : parseSignature(signatureRaw);
  if (signatureRaw === null) problems.push({ file: SIGNATURE_FILE, problem: 'is missing: the pack is not signed' });
  else if (signature === null) problems.push({ file: SIGNATURE_FILE, problem: 'is damaged: it is not a Custodian signature' });
  else if (options.publicKey === null) problems.push({ file: SIGNATURE_FILE, problem: 'cannot be checked: this vault has never signed a review pack' });
  else if (!verify(null, Buffer.from(SIGNED_PREFIX + signature.manifestSha256, 'utf8'), options.publicKey, Buffer.from(signature.signature, 'base64'))) {
    problems.push({ file: SIGNATURE_FILE, problem: "is not a valid signature by this vault's key: it was altered, or another vault signed the pack" });
  }
  const signed = signature !== null && problems.length === 0;
  // The digest can be trusted only once its signature holds: otherwise the signature file is what is named.
  if (signed && createHash('sha256').update(manifestRaw).digest('hex') !== signature.manifestSha256) {
    problems.push({ file: MANIFEST_FILE, problem: 'was altered after it was signed' });
    return result(null);
  }
  if (manifest === null) {
    problems.push({ file: MANIFEST_FILE, problem: 'is damaged: it is not a review pack manifest' });
    return result(null);
  }
  const listed = new Map(manifest.files.map((file) => [file.name, file]));
  const intact = new Set<string>();
  for (const name of PACK_FILES) {
    const entry = listed.get(name);
    if (entry === undefined) {
      problems.push({ file: name, problem: 'is not listed in the manifest' });
      continue;
    }
    let actual: { sha256: string; bytes: number };
    try {
      actual = await hashFile(join(dir, name));
    } catch {
      problems.push({ file: name, problem: 'is missing' });
      continue;
    }
    if (actual.sha256 !== entry.sha256) problems.push({ file: name, problem: 'was altered: its SHA-256 does not match the signed manifest' });
    else intact.add(name);
  }
  if (intact.has('review.json')) await checkMirroredHead(dir, manifest, problems);
  // Only a pack this vault signed can be checked against this vault's trail.
  if (signed && manifest.auditHead !== null && (await options.auditHashAt(manifest.auditHead.seq)) !== manifest.auditHead.hash) {
    problems.push({ file: MANIFEST_FILE, problem: `names audit event ${manifest.auditHead.seq} with a hash this vault's audit trail does not have` });
  }
  return result(manifest);
}

/**
 * The head is mirrored: the manifest names it and review.json (the data the report and audit.csv
 * were cut at) carries it too. They differ only if the pack was assembled from two moments, or
 * re-signed by someone holding the key after an edit.
 */
async function checkMirroredHead(dir: string, manifest: Manifest, problems: ReviewVerifyView['problems']): Promise<void> {
  let carried: unknown;
  try {
    carried = (JSON.parse(await readFile(join(dir, 'review.json'), 'utf8')) as { auditHead?: unknown }).auditHead ?? null;
  } catch {
    problems.push({ file: 'review.json', problem: 'is damaged: it is not the JSON a review pack holds' });
    return;
  }
  const named = manifest.auditHead;
  const same =
    named === null
      ? carried === null
      : carried !== null && typeof carried === 'object' && (carried as { seq?: unknown }).seq === named.seq && (carried as { hash?: unknown }).hash === named.hash;
  if (!same) {
    const what = named === null ? 'no audit event' : `audit event ${named.seq}`;
    problems.push({ file: 'review.json', problem: `carries a different audit head than the manifest, which names ${what}: the pack's data and its manifest do not belong together` });
  }
}
