import { useEffect, useState } from 'react';

function secondsUntil(until: number): number {
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Whole seconds until `until` (a Date.now() time), updated a few times a second; never below 0. */
export function useSecondsLeft(until: number): number {
  const [shown, setShown] = useState(() => ({ until, left: secondsUntil(until) }));
  // A new deadline (the next code) is counted from at once, in this render, not a tick later
  // (React's way to adjust state to a changed prop: no effect, no extra render of the old count).
  if (shown.until !== until) setShown({ until, left: secondsUntil(until) });
  useEffect(() => {
    const timer = window.setInterval(() => setShown({ until, left: secondsUntil(until) }), 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return shown.until === until ? shown.left : secondsUntil(until);
}
