import { randomUUID } from 'node:crypto';
import type { HandlerMap } from '../../handler-types';
import type { AdapterContext } from '../adapter-http';
import type { AdapterRegistry } from '../adapter-registry';
import { runDue } from './engine';

/**
 * scheduler.runOnce: one pass of the engine, as `custodian scheduler run --once` does it, so
 * the desktop app can run the same pass. The lease owner is unique per call: two passes at
 * once (two windows, a window and the CLI) never take the same target.
 */
export function schedulerHandlers(adapters: AdapterRegistry, options: { leaseMs?: number; http?: AdapterContext } = {}): HandlerMap<'scheduler.runOnce'> {
  return {
    'scheduler.runOnce': async ({ vault, operator }) => ({
      results: await runDue({ vault, adapters, actorId: operator.personId, ...(options.http === undefined ? {} : { http: options.http }) }, { owner: `pass:${randomUUID()}`, ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }) }),
    }),
  };
}
