import type { z } from 'zod';
import { fieldLabel } from './labels';
import type { ContractError } from './result';

/**
 * Turns the first zod issue into one sentence naming the field. Only the path and zod's
 * own message are used: the input value itself is never echoed (it may be a secret).
 */
export function describeIssue(error: z.ZodError): ContractError {
  const issue = error.issues[0];
  if (issue === undefined) return { code: 'invalid_input', message: 'The input is not valid.' };
  const field = issue.path.map((part) => shorten(String(part))).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown field ${unknownKeys(issue.keys)}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'is required';
  return field === ''
    ? { code: 'invalid_input', message: `The input is not valid: ${message}.` }
    : { code: 'invalid_input', message: `${fieldLabel(field)} ${message}.`, field };
}

/** Field names can come from the caller (unknown fields, record keys): never echo a huge one back whole. */
function shorten(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

function unknownKeys(keys: readonly PropertyKey[]): string {
  const shown = keys.slice(0, 3).map((key) => shorten(String(key)));
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}
