import { londonDate } from '../../../shared/calendar/london-date';
import type { RegisterImportView } from '../../../shared/contract/views';
import { accessHandlers } from '../access/access.handlers';
import { importRefused } from '../calendar/calendar.view';
import { channelHandlers } from '../channels/channels.handlers';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { addPerson } from '../people/people.handlers';
import { parseRegisterCsv } from './register.csv';
import { planRegister, type RegisterStep } from './register-plan';

/** Thrown inside a dry run's transaction so that everything it did is rolled back. */
class DryRunRollback extends Error {}

/**
 * Each step through the same code as doing it by hand: same checks, same audit event. Their
 * transactions nest as savepoints of the import's one transaction.
 */
async function runStep(ctx: HandlerContext, step: RegisterStep): Promise<void> {
  if (step.run === 'channel.add') await channelHandlers['channel.add'](ctx, step.input);
  else if (step.run === 'channel.update') await channelHandlers['channel.update'](ctx, step.input);
  else if (step.run === 'access.grant') await accessHandlers['access.grant'](ctx, step.input);
  else await addPerson(ctx, step.input, null);
}

const STEP_WORDS: Record<RegisterStep['run'], string> = {
  'channel.add': 'adding this channel',
  'channel.update': 'changing this channel',
  'person.add': 'adding this person',
  'access.grant': 'giving this holder access',
};

/** A step's refusal by line and field: the handler's own words may quote the row's cells. */
function stepRefused(step: RegisterStep, error: CoreError): string {
  const field = error.field === undefined ? '' : `, over its ${error.field}`;
  return `${STEP_WORDS[step.run]} was refused as it would be by hand (${error.code}${field})`;
}

function counts(rows: RegisterImportView['rows']) {
  const of = (action: string) => rows.filter((r) => r.action === action).length;
  return { created: of('create'), updated: of('update'), skipped: of('skip') };
}

export const registerImportHandlers: HandlerMap<'import.register'> = {
  'import.register': async (ctx, input) => {
    const db = ctx.vault.data;
    // Read and checked in full before anything is written: a file with one bad line changes nothing.
    const parsed = parseRegisterCsv(input.csv);
    if (parsed.errors.length > 0) throw importRefused('The register file', 'csv', parsed.errors);
    const plan = await planRegister(db, parsed.rows, londonDate(ctx.vault.clock.now().getTime()));
    if (plan.errors.length > 0) throw importRefused('The register file', 'csv', plan.errors);
    const view: RegisterImportView = { dryRun: input.dryRun, rows: plan.preview, ...counts(plan.preview) };

    // A dry run runs every step too, then rolls back: what it shows is what the import would do.
    try {
      await db.transaction(async () => {
        for (const step of plan.steps) {
          try {
            await runStep(ctx, step);
          } catch (error) {
            if (error instanceof CoreError) throw importRefused('The register file', 'csv', [{ line: step.line, message: stepRefused(step, error) }]);
            throw error;
          }
        }
        await ctx.vault.audit.append({
          actorId: ctx.operator.personId,
          action: 'import.register',
          target: 'register',
          outcome: 'ok',
          details: {
            created: view.created,
            updated: view.updated,
            skipped: view.skipped,
            channels: plan.preview.filter((r) => r.kind === 'channel' && r.action === 'create').length,
            people: plan.preview.filter((r) => r.kind === 'person' && r.action === 'create').length,
            holders: plan.preview.filter((r) => r.kind === 'holder' && r.action === 'create').length,
          },
        });
        if (input.dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    return view;
  },
};
