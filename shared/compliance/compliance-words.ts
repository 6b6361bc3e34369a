import type { Platform } from '../domain/enums';
import { handleKey } from '../domain/handle';

/** How people name the platforms (the renderer has its own copy; shared cannot import it). */
export const platformLabels: Record<Platform, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
};

/**
 * 'Bowland Primary on Instagram (@bowlandprimary)': who owns it, where, and which account,
 * built the same way for every channel so messages read alike. A Facebook page named after
 * its owner skips the repetition: 'Colne Primet Academy on Facebook'.
 */
export function channelLabel(owner: string, platform: Platform, handle: string): string {
  const base = `${owner} on ${platformLabels[platform]}`;
  return handleKey(handle) === handleKey(owner) ? base : `${base} (${handle})`;
}

/** 'A', 'A and B', 'A, B and C'; past `max` items, 'A, B, C and 4 more' keeps messages short. */
export function listOf(items: readonly string[], max = 5): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/** '1 channel', '3 channels'. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "Bowland Primary's", "St James'" */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}
