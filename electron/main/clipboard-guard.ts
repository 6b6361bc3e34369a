import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { clampClipboardClearMs, CLIPBOARD_CLEAR_DEFAULT_MS } from './shell-settings';

/**
 * Copying a secret for the operator, the way password managers do it (KeePassXC, Bitwarden):
 * - the value is written in main (the renderer never holds it), marked as a password-manager
 *   secret so clipboard managers and history do not keep it;
 * - it is cleared after a delay (30 s by default, 10–300 s), but only if the clipboard still
 *   holds that value: whatever the user copied since is theirs and is left alone;
 * - it is cleared (on the same condition) when the console locks and when it quits.
 *
 * No 'electron' import: main passes Electron's clipboard and a ClipboardItem factory in, and
 * the tests pass fakes.
 */

/** The parts of Electron's (promise-based) clipboard the guard uses. */
export interface ClipboardLike {
  write(items: unknown[]): Promise<void>;
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

/** A clipboard payload: text, or raw bytes for the platform formats that want them. */
export type ClipboardPayload = string | Blob;
/** new ClipboardItem(items) in main; a plain recorder in the tests. */
export type MakeClipboardItem = (items: Record<string, ClipboardPayload>) => unknown;

/** Electron's spelling of a raw, platform-specific clipboard format. */
export function osFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/**
 * The markers that say "this is a password" on each platform, written in the same clipboard
 * write as the text (one atomic write: a second write would replace the first):
 * - Linux: x-kde-passwordManagerHint = "secret" (Klipper, CopyQ, GPaste, KDE Connect skip it);
 * - macOS: org.nspasteboard.ConcealedType (nspasteboard.org; history apps skip it);
 * - Windows: the clipboard-history and cloud-clipboard opt-outs (DWORD 0 / present).
 */
export function secretMarkers(platform: NodeJS.Platform, text: string): Record<string, ClipboardPayload> {
  switch (platform) {
    case 'linux':
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' };
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: text };
    case 'win32': {
      const dwordZero = (): Blob => new Blob([new Uint8Array(4)]);
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: dwordZero(),
        [osFormat('CanIncludeInClipboardHistory')]: dwordZero(),
        [osFormat('CanUploadToCloudClipboard')]: dwordZero(),
      };
    }
    default:
      return {};
  }
}

export interface ClipboardTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ClipboardGuardOptions {
  readonly clipboard: ClipboardLike;
  readonly makeItem: MakeClipboardItem;
  readonly platform: NodeJS.Platform;
  /** Default delay before clearing; clamped to 10–300 s. */
  readonly clearAfterMs?: number;
  readonly timers?: ClipboardTimers;
  /** Secret-free notes for the log (event names only). */
  readonly onEvent?: (event: 'clipboard.copied' | 'clipboard.copied-unmarked' | 'clipboard.cleared' | 'clipboard.left-alone') => void;
}

export interface CopyOptions {
  /** This copy's delay; clamped to 10–300 s. */
  readonly clearAfterMs?: number;
}

export interface ClipboardGuard {
  /** Writes the value (marked secret) and schedules its clearing. Rejects if nothing could be written. */
  copyToClipboard(text: string, options?: CopyOptions): Promise<void>;
  /** Clears the clipboard if it still holds the last copied value; true when it did. */
  clearIfOurs(): Promise<boolean>;
  /** Changes the default delay for later copies (the settings screen). Returns the clamped value. */
  setClearAfterMs(ms: number): number;
  readonly clearAfterMs: number;
  /** True while a copied value may still be on the clipboard (a clear is pending). */
  readonly pending: boolean;
}

const defaultTimers: ClipboardTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createClipboardGuard(options: ClipboardGuardOptions): ClipboardGuard {
  const { clipboard, makeItem, platform } = options;
  const timers = options.timers ?? defaultTimers;
  const note = options.onEvent ?? (() => undefined);
  let clearAfterMs = clampClipboardClearMs(options.clearAfterMs ?? CLIPBOARD_CLEAR_DEFAULT_MS);

  // What we copied is remembered as a keyed hash, not as the value: main keeps no second
  // plain copy of the password for the 30 s it is on the clipboard.
  const key = randomBytes(32);
  const fingerprint = (text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
  let ours: Buffer | null = null;
  let timer: unknown = null;
  // Each copy supersedes the previous one; a late timer or write of an older copy does nothing.
  let generation = 0;
  // A copy still being written: a lock that arrives meanwhile waits for it, then clears it.
  let inflight: Promise<void> | null = null;

  const cancelTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const holds = async (target: Buffer): Promise<boolean> => {
    let current: string;
    try {
      current = await clipboard.readText();
    } catch {
      // Cannot tell: clearing is the safer mistake (the user can copy their own thing again).
      return true;
    }
    return current.length > 0 && timingSafeEqual(fingerprint(current), target);
  };

  const clearIfOurs = async (): Promise<boolean> => {
    if (inflight !== null) await inflight.catch(() => undefined);
    cancelTimer();
    const target = ours;
    const mine = generation;
    if (target === null) return false;
    const still = await holds(target);
    // A newer copy started while we looked: it replaced our value and has its own timer.
    if (mine !== generation) return false;
    ours = null;
    if (still) {
      clipboard.clear();
      note('clipboard.cleared');
    } else {
      note('clipboard.left-alone');
    }
    return still;
  };

  const write = async (text: string, delay: number): Promise<void> => {
    cancelTimer();
    const mine = ++generation;
    ours = fingerprint(text);
    try {
      await clipboard.write([makeItem({ 'text/plain': text, ...secretMarkers(platform, text) })]);
      note('clipboard.copied');
    } catch {
      // A platform that refuses a marker format still gets the copy (as KeePassXC does);
      // only the hint is lost. If even plain text fails, the caller hears about it.
      try {
        await clipboard.writeText(text);
        note('clipboard.copied-unmarked');
      } catch {
        if (mine === generation) ours = null;
        throw new Error('The value could not be put on the clipboard.');
      }
    }
    if (mine !== generation) return; // a newer copy owns the clipboard and its timer
    timer = timers.setTimeout(() => {
      timer = null;
      if (mine === generation) void clearIfOurs().catch(() => undefined);
    }, delay);
  };

  return {
    get clearAfterMs() {
      return clearAfterMs;
    },
    get pending() {
      return ours !== null;
    },
    setClearAfterMs(ms) {
      clearAfterMs = clampClipboardClearMs(ms);
      return clearAfterMs;
    },
    clearIfOurs,
    async copyToClipboard(text, copyOptions = {}) {
      if (typeof text !== 'string' || text.length === 0) throw new Error('There is nothing to copy.');
      const copying = write(text, clampClipboardClearMs(copyOptions.clearAfterMs ?? clearAfterMs));
      inflight = copying;
      try {
        await copying;
      } finally {
        if (inflight === copying) inflight = null;
      }
    },
  };
}

/**
 * The core's ClipboardSink (secret.copy) backed by the guard. copy() returns the write's
 * promise so a core that awaits it reports a failed write as an error; the failure is also
 * handled here, so a core that does not await it never leaves an unhandled rejection.
 */
export function clipboardSink(
  guard: Pick<ClipboardGuard, 'copyToClipboard'> & Partial<Pick<ClipboardGuard, 'clearAfterMs'>>,
  onFailure: () => void,
): { copy(value: string): Promise<void>; readonly clearsAfterMs: number | undefined } {
  return {
    // Read at each copy: the settings screen may change the delay.
    get clearsAfterMs() {
      return guard.clearAfterMs;
    },
    copy(value) {
      const written = guard.copyToClipboard(value);
      written.catch(onFailure);
      return written;
    },
  };
}
