import { randomInt } from 'node:crypto';

/** A seed from the environment (to replay a failing run) or a fresh one, printed either way. */
export function seedFromEnv(name: string): number {
  const given = process.env[name];
  const seed = given === undefined || given === '' ? randomInt(2 ** 31) : Number(given);
  process.stdout.write(`${name}=${seed}\n`);
  return seed;
}

/** mulberry32: a small, fast PRNG whose runs a seed replays exactly. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
