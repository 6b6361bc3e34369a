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
  return listOfEach(items, (item) => item, max);
}

/**
 * listOf, with each shown item written by `label`: only the items the sentence names are
 * written, so a list of 30 former holders formats 5 dates, not 30. `total` is how many there
 * are in all when `items` holds only the first of them.
 */
export function listOfEach<T>(items: readonly T[], label: (item: T) => string, max = 5, total = items.length): string {
  const shown = items.slice(0, max).map(label);
  if (total > max) shown.push(`${total - max} more`);
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
