import { requireInScope } from '../access/school-scope';
import { londonToday } from '../clock';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { schoolByCode } from '../trust/schools.repo';
import { assertTargetFolder, writeReviewPack, type ReviewProgress } from './review-export';
import { verifyPack } from './review-manifest';
import { reviewPeriod } from './review-period';
import { readSigningKey, signingKeyForExport } from './review-signing-key';

export type { ReviewProgress } from './review-export';

/**
 * The annual review pack. Export: administrators and trust-wide auditors make the trust's pack
 * or one school's; an SLT auditor makes their own school's only (as with audit.list). Every
 * export, and every failed one, is recorded with the manifest's SHA-256, so the trail says
 * which pack was made. Verify reads a pack and checks it against this vault's signing key.
 */
export function reviewHandlers(progress: ReviewProgress | null): HandlerMap<'review.export' | 'review.verify'> {
  return {
    'review.export': async ({ vault, operator }, input) => {
      const code = input.school ?? operator.schoolScope ?? undefined;
      if (code !== undefined) requireInScope(operator, code, 'review pack');
      const school = code === undefined ? null : await schoolByCode(vault.data, code);
      const today = londonToday(vault.clock);
      const period = reviewPeriod(input, today);
      if (period.from > today) throw new CoreError('invalid_input', `The period starts on ${period.from}, after today: a review pack covers days that have happened.`, 'from');
      const details = { from: period.from, to: period.to, school: school?.code ?? null };
      const record = (outcome: 'ok' | 'error', extra: Record<string, unknown>) =>
        vault.audit.append({ actorId: operator.personId, action: 'review.export', target: school === null ? 'review' : `school:${school.id}`, schoolId: school?.id ?? null, outcome, details: { ...details, ...extra } });
      try {
        await assertTargetFolder(input.out);
        const key = await signingKeyForExport(vault, operator.personId);
        const { view, manifestSha256 } = await writeReviewPack({ vault, operator, out: input.out, school, period, today, key, progress });
        await record('ok', { manifestSha256, fingerprint: key.fingerprint, auditSeq: view.auditHead?.seq ?? 0 });
        return view;
      } catch (error) {
        await record('error', { why: error instanceof CoreError ? error.code : 'internal' });
        throw error;
      }
    },

    'review.verify': async ({ vault, operator }, input) => {
      const key = await readSigningKey(vault);
      const result = await verifyPack(input.dir, { publicKey: key?.publicKey ?? null, auditHashAt: (seq) => vault.audit.hashAt(seq) });
      await vault.audit.append({
        actorId: operator.personId,
        action: 'review.verify',
        target: 'review',
        outcome: 'ok',
        details: { valid: result.valid, from: result.from, to: result.to, problems: result.problems.map((p) => p.file) },
      });
      return result;
    },
  };
}
