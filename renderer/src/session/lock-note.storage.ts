/**
 * Locking reloads the page (JavaScript cannot wipe memory; a fresh page drops whatever the
 * screens held, such as a revealed password). The only thing carried over is who was signed
 * in, so the lock screen can say it is locked and fill in the email address. Not a secret.
 */
const KEY = 'custodian.locked-as';

export function rememberLock(email: string): void {
  try {
    sessionStorage.setItem(KEY, email);
  } catch {
    // No storage: the lock screen simply starts empty.
  }
}

let taken: string | null | undefined;

/** The email of whoever locked the window just before this page loaded, read once per page. */
export function takeLockNote(): string | null {
  if (taken === undefined) {
    try {
      taken = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
    } catch {
      taken = null;
    }
  }
  return taken;
}
