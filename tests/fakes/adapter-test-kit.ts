import { expect } from 'vitest';
import type { AdapterOptions } from '../../electron/core/publishing/adapter-http';
import type { PlatformAdapter, PublishOutcome, PublishRequest } from '../../electron/core/publishing/platform-adapter';

/**
 * Shared by the adapter tests: deadlines short enough to keep the suite fast (and generous enough
 * for a busy 2-core machine), a sleep that does not wait, and a log of every outcome so a test
 * file can check at the end that no token ever reached one.
 */
export const testTimeouts: AdapterOptions = { requestTimeoutMs: 5_000, uploadTimeoutMs: 10_000, sleep: () => Promise.resolve() };

/** For the hang tests: the fake never answers, so this deadline is what ends the exchange. */
export const hangTimeouts: AdapterOptions = { requestTimeoutMs: 150, uploadTimeoutMs: 150, sleep: () => Promise.resolve() };

export class OutcomeLog {
  readonly entries: unknown[] = [];

  /** Publishes and records the outcome; an adapter that throws fails the test (with the error recorded for the token check). */
  async publish(adapter: PlatformAdapter, request: PublishRequest, signal?: AbortSignal): Promise<PublishOutcome> {
    try {
      const outcome = await adapter.publish(request, signal);
      this.entries.push(outcome);
      return outcome;
    } catch (error) {
      this.entries.push({ thrown: String(error), stack: (error as Error | undefined)?.stack });
      throw new Error('the adapter threw instead of returning an outcome');
    }
  }

  expectNoSecret(...secrets: string[]): void {
    expect(this.entries.length).toBeGreaterThan(0);
    const all = JSON.stringify(this.entries);
    for (const secret of secrets) expect(all).not.toContain(secret);
  }
}

/** Deterministic bytes for a fake file. */
export function fileBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 31 + seed * 17) % 251;
  return bytes;
}

export function fixedClock(iso: string): { now(): Date } {
  return { now: () => new Date(iso) };
}
