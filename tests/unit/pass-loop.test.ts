import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSchedulerTicker, SCHEDULER_PAUSE_MS } from '../../electron/core/pass-loop';

describe('the pass loop (the app\'s scheduler and custodian scheduler run)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a pass at start, then one a minute after each pass finishes, never two at once', async () => {
    let running = 0;
    let most = 0;
    const passes: number[] = [];
    const ticker = createSchedulerTicker({
      runPass: async () => {
        running += 1;
        most = Math.max(most, running);
        passes.push(Date.now());
        // A slow pass: longer than the pause.
        await new Promise((resolve) => setTimeout(resolve, 90_000));
        running -= 1;
      },
    });
    const start = Date.now();
    ticker.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(90_000 + SCHEDULER_PAUSE_MS);
    expect(passes.map((t) => t - start)).toEqual([0, 90_000 + SCHEDULER_PAUSE_MS]);
    expect(most).toBe(1);
    await vi.advanceTimersByTimeAsync(90_000);
    await ticker.stop();
  });

  it('stops after the pass in flight and starts no other', async () => {
    let finished = false;
    const runPass = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      finished = true;
    });
    const ticker = createSchedulerTicker({ runPass });
    ticker.start();
    await vi.advanceTimersByTimeAsync(1_000);
    const stopping = ticker.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopping;
    expect(finished).toBe(true);
    expect(ticker.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * SCHEDULER_PAUSE_MS);
    expect(runPass).toHaveBeenCalledTimes(1);
  });

  it('keeps going after a pass that throws, and logs only the error class', async () => {
    const log = vi.fn();
    const runPass = vi.fn().mockRejectedValueOnce(new TypeError('secret-looking detail')).mockResolvedValue(undefined);
    const ticker = createSchedulerTicker({ runPass, log });
    ticker.start();
    await vi.advanceTimersByTimeAsync(SCHEDULER_PAUSE_MS + 1);
    expect(runPass).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith('scheduler.pass-failed', { error: 'TypeError' });
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret-looking');
    await ticker.stop();
  });

  it('asks onError whether to go on: continue runs the next pass, stop runs none', async () => {
    const errors: unknown[] = [];
    const runPass = vi.fn().mockRejectedValueOnce(new Error('first')).mockRejectedValueOnce(new Error('second')).mockResolvedValue(undefined);
    const ticker = createSchedulerTicker({
      runPass,
      onError: (error) => {
        errors.push(error);
        return errors.length === 1 ? 'continue' : 'stop';
      },
    });
    ticker.start();
    await vi.advanceTimersByTimeAsync(SCHEDULER_PAUSE_MS + 1);
    expect(runPass).toHaveBeenCalledTimes(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['first', 'second']);
    expect(ticker.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * SCHEDULER_PAUSE_MS);
    expect(runPass).toHaveBeenCalledTimes(2);
    await ticker.stop();
  });
});
