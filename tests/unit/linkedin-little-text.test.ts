import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLittleText, littleTextReserved } from '../../electron/core/publishing/linkedin-little-text';
import { HASHTAG } from '../../shared/posts/platform-rules';

/** Reads escaped little text back to plain text, as LinkedIn displays it. */
function unescape(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}

describe("LinkedIn's little text format", () => {
  it('escapes each reserved character with a backslash', () => {
    expect(littleTextReserved.join('')).toBe('|{}@[]()<>#\\*_~');
    for (const char of littleTextReserved) expect(escapeLittleText(char)).toBe(`\\${char}`);
  });

  it('leaves ordinary text, punctuation and emoji alone', () => {
    const text = "Year 6's trip to the coast: fun, sun & sand! 50% off? \"Yes\" — 👩‍🏫 £5; a+b=c, 1/2 ^ $ ' ` . ,";
    expect(escapeLittleText(text)).toBe(text);
  });

  it('escapes mentions, links in brackets and markup as literal text, and keeps hashtags as hashtags', () => {
    expect(escapeLittleText('Well done #Year6 @Head (see [this] <here>)!')).toBe('Well done #Year6 \\@Head \\(see \\[this\\] \\<here\\>\\)!');
    expect(escapeLittleText('#SportsDay2026, #year_6 and #café!')).toBe('#SportsDay2026, #year_6 and #café!');
    expect(escapeLittleText('a|b {c} *bold* _it_ ~x~ C:\\path')).toBe('a\\|b \\{c\\} \\*bold\\* \\_it\\_ \\~x\\~ C:\\\\path');
  });

  it('escapes a # that does not start a hashtag: a number, an entity, mid-word, alone', () => {
    expect(escapeLittleText('Room #12, &#39;, C#, # and x#y')).toBe('Room \\#12, &\\#39;, C\\#, \\# and x\\#y');
  });

  it('escapes a backslash before the character after it, so the pair cannot merge', () => {
    expect(escapeLittleText('\\#')).toBe('\\\\\\#');
    expect(unescape(escapeLittleText('\\#'))).toBe('\\#');
  });

  it('round-trips any text, keeps every hashtag and leaves no other reserved character unescaped', () => {
    const words = fc.constantFrom('#Year6', '#sports_day', 'a#b', '#', '#12', '\\', '(', '_', ' ', 'x', '@Head', 'é');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(words, { maxLength: 12 }).map((parts) => parts.join(''))), (text) => {
        const escaped = escapeLittleText(text);
        expect(unescape(escaped)).toBe(text);
        // Walking the escaped text: a reserved character is the second half of a \x pair, or a
        // hashtag's # and the letters, digits and underscores after it.
        let hashtags = 0;
        for (let index = 0; index < escaped.length; index += 1) {
          const char = escaped[index] ?? '';
          if (char === '\\') {
            index += 1;
          } else if (char === '#') {
            hashtags += 1;
            while (/[\p{L}\p{N}_]/u.test(escaped[index + 1] ?? '')) index += 1;
          } else {
            expect((littleTextReserved as readonly string[]).includes(char)).toBe(false);
          }
        }
        // Every hashtag in the author's text (as written: NFC could join a mark to the letter before a #).
        expect(hashtags).toBe([...text.matchAll(HASHTAG)].length);
      }),
    );
  });
});
