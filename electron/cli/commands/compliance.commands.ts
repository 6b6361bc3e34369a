import { UsageError } from '../cli-io';
import { flag, isoDateFlag, required, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

const severityWords = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' } as const;

/** KEY=VALUE words as the profile's types: numbers and true/false; anything else stays text. */
function settingsFrom(words: string[]): Record<string, number | boolean | string> {
  if (words.length === 0) throw new UsageError('Name at least one setting, such as inactiveAfterDays=90.');
  const settings: Record<string, number | boolean | string> = {};
  for (const word of words) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(word);
    if (match === null) throw new UsageError(`Settings are written KEY=VALUE (such as inactiveAfterDays=90); "${word.slice(0, 40)}" is not.`);
    const [, key = '', raw = ''] = match;
    settings[key] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return settings;
}

export const complianceCommands: CommandSpec[] = [
  {
    words: ['compliance'],
    usage: 'custodian compliance [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const report = await ctx.call('compliance.report', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(report.findings));
        return;
      }
      const { high, medium, low } = report.counts;
      ctx.io.stderr(`${report.findings.length === 0 ? 'No findings' : `${high} high, ${medium} medium, ${low} low`} on ${report.today}.\n`);
      ctx.io.stdout(
        report.findings
          .map((f) => `${severityWords[f.severity]}  ${f.ruleId}  ${f.subject.name}\n  ${f.message}\n  Fix: ${f.fix}\n`)
          .join('\n'),
      );
    },
  },
  {
    words: ['policy', 'show'],
    usage: 'custodian policy show [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const policy = await ctx.call('policy.show', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(policy));
        return;
      }
      ctx.io.stdout(table(['SETTING', 'VALUE'], Object.entries(policy.profile).map(([key, value]) => [key, String(value)])));
      ctx.io.stdout(`\nSettings: ${policy.source === 'default' ? 'the defaults (resources/policy-profile.json)' : 'changed by an administrator'}.\n`);
      ctx.io.stdout(`Next policy review: ${policy.nextReviewOn}${policy.overdue ? ' (OVERDUE)' : ''}.\n`);
      if (policy.reviews.length > 0) {
        ctx.io.stdout(`\n${table(['REVIEWED', 'BY', 'OUTCOME', 'NEXT'], policy.reviews.map((r) => [r.reviewedOn, r.reviewedBy, r.outcome, r.nextReviewOn]))}`);
      }
    },
  },
  {
    words: ['policy', 'set'],
    usage: 'custodian policy set KEY=VALUE [KEY=VALUE …]   (e.g. inactiveAfterDays=90)',
    signIn: true,
    variadicPositionals: true,
    async run(ctx) {
      const policy = await ctx.call('policy.update', { settings: settingsFrom(ctx.positionals) });
      ctx.io.stderr(`Policy settings saved. Next review: ${policy.nextReviewOn}.\n`);
    },
  },
  {
    words: ['policy', 'review'],
    usage: 'custodian policy review --on DATE --by TEXT --outcome TEXT --next DATE',
    options: { on: { type: 'string' }, by: { type: 'string' }, outcome: { type: 'string' }, next: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const reviewedOn = isoDateFlag(ctx, 'on') ?? required(ctx, 'on');
      const nextReviewOn = isoDateFlag(ctx, 'next') ?? required(ctx, 'next');
      const review = await ctx.call('policy.recordReview', { reviewedOn, reviewedBy: required(ctx, 'by'), outcome: required(ctx, 'outcome'), nextReviewOn });
      ctx.io.stderr(`Recorded the policy review of ${review.reviewedOn}; the next is due by ${review.nextReviewOn}.\n`);
    },
  },
];
