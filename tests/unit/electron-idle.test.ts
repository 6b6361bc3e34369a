import { describe, expect, it, vi } from 'vitest';
import { createIdleMonitor, IDLE_TICK_MS, shouldLock, sleepGapMs, tickDecision, type LockReason, type PowerMonitorLike } from '../../electron/main/idle-lock';

describe('shouldLock (pure)', () => {
  const at = (minutes: number) => ({ lockAfterMinutes: minutes });

  it.each([
    // idle seconds, setting (minutes), lock?
    [0, 15, false],
    [899, 15, false],
    [900, 15, true],
    [3600, 15, true],
    [59, 1, false],
    [60, 1, true],
    [299, 5, false],
    [300, 5, true],
    // At most 60 minutes, whatever is configured.
    [3599, 60, false],
    [3600, 60, true],
    [3600, 240, true],
    // Junk settings fall back to 15 minutes, never to "never".
    [899, Number.POSITIVE_INFINITY, false],
    [900, Number.POSITIVE_INFINITY, true],
    [900, Number.NaN, true],
    // At least 1 minute: 0 or negative settings do not lock on every tick.
    [30, 0, false],
    [60, -5, true],
    // Nonsense readings from the OS never lock.
    [-1, 15, false],
    [Number.NaN, 15, false],
  ])('idle %d s with a %d min setting → %s', (idleSeconds, minutes, expected) => {
    expect(shouldLock(idleSeconds, at(minutes))).toBe(expected);
  });

  it('a tick locks for a locked screen, a sleep gap, or idleness, in that order', () => {
    const settings = at(15);
    const calm = { idleSeconds: 10, screenLocked: false, msSinceLastTick: IDLE_TICK_MS };
    expect(tickDecision(calm, settings)).toBeNull();
    expect(tickDecision({ ...calm, idleSeconds: 900 }, settings)).toBe<LockReason>('idle');
    expect(tickDecision({ ...calm, screenLocked: true }, settings)).toBe<LockReason>('lock-screen');
    expect(tickDecision({ ...calm, msSinceLastTick: sleepGapMs(IDLE_TICK_MS) }, settings)).toBe<LockReason>('sleep-gap');
    expect(tickDecision({ ...calm, msSinceLastTick: sleepGapMs(IDLE_TICK_MS) - 1 }, settings)).toBeNull();
  });
});

function fakePowerMonitor() {
  const listeners = new Map<string, Set<() => void>>();
  const monitor = {
    idleSeconds: 0,
    idleState: 'active',
    getSystemIdleTime: () => monitor.idleSeconds,
    getSystemIdleState: vi.fn((_threshold: number) => monitor.idleState),
    on(event: string, listener: () => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return monitor;
    },
    removeListener(event: string, listener: () => void) {
      listeners.get(event)?.delete(listener);
      return monitor;
    },
    emit(event: string) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
    count: (event: string) => listeners.get(event)?.size ?? 0,
  };
  return monitor;
}

function fakeTimers() {
  let now = 1_000_000;
  const intervals: Array<{ callback: () => void; ms: number }> = [];
  return {
    intervals,
    cleared: 0,
    setInterval(callback: () => void, ms: number) {
      intervals.push({ callback, ms });
      return intervals.length;
    },
    clearInterval() {
      this.cleared++;
    },
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the idle monitor', () => {
  function setup(options: { signedIn?: boolean; minutes?: number } = {}) {
    const power = fakePowerMonitor();
    const timers = fakeTimers();
    const locks: LockReason[] = [];
    let signedIn = options.signedIn ?? true;
    const monitor = createIdleMonitor({
      powerMonitor: power as PowerMonitorLike,
      settings: () => ({ lockAfterMinutes: options.minutes ?? 15 }),
      isSignedIn: () => signedIn,
      lock: async (reason) => {
        locks.push(reason);
        signedIn = false; // locking signs out
      },
      timers,
    });
    const tick = async (ms = IDLE_TICK_MS) => {
      timers.advance(ms);
      await monitor.tick();
    };
    return { power, timers, locks, monitor, tick, signIn: () => (signedIn = true) };
  }

  it('polls on a short interval (never a long timer) and listens for suspend and lock-screen', () => {
    const { monitor, timers, power } = setup();
    monitor.start();
    expect(timers.intervals).toHaveLength(1);
    expect(timers.intervals[0]?.ms).toBeLessThanOrEqual(60_000);
    expect(power.count('suspend')).toBe(1);
    expect(power.count('lock-screen')).toBe(1);
    monitor.start(); // idempotent
    expect(timers.intervals).toHaveLength(1);
    monitor.stop();
    expect(timers.cleared).toBe(1);
    expect(power.count('suspend')).toBe(0);
    expect(power.count('lock-screen')).toBe(0);
  });

  it('never polls less often than once a minute, whatever tick is asked for', () => {
    const power = fakePowerMonitor();
    const timers = fakeTimers();
    createIdleMonitor({ powerMonitor: power, settings: () => ({ lockAfterMinutes: 15 }), isSignedIn: () => true, lock: async () => undefined, timers, tickMs: 10 * 60_000 }).start();
    expect(timers.intervals[0]?.ms).toBe(60_000);
  });

  it('locks once the machine has been idle for the setting, and only while signed in', async () => {
    const { monitor, power, locks, tick, signIn } = setup({ minutes: 15 });
    monitor.start();
    power.idleSeconds = 899;
    await tick();
    expect(locks).toEqual([]);
    power.idleSeconds = 900;
    await tick();
    expect(locks).toEqual(['idle']);
    // Signed out now: the next ticks do nothing (no reload loop on the sign-in screen).
    power.idleSeconds = 2000;
    await tick();
    await tick();
    expect(locks).toEqual(['idle']);
    // Signing in again needs input, which resets the idle time.
    signIn();
    power.idleSeconds = 3;
    await tick();
    expect(locks).toEqual(['idle']);
  });

  it('asks the OS whether the screen is locked, with the setting as threshold', async () => {
    const { monitor, power, locks, tick } = setup({ minutes: 5 });
    monitor.start();
    power.idleState = 'locked';
    await tick();
    expect(power.getSystemIdleState).toHaveBeenCalledWith(300);
    expect(locks).toEqual(['lock-screen']);
  });

  it('locks after a gap between ticks (the machine slept without telling us)', async () => {
    const { monitor, locks, tick } = setup();
    monitor.start();
    await tick(IDLE_TICK_MS);
    expect(locks).toEqual([]);
    await tick(20 * 60_000);
    expect(locks).toEqual(['sleep-gap']);
  });

  it('locks on suspend and on screen lock, signed in or not (the clipboard is cleared either way)', async () => {
    const { monitor, power, locks } = setup({ signedIn: false });
    monitor.start();
    power.emit('suspend');
    await Promise.resolve();
    await Promise.resolve();
    power.emit('lock-screen');
    await vi.waitFor(() => expect(locks).toEqual(['suspend', 'lock-screen']));
  });

  it('runs one lock at a time', async () => {
    const power = fakePowerMonitor();
    let release: () => void = () => undefined;
    const lock = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const monitor = createIdleMonitor({ powerMonitor: power, settings: () => ({ lockAfterMinutes: 15 }), isSignedIn: () => true, lock, timers: fakeTimers() });
    monitor.start();
    power.emit('suspend');
    power.emit('lock-screen');
    expect(lock).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(lock).toHaveBeenCalledTimes(1));
  });

  it('keeps working where the OS gives no idle information', async () => {
    const { monitor, power, locks, tick } = setup();
    power.getSystemIdleTime = () => {
      throw new Error('not supported');
    };
    monitor.start();
    await tick();
    expect(locks).toEqual([]);
    power.emit('suspend');
    await vi.waitFor(() => expect(locks).toEqual(['suspend']));
  });
});
