import type { Clock } from '../clock';
import { wipe } from '../keys/sodium';

/**
 * The recovery key of a kit just made from the window, held in main's memory so its words can be
 * shown once more on screen (recovery.revealWords) and its checksum confirmed. Only the session
 * that made the kit holds it, for KEEP_MS at most: after that the key exists only on paper, as it
 * must (a key kept longer is one a compromised window could ask for later). There is nothing to
 * reveal before a kit exists, and a kit made on the command line is never held here. Wiped when
 * the checksum is confirmed, when the time is up, and when the session ends (sign-out, lock).
 */
export const KEEP_MS = 10 * 60_000;

interface Held {
  key: Uint8Array;
  until: number;
}

export class KitWords {
  private readonly held = new Map<string, Held>();

  constructor(private readonly clock: Clock) {}

  /** Keeps a copy of the key for this session; the caller wipes its own. */
  keep(token: string, key: Uint8Array): void {
    this.forget(token);
    this.held.set(token, { key: Uint8Array.from(key), until: this.clock.now().getTime() + KEEP_MS });
  }

  /** The key, while this session still holds it. The store keeps ownership: do not wipe it. */
  peek(token: string): Uint8Array | null {
    this.sweep();
    return this.held.get(token)?.key ?? null;
  }

  forget(token: string): void {
    const held = this.held.get(token);
    if (held === undefined) return;
    wipe(held.key);
    this.held.delete(token);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [token, held] of this.held) if (held.until <= now) this.forget(token);
  }
}
