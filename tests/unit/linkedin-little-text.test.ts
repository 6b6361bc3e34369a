import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLittleText, littleTextReserved } from '../../electron/core/publishing/linkedin-little-text';

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

  it('escapes hashtags, mentions, links in brackets and markup as literal text', () => {
    expect(escapeLittleText('Well done #Year6 @Head (see [this] <here>)!')).toBe('Well done \\#Year6 \\@Head \\(see \\[this\\] \\<here\\>\\)!');
    expect(escapeLittleText('a|b {c} *bold* _it_ ~x~ C:\\path')).toBe('a\\|b \\{c\\} \\*bold\\* \\_it\\_ \\~x\\~ C:\\\\path');
  });

  it('escapes a backslash before the character after it, so the pair cannot merge', () => {
    expect(escapeLittleText('\\#')).toBe('\\\\\\#');
    expect(unescape(escapeLittleText('\\#'))).toBe('\\#');
  });

  it('round-trips any text and leaves no reserved character unescaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const escaped = escapeLittleText(text);
        expect(unescape(escaped)).toBe(text);
        // Walking the escaped text, every reserved character is the second half of a \x pair.
        for (let index = 0; index < escaped.length; index += 1) {
          const char = escaped[index] ?? '';
          if (char === '\\') index += 1;
          else expect((littleTextReserved as readonly string[]).includes(char)).toBe(false);
        }
      }),
    );
  });
});
