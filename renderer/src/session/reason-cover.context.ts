import { createContext, use, useCallback, useMemo, useState } from 'react';

/**
 * "Why do you need it?" is asked once per channel: the reason then covers that channel for
 * two minutes, so a holder who reveals the password and then needs the 2FA code is not
 * asked twice. Each use still goes to the core with the reason and is audited on its own;
 * the cover only saves typing. It lives in the page's memory, so locking (which reloads the
 * page) forgets it.
 */
export const REASON_COVER_MS = 2 * 60 * 1000;

export interface GivenReason {
  reason: string;
  /** Date.now() time at which the cover ends. */
  until: number;
}

export interface ReasonCover {
  /** The reason still covering the channel, or null when it must be asked. */
  reasonFor(channelId: number): GivenReason | null;
  give(channelId: number, reason: string): void;
  forget(channelId: number): void;
}

export const ReasonCoverContext = createContext<ReasonCover | null>(null);

export function useReasonCoverStore(): ReasonCover {
  const [given, setGiven] = useState<ReadonlyMap<number, GivenReason>>(new Map());
  const reasonFor = useCallback(
    (channelId: number) => {
      const entry = given.get(channelId);
      return entry !== undefined && entry.until > Date.now() ? entry : null;
    },
    [given],
  );
  const give = useCallback((channelId: number, reason: string) => {
    setGiven((current) => new Map(current).set(channelId, { reason, until: Date.now() + REASON_COVER_MS }));
  }, []);
  const forget = useCallback((channelId: number) => {
    setGiven((current) => {
      const next = new Map(current);
      next.delete(channelId);
      return next;
    });
  }, []);
  return useMemo(() => ({ reasonFor, give, forget }), [reasonFor, give, forget]);
}

export function useReasonCover(): ReasonCover {
  const cover = use(ReasonCoverContext);
  if (cover === null) throw new Error('useReasonCover needs the signed-in console around it.');
  return cover;
}
