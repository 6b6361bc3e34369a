import { clampIdleLockMinutes } from './shell-settings';

/**
 * When the console locks by itself: after N minutes without keyboard or mouse input anywhere
 * on the machine (15 by default, at most 60), when the machine suspends, and when the screen
 * locks. The decisions are pure functions; the monitor polls on a short tick (never one long
 * timer: a suspended machine does not run timers, and Node fires a delay over 2^31-1 ms at
 * once) and reacts to powerMonitor's events.
 */

/** How often the system idle time is read. Locks happen at most this late. */
export const IDLE_TICK_MS = 15_000;

export interface IdleSettings {
  /** Minutes of system idle time before locking; clamped to 1–60. */
  readonly lockAfterMinutes: number;
}

export type LockReason = 'idle' | 'suspend' | 'lock-screen' | 'sleep-gap' | 'user' | 'quit';

/** True when the machine has been idle at least as long as the (clamped) setting. */
export function shouldLock(idleSeconds: number, settings: IdleSettings): boolean {
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0) return false;
  return idleSeconds >= clampIdleLockMinutes(settings.lockAfterMinutes) * 60;
}

export interface IdleSample {
  /** powerMonitor.getSystemIdleTime(). */
  readonly idleSeconds: number;
  /** powerMonitor.getSystemIdleState(...) === 'locked' (where the OS reports it; Linux often does not send 'lock-screen'). */
  readonly screenLocked: boolean;
  /** Wall-clock time since the previous tick: far more than a tick means the machine slept. */
  readonly msSinceLastTick: number;
}

/**
 * A gap this long between two 15 s ticks means the process was frozen: the machine slept
 * without us seeing 'suspend' (it is not sent on every platform and path), or was paused.
 */
export function sleepGapMs(tickMs: number): number {
  return tickMs * 2 + 30_000;
}

/** What one tick decides, only while someone is signed in (nothing to lock otherwise). */
export function tickDecision(sample: IdleSample, settings: IdleSettings, tickMs = IDLE_TICK_MS): LockReason | null {
  if (sample.screenLocked) return 'lock-screen';
  if (sample.msSinceLastTick >= sleepGapMs(tickMs)) return 'sleep-gap';
  if (shouldLock(sample.idleSeconds, settings)) return 'idle';
  return null;
}

/** The parts of Electron's powerMonitor the monitor uses. */
export interface PowerMonitorLike {
  getSystemIdleTime(): number;
  getSystemIdleState(idleThreshold: number): string;
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
}

export interface IdleTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export interface IdleMonitorOptions {
  readonly powerMonitor: PowerMonitorLike;
  readonly settings: () => IdleSettings;
  /** Only a signed-in console is locked by the tick; events always lock (they also clear the clipboard). */
  readonly isSignedIn: () => boolean;
  readonly lock: (reason: LockReason) => Promise<void>;
  readonly timers?: IdleTimers;
  readonly tickMs?: number;
}

export interface IdleMonitor {
  start(): void;
  stop(): void;
  /** Runs one tick now (the interval calls this). */
  tick(): Promise<void>;
}

const defaultTimers: IdleTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

export function createIdleMonitor(options: IdleMonitorOptions): IdleMonitor {
  const { powerMonitor } = options;
  const timers = options.timers ?? defaultTimers;
  // Never longer than a minute between looks, whatever is passed in.
  const tickMs = Math.min(Math.max(options.tickMs ?? IDLE_TICK_MS, 1_000), 60_000);
  let interval: unknown = null;
  let lastTick = timers.now();
  let locking: Promise<void> | null = null;

  const lock = (reason: LockReason): Promise<void> => {
    // One lock at a time: a suspend arriving during an idle lock does not run it twice.
    if (locking !== null) return locking;
    locking = options
      .lock(reason)
      .catch(() => undefined)
      .finally(() => {
        locking = null;
        lastTick = timers.now();
      });
    return locking;
  };

  const onSuspend = (): void => void lock('suspend');
  const onLockScreen = (): void => void lock('lock-screen');

  const tick = async (): Promise<void> => {
    const now = timers.now();
    const msSinceLastTick = now - lastTick;
    lastTick = now;
    if (!options.isSignedIn()) return;
    const settings = options.settings();
    let idleSeconds = 0;
    let screenLocked = false;
    try {
      idleSeconds = powerMonitor.getSystemIdleTime();
      const threshold = Math.max(1, Math.round(clampIdleLockMinutes(settings.lockAfterMinutes) * 60));
      screenLocked = powerMonitor.getSystemIdleState(threshold) === 'locked';
    } catch {
      // No idle information on this desktop: the events and the sleep gap still lock.
    }
    const reason = tickDecision({ idleSeconds, screenLocked, msSinceLastTick }, settings, tickMs);
    if (reason !== null) await lock(reason);
  };

  return {
    tick,
    start() {
      if (interval !== null) return;
      lastTick = timers.now();
      powerMonitor.on('suspend', onSuspend);
      powerMonitor.on('lock-screen', onLockScreen);
      interval = timers.setInterval(() => void tick(), tickMs);
    },
    stop() {
      if (interval === null) return;
      timers.clearInterval(interval);
      interval = null;
      powerMonitor.removeListener('suspend', onSuspend);
      powerMonitor.removeListener('lock-screen', onLockScreen);
    },
  };
}
