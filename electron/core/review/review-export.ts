import { mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReviewExportView } from '../../../shared/contract/views';
import { CoreError } from '../errors';
import { makeFilePrivate, makePrivateDirAsync, writePrivateFileAsync } from '../files/private-files';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { qb } from '../db/sql';
import { readAuditCsvNames, writeAuditCsv } from './audit-csv';
import { gatherReviewData, type ReviewScope } from './review-data';
import { hashFile, MANIFEST_FILE, manifestBytes, PACK_FILES, SIGNATURE_FILE, signatureBytes, type Manifest, type PackFile } from './review-manifest';
import type { ReviewData } from './review-model';
import { writeReviewJson } from './review-json';
import { writeReviewPdf } from './review-pdf';
import type { ReviewPeriod } from './review-period';
import type { SigningKey } from './review-signing-key';
import { writeReviewXlsx } from './review-xlsx';

/**
 * Told before each file is written: the CLI prints it, the window's progress bar shows it.
 * Awaited, so a listener that needs a moment (or a test holding a step on screen) gets it.
 */
export type ReviewProgress = (step: { file: string; index: number; total: number }) => void | Promise<void>;

export interface ExportRequest {
  vault: Vault;
  operator: Operator;
  out: string;
  school: ReviewScope['school'];
  period: ReviewPeriod;
  today: string;
  key: SigningKey;
  progress: ReviewProgress | null;
}

/** Refuses a folder that cannot take the pack (a file, or a folder with anything in it). */
export async function assertTargetFolder(out: string): Promise<void> {
  let problem: string | null;
  try {
    problem = await folderProblem(out);
  } catch (error) {
    throw fsFailure(out, error) ?? error;
  }
  if (problem !== null) throw new CoreError('conflict', problem, 'out');
}

/** Why a folder cannot take the pack, in words; null when it can (missing, or empty). */
async function folderProblem(out: string): Promise<string | null> {
  let info;
  try {
    info = await stat(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!info.isDirectory()) return `${out} is a file, not a folder. Choose an empty or new folder for the pack.`;
  if ((await readdir(out)).length > 0) {
    return `The folder ${out} is not empty. Choose an empty or new folder, so that no other file can be taken for part of the pack.`;
  }
  return null;
}

function fsFailure(out: string, error: unknown): CoreError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why: Record<string, string> = {
    EACCES: 'you do not have permission to write there',
    EPERM: 'you do not have permission to write there',
    EROFS: 'it is on a read-only disk',
    ENOSPC: 'the disk is full',
    ENOTDIR: 'part of the path is a file, not a folder',
  };
  const reason = code === undefined ? undefined : why[code];
  return reason === undefined ? null : new CoreError('conflict', `The pack could not be written to ${out}: ${reason}. Nothing was left behind.`, 'out');
}

/**
 * Writes the pack: all files into a hidden folder inside the target, then renamed into place,
 * so a failure part way leaves nothing half-written (the hidden folder is removed, and so is
 * the target if this export created it). The manifest is hashed and signed last.
 */
export async function writeReviewPack(request: ExportRequest): Promise<{ view: ReviewExportView; manifestSha256: string; data: ReviewData }> {
  const { vault, operator, out, school, period, key, progress } = request;
  await assertTargetFolder(out);
  const filter = (head: { seq: number } | null) => ({ startInstant: period.startInstant, endInstant: period.endInstant, lastSeq: head?.seq ?? 0, schoolId: school?.id ?? null });
  // One snapshot: every section, the CSV's names and the head the manifest mirrors see the same
  // moment. It awaits only the Db: the files are written after it, from what it read.
  const { auditHead, data, csvNames } = await vault.data.snapshot(async () => {
    const head = (await vault.data.first(qb.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1))) ?? null;
    const gathered = await gatherReviewData(vault.data, {
      school,
      period,
      operator,
      today: request.today,
      generatedAt: vault.clock.now().toISOString(),
      auditHead: head,
      fingerprint: key.fingerprint,
    });
    return { auditHead: head, data: gathered, csvNames: await readAuditCsvNames(vault.data, filter(head)) };
  });

  let created = false;
  let temp: string | null = null;
  const moved: string[] = [];
  try {
    created = (await makePrivateDirAsync(out)) !== undefined;
    temp = await mkdtemp(join(out, '.custodian-review-'));
    const steps: [string, (path: string) => Promise<unknown>][] = [
      ['review.pdf', (path) => writeReviewPdf(data, path)],
      ['review.xlsx', (path) => writeReviewXlsx(data, path)],
      ['review.json', (path) => writeReviewJson(data, path)],
      ['audit.csv', (path) => writeAuditCsv(vault.data, path, filter(auditHead), csvNames)],
    ];
    const total = steps.length + 1;
    const files: PackFile[] = [];
    for (const [index, [name, write]] of steps.entries()) {
      await progress?.({ file: name, index: index + 1, total });
      const path = join(temp, name);
      await write(path);
      // exceljs picks its own mode: every file of the pack is private before it moves into place.
      makeFilePrivate(path);
      files.push({ name, ...(await hashFile(path)) });
    }
    await progress?.({ file: MANIFEST_FILE, index: total, total });
    const manifest: Manifest = {
      schemaVersion: 1,
      kind: 'custodian-review-pack',
      trust: data.trust,
      school: school?.code ?? null,
      period: { from: period.from, to: period.to },
      generatedAt: data.generated.at,
      generatedBy: operator.email,
      files,
      auditHead,
      signing: { algorithm: 'Ed25519', publicKey: key.publicKeyBase64, fingerprint: key.fingerprint },
    };
    const manifestRaw = manifestBytes(manifest);
    await writePrivateFileAsync(join(temp, MANIFEST_FILE), manifestRaw);
    await writePrivateFileAsync(join(temp, SIGNATURE_FILE), signatureBytes(manifestRaw, key.privateKey));
    // The signature goes in last: a folder with a signature has everything it signs.
    for (const name of [...PACK_FILES, MANIFEST_FILE, SIGNATURE_FILE]) {
      await rename(join(temp, name), join(out, name));
      moved.push(name);
    }
    await rmdir(temp);
    temp = null;
    return {
      view: { dir: out, from: period.from, to: period.to, school: school?.code ?? null, files, auditHead, fingerprint: key.fingerprint },
      manifestSha256: (await hashFile(join(out, MANIFEST_FILE))).sha256,
      data,
    };
  } catch (error) {
    if (temp !== null) await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    for (const name of moved) await rm(join(out, name), { force: true }).catch(() => undefined);
    if (created) await rm(out, { recursive: true, force: true }).catch(() => undefined);
    throw fsFailure(out, error) ?? error;
  }
}
