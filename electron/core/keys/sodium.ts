import sodiumModule from 'libsodium-wrappers';

/**
 * libsodium (sealed boxes, XChaCha20-Poly1305, Ed25519) is WebAssembly that must finish loading
 * once per process. The core awaits `sodiumReady()` before it serves anything (vault open,
 * sign-in), so the key code can stay synchronous: it runs inside database transactions, where
 * nothing may be awaited.
 */
export type Sodium = typeof sodiumModule;

let loaded = false;

export async function sodiumReady(): Promise<void> {
  await sodiumModule.ready;
  loaded = true;
}

export function sodium(): Sodium {
  if (!loaded) throw new Error('libsodium used before sodiumReady() resolved');
  return sodiumModule;
}

export const toB64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Overwrites key material that is no longer needed (a lock, a sign-out, a used secret key). */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const buffer of buffers) if (buffer) sodiumModule.memzero(buffer);
}
