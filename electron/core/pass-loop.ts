/**
 * The pass loop of the desktop app's in-process scheduler and of `custodian scheduler run`
 * (one loop for both): one publishing pass, then a pause, then the next, at most once a minute
 * (the app runs its daily-backup check on it too). A short timer chain rather than a long timer or setInterval: a pass
 * that takes longer than the pause never overlaps the next, a machine that slept simply runs
 * the next pass when it wakes, and stopping waits for the pass in flight so quitting never
 * cuts a publish between "sent" and "recorded". Pure apart from the timers passed in.
 */
export const SCHEDULER_PAUSE_MS = 60_000;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerTicker {
  start(): void;
  /** Resolves once no pass is running and none will start. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function createSchedulerTicker(options: {
  runPass: () => Promise<void>;
  pauseMs?: number;
  timers?: Timers;
  log?: (event: string, fields?: Record<string, string | number | boolean>) => void;
  /**
   * A pass that threw: 'continue' (the next pass tries again) or 'stop' (no further pass).
   * Without it the error is logged by class and the loop continues.
   */
  onError?: (error: unknown) => 'continue' | 'stop';
}): SchedulerTicker {
  const timers: Timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const pauseMs = options.pauseMs ?? SCHEDULER_PAUSE_MS;
  let handle: unknown = null;
  let inFlight: Promise<void> | null = null;
  let stopped = true;

  const schedule = (ms: number) => {
    if (stopped) return;
    handle = timers.setTimeout(() => {
      handle = null;
      inFlight = options
        .runPass()
        .catch((error: unknown) => {
          if (options.onError !== undefined) {
            if (options.onError(error) === 'stop') stopped = true;
            return;
          }
          // The pass records its own outcomes; a crash of the pass itself is logged by class only.
          options.log?.('scheduler.pass-failed', { error: error instanceof Error ? error.name : 'unknown' });
        })
        .finally(() => {
          inFlight = null;
          schedule(pauseMs);
        });
    }, ms);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      // The first pass soon after start: posts missed while the app was closed are found at once.
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      await inFlight;
    },
    get running() {
      return !stopped;
    },
  };
}
