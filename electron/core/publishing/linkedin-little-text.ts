import { HASHTAG } from '../../../shared/posts/platform-rules';

/**
 * LinkedIn's "little" text format (the commentary of a post). Its reserved characters start
 * templates such as {hashtag|\#|tag} and @[Name](urn:li:organization:1); an unescaped one makes
 * LinkedIn drop or truncate the rest of the text. We publish the text as the author wrote it, so
 * every reserved character is escaped with a backslash, except in a hashtag: little text's
 * HashtagElement is the plain "#hashtag" (learn.microsoft.com/en-us/linkedin/marketing/
 * community-management/shares/little-text-format, "Supported Elements"), so a #tag left as it is
 * reaches LinkedIn as a hashtag, where an escaped one would show as the literal "#tag", unlinked.
 * A hashtag is what the platform checks count as one (shared/posts/platform-rules.ts).
 */
export const littleTextReserved = ['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~'] as const;

const reservedPattern = /[|{}@[\]()<>#\\*_~]/g;

function escapeReserved(text: string): string {
  return text.replace(reservedPattern, (char) => `\\${char}`);
}

export function escapeLittleText(text: string): string {
  let escaped = '';
  let from = 0;
  for (const hashtag of text.matchAll(HASHTAG)) {
    escaped += escapeReserved(text.slice(from, hashtag.index)) + hashtag[0];
    from = hashtag.index + hashtag[0].length;
  }
  return escaped + escapeReserved(text.slice(from));
}
