import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { policyReviewDue } from '../../../shared/compliance/rules/policy-review.rule';
import { londonToday } from '../clock';
import { loadPolicyProfile } from '../compliance/policy-profile.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import { NO_FOLDER_PICKER, type FolderPicker } from '../files/folder-picker';
import type { HandlerMap } from '../handler-types';
import type { Vault } from '../vault/vault';
import type { ReviewProgress } from './review-export';
import { reviewPeriod } from './review-period';
import { ReviewExportTracker } from './review-progress';
import { reviewHandlers } from './review.handlers';

type WindowMethod = 'review.defaults' | 'review.exportToChosenFolder' | 'review.progress' | 'review.verifyChosenFolder';

const BUSY = 'A review pack is being exported already. Wait for it to finish, then try again.';

/** The period a pack covers when none is given (the last 12 months, to today), and when the policy is next reviewed. */
async function defaultPeriod(vault: Vault): Promise<{ from: string; to: string; nextReviewOn: string }> {
  const reviews = (await vault.data.all(qb.selectFrom('policy_reviews').select(['reviewed_on', 'next_review_on']))).map((r) => ({
    reviewedOn: r.reviewed_on,
    nextReviewOn: r.next_review_on,
  }));
  const { due } = policyReviewDue(reviews, (await loadPolicyProfile(vault.data)).profile);
  const { from, to } = reviewPeriod({}, londonToday(vault.clock));
  return { from, to, nextReviewOn: due };
}

/**
 * A new folder for the pack inside the one the person chose, named by what it holds, so
 * choosing "Documents" never mixes the pack with other files (the export refuses a folder
 * with anything in it). A name already taken gets -2, -3, ….
 */
function packFolderIn(parent: string, name: string): string {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = join(parent, n === 1 ? name : `${name}-${n}`);
    if (!existsSync(candidate)) return candidate;
  }
  throw new CoreError('conflict', `The folder ${parent} already has too many review packs in it. Choose another folder.`);
}

/**
 * The desktop window's way to the review pack: the same export and check as review.export and
 * review.verify (same permission, scope and audit), with the folder chosen in main's own
 * dialog. Cancelling the dialog is nothing happening, not a refusal: nothing is written or
 * recorded. The export's steps are kept for review.progress while it runs.
 */
export function reviewChosenFolderHandlers(picker: FolderPicker | null, progress: ReviewProgress | null): HandlerMap<WindowMethod> {
  const tracker = new ReviewExportTracker();
  const exporter = reviewHandlers(async (step) => {
    tracker.step(step);
    await progress?.(step);
  });
  const choose = async (purpose: Parameters<FolderPicker['choose']>[0]) => {
    if (picker === null) throw new CoreError('forbidden', NO_FOLDER_PICKER);
    return picker.choose(purpose);
  };

  return {
    'review.defaults': ({ vault }) => defaultPeriod(vault),

    'review.progress': ({ token }) => tracker.viewFor(token),

    'review.exportToChosenFolder': async (ctx, input) => {
      if (tracker.busy) throw new CoreError('conflict', BUSY);
      const parent = await choose('review-export');
      if (parent === null) return { cancelled: true as const };
      // The dialog may have stayed open while another export started.
      if (tracker.busy) throw new CoreError('conflict', BUSY);
      const period = input.from !== undefined && input.to !== undefined ? { from: input.from, to: input.to } : await defaultPeriod(ctx.vault);
      const school = input.school ?? ctx.operator.schoolScope;
      const name = `custodian-review-${school === null ? '' : `${school.toLowerCase()}-`}${period.from}-to-${period.to}`;
      tracker.start(ctx.token);
      try {
        return await exporter['review.export'](ctx, { ...input, out: packFolderIn(parent, name) });
      } finally {
        tracker.finish();
      }
    },

    'review.verifyChosenFolder': async (ctx) => {
      const dir = await choose('review-verify');
      if (dir === null) return { cancelled: true as const };
      return { ...(await exporter['review.verify'](ctx, { dir })), dir };
    },
  };
}
