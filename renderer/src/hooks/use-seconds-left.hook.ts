import { useEffect, useState } from 'react';

function secondsUntil(until: number): number {
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Whole seconds until `until` (a Date.now() time), updated a few times a second; never below 0. */
export function useSecondsLeft(until: number): number {
  const [left, setLeft] = useState(() => secondsUntil(until));
  useEffect(() => {
    setLeft(secondsUntil(until));
    const timer = window.setInterval(() => setLeft(secondsUntil(until)), 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return left;
}
