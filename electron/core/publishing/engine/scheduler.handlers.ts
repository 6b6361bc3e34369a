import { randomUUID } from 'node:crypto';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { HandlerMap } from '../../handler-types';
import type { AdapterContext } from '../adapter-http';
import type { AdapterRegistry } from '../adapters/platform-adapters';
import type { PublisherContext } from '../publisher/publisher-identity';
import { runDue } from './publish-pass';

interface SchedulerOptions {
  leaseMs?: number;
  http?: AdapterContext;
}

/** What the publisher may call: the methods the contract marks `publisher`, and nothing else. */
export type PublisherHandlers = { 'scheduler.runOnce': (ctx: PublisherContext) => Promise<MethodOutput<'scheduler.runOnce'>> };

/**
 * scheduler.runOnce: one pass of the engine, as `custodian scheduler run --once` does it, so
 * the desktop app can run the same pass. The lease owner is unique per call: two passes at
 * once (two windows, a window and the CLI) never take the same target.
 */
export function schedulerHandlers(adapters: AdapterRegistry, options: SchedulerOptions = {}): HandlerMap<'scheduler.runOnce'> {
  return {
    'scheduler.runOnce': async ({ vault, operator }) => ({
      results: await runDue({ vault, adapters, actorId: operator.personId, ...(options.http === undefined ? {} : { http: options.http }) }, passOptions(options)),
    }),
  };
}

/** The same pass run by the publisher: no person is its actor; each event names the publisher. */
export function publisherSchedulerHandlers(adapters: AdapterRegistry, options: SchedulerOptions = {}): PublisherHandlers {
  return {
    'scheduler.runOnce': async ({ vault, publisherId }) => ({
      results: await runDue({ vault, adapters, actorId: null, publisherId, ...(options.http === undefined ? {} : { http: options.http }) }, passOptions(options)),
    }),
  };
}

function passOptions(options: SchedulerOptions): { owner: string; leaseMs?: number } {
  return { owner: `pass:${randomUUID()}`, ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }) };
}
