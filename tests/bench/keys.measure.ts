import { hashPassphrase } from '../../electron/core/auth/passphrase';
import { ADMIN, type BenchDataset } from './bench-dataset';
import { median, percentile, round, target, timed, type Figure } from './bench-report';

/** The channel the measures set, reveal and code (one of the example trust's). */
const CHANNEL = 'x:@pendleeducation';
const SAMPLES = 20;

const must = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

/**
 * Holders' keys must not make sign-in dearer: one scrypt per sign-in, split with HKDF into the
 * verifier and the key that opens the person's own key. The limit is one bare scrypt of the
 * same cost; the figure is a whole sign-in through the core (scrypt, open the person key, the
 * holder's work, the audit event).
 */
export async function measureSignIn(ds: BenchDataset): Promise<Figure> {
  const signIns: number[] = [];
  const scrypts: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    scrypts.push((await timed(() => hashPassphrase(ADMIN.passphrase))).ms);
    signIns.push((await timed(async () => must(await ds.core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase })))).ms);
  }
  const value = round(median(signIns), 0);
  const limit = round(median(scrypts), 0);
  const ratio = round(limit / value, 2);
  return {
    id: 'sign-in',
    title: 'Sign-in with holders’ keys (median of 5)',
    value,
    unit: 'ms',
    limit: { what: 'one scrypt (N=2^17, r=8, p=1) alone', value: limit, unit: 'ms' },
    ratio,
    target: target('one scrypt: within 25% of a bare scrypt', [{ actual: value, bound: round(limit * 1.25, 0), kind: 'max', unit: 'ms' }]),
    details: { signInMedianMs: value, scryptMedianMs: limit },
  };
}

/**
 * A reveal and a 2FA code as a holder gets them: open the wrap with the person key in memory,
 * decrypt, and record the use in the trail (the append dominates on the big trail). Recorded,
 * with a generous ceiling: a person waits for it.
 */
export async function measureReveal(ds: BenchDataset): Promise<Figure> {
  must(await ds.core.call(ds.admin, 'secret.set', { channel: CHANNEL, kind: 'password', value: 'bench-password-1' }));
  must(await ds.core.call(ds.admin, 'secret.set', { channel: CHANNEL, kind: 'totp', value: 'JBSWY3DPEHPK3PXP' }));
  const reveals: number[] = [];
  const codes: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    reveals.push((await timed(async () => must(await ds.core.call(ds.admin, 'secret.reveal', { channel: CHANNEL, kind: 'password', reason: 'Benchmark' })))).ms);
    codes.push((await timed(async () => must(await ds.core.call(ds.admin, 'totp.code', { channel: CHANNEL, reason: 'Benchmark' })))).ms);
  }
  const value = round(percentile(reveals, 95), 1);
  return {
    id: 'reveal',
    title: `Reveal and 2FA code through the holder’s wrap (p95 of ${SAMPLES})`,
    value,
    unit: 'ms',
    limit: null,
    ratio: null,
    target: target('a reveal and a code each within 250 ms (p95)', [
      { actual: value, bound: 250, kind: 'max', unit: 'ms' },
      { actual: round(percentile(codes, 95), 1), bound: 250, kind: 'max', unit: 'ms' },
    ]),
    details: { revealMedianMs: round(median(reveals), 1), revealP95Ms: value, codeMedianMs: round(median(codes), 1), codeP95Ms: round(percentile(codes, 95), 1) },
  };
}
