import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { CoreError } from '../errors';

/** zxcvbn's score runs 0–4; 3 is "safely unguessable" against an offline attack on a slow hash. */
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseStrength {
  score: number;
  acceptable: boolean;
  /** zxcvbn's own fixed sentences: they never quote the passphrase. */
  warning: string | null;
  suggestions: string[];
}

/** What a passphrase is about: words an attacker would try first (the person's name, email, trust). */
export interface PassphraseContext {
  name?: string | null | undefined;
  email?: string | null | undefined;
  trustName?: string | null | undefined;
}

/**
 * The dictionaries are several megabytes: loaded on the first check only (never at start-up,
 * never in the renderer), then kept for the life of the process.
 */
let factory: Promise<ZxcvbnFactory> | null = null;
function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return factory;
}

/** The whole strings and their words (a name's parts, an address's local part split on . _ -). */
function userInputs(context: PassphraseContext): string[] {
  const inputs = new Set<string>();
  for (const value of [context.name, context.email, context.trustName]) {
    if (value === undefined || value === null || value.trim() === '') continue;
    const lower = value.trim().toLowerCase();
    inputs.add(lower);
    for (const word of lower.split(/[\s@._+-]+/)) if (word.length >= 3) inputs.add(word);
  }
  return [...inputs];
}

export async function estimatePassphrase(passphrase: string, context: PassphraseContext = {}): Promise<PassphraseStrength> {
  const result = (await loadFactory()).check(passphrase, userInputs(context));
  const warning = result.feedback.warning ?? '';
  return {
    score: result.score,
    acceptable: result.score >= MIN_PASSPHRASE_SCORE,
    warning: warning === '' ? null : warning,
    suggestions: result.feedback.suggestions,
  };
}

/** zxcvbn's feedback as one sentence or more; its own advice when it has none to give. */
export function describeWeakness(strength: Pick<PassphraseStrength, 'warning' | 'suggestions'>): string {
  const parts = [strength.warning, ...strength.suggestions].filter((part): part is string => part !== null && part !== '');
  return parts.length === 0 ? 'Add more words that are less common.' : parts.join(' ');
}

/**
 * Refuses a new passphrase that scores below 3. The message quotes zxcvbn's feedback only,
 * never the passphrase. `what` names it for the person ("The passphrase", "The transfer file's passphrase").
 */
export async function requireStrongPassphrase(passphrase: string, context: PassphraseContext, field: string, what = 'The passphrase'): Promise<void> {
  const strength = await estimatePassphrase(passphrase, context);
  if (!strength.acceptable) throw new CoreError('invalid_input', weakPassphraseMessage(what, strength), field);
}

/** The one wording of a refusal, for the core's errors and the CLI's check before it asks twice. */
export function weakPassphraseMessage(what: string, strength: PassphraseStrength): string {
  return `${what} is too easy to guess (strength ${strength.score} of 4, at least ${MIN_PASSPHRASE_SCORE} is needed): ${describeWeakness(strength)}`;
}
