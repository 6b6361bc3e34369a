import { useEffect, useState } from 'react';
import type { PassphraseStrengthView } from '../../../shared/contract/views';
import { invoke } from '../api/custodian.client';

/** Long enough not to ask on every key, short enough to answer while the person looks. */
const DEBOUNCE_MS = 250;

/**
 * The core's estimate of a new passphrase as it is typed (auth.passphraseStrength: zxcvbn runs
 * in the core, never in the page). null while empty or not yet answered; an answer for an
 * older text is dropped.
 */
export function usePassphraseStrength(passphrase: string, about: { name?: string; email?: string }): PassphraseStrengthView | null {
  const [answer, setAnswer] = useState<{ for: string; strength: PassphraseStrengthView } | null>(null);
  const name = about.name?.trim() ?? '';
  const email = about.email?.trim() ?? '';
  useEffect(() => {
    if (passphrase === '') return;
    let current = true;
    const timer = window.setTimeout(() => {
      void invoke('auth.passphraseStrength', { passphrase, ...(name === '' ? {} : { name }), ...(email === '' ? {} : { email }) }).then((result) => {
        if (current && result.ok) setAnswer({ for: `${passphrase}\u0000${name}\u0000${email}`, strength: result.value });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [passphrase, name, email]);
  return answer !== null && answer.for === `${passphrase}\u0000${name}\u0000${email}` ? answer.strength : null;
}
