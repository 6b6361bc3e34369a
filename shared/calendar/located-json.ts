/**
 * JSON.parse, but remembering the line each object and array started on, so that an import can
 * say "line 212: date '2026-02-30' is not a real date" about a 1,000-line gov.uk file. JSON.parse
 * reports only a character offset, in a message whose wording differs between engines. Messages
 * never quote the file's text: it may be a password manager's export.
 */

export type LocatedJson =
  | {
      ok: true;
      value: unknown;
      /** The line an object or array starts on; with an index, the line of that item of an array. */
      lineOf: (node: object, index?: number) => number;
    }
  | { ok: false; line: number; message: string };

const maxDepth = 256;

class JsonSyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseLocatedJson(source: string): LocatedJson {
  const text = source.replace(/^\uFEFF/, '');
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push((m.index ?? 0) + m[0].length);
  const lineAt = (position: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((lineStarts[mid] ?? 0) <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines = new WeakMap<object, number>();
  const itemLines = new WeakMap<object, number[]>();
  let i = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i += 1;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[i] !== ch) fail(i >= text.length ? `the file ends where '${ch}' was expected` : `'${ch}' was expected here`);
    i += 1;
  };

  const readString = (): string => {
    i += 1; // the opening quote
    let out = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined) return fail('a string is not closed');
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch < ' ') return fail('a string holds a line break or control character');
      if (ch === '\\') {
        const esc = text[i + 1] ?? '';
        if (esc === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail('a \\u escape needs four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const value = escapes[esc];
          if (value === undefined) return fail('a backslash in a string starts no JSON escape');
          out += value;
          i += 2;
        }
        continue;
      }
      out += ch;
      i += 1;
    }
  };

  const readValue = (depth: number): unknown => {
    if (depth > maxDepth) fail('the JSON is nested too deeply');
    skipSpace();
    const ch = text[i];
    if (ch === undefined) return fail('the file ends where a value was expected');
    if (ch === '{') {
      const obj: Record<string, unknown> = {};
      lines.set(obj, lineAt(i));
      i += 1;
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('a property name in double quotes was expected here');
        const key = readString();
        expect(':');
        const value = readValue(depth + 1);
        // defineProperty, so a key named __proto__ is data, as it is for JSON.parse.
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        expect('}');
        return obj;
      }
    }
    if (ch === '[') {
      const arr: unknown[] = [];
      const starts: number[] = [];
      lines.set(arr, lineAt(i));
      itemLines.set(arr, starts);
      i += 1;
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return arr;
      }
      for (;;) {
        skipSpace();
        starts.push(lineAt(i));
        arr.push(readValue(depth + 1));
        skipSpace();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        expect(']');
        return arr;
      }
    }
    if (ch === '"') return readString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    numberPattern.lastIndex = i;
    const m = numberPattern.exec(text);
    if (m === null) return fail('a JSON value cannot start with the character here');
    i += m[0].length;
    return Number(m[0]);
  };

  try {
    const value = readValue(0);
    skipSpace();
    if (i < text.length) fail('there is more text after the JSON value');
    const lineOf = (node: object, index?: number): number => (index === undefined ? undefined : itemLines.get(node)?.[index]) ?? lines.get(node) ?? 1;
    return { ok: true, value, lineOf };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, line: lineAt(error.position), message: `not valid JSON: ${error.message}` };
    throw error;
  }
}
