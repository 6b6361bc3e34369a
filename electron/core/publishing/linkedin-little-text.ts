/**
 * LinkedIn's "little" text format (the commentary of a post). Its reserved characters start
 * templates such as {hashtag|\#|tag} and @[Name](urn:li:organization:1); an unescaped one makes
 * LinkedIn drop or truncate the rest of the text. We publish the text exactly as the author wrote
 * it, so every reserved character is escaped with a backslash.
 */
export const littleTextReserved = ['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~'] as const;

const reservedPattern = /[|{}@[\]()<>#\\*_~]/g;

export function escapeLittleText(text: string): string {
  return text.replace(reservedPattern, (char) => `\\${char}`);
}
