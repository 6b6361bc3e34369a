import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../electron/cli/run-cli';

/**
 * The README's command tables are where a newcomer looks first (issue 17: `review export` and
 * `review verify` were missing): every command the CLI has is named there, as `words …`.
 */
describe("the README's command tables", () => {
  const tables = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .join('\n');

  it('name every command of the CLI', () => {
    const named = (words: string) => new RegExp(`\`${words.replace(/ /g, ' ')}(\`| )`).test(tables);
    const missing = commands.map((command) => command.words.join(' ')).filter((words) => !named(words));
    expect(missing).toEqual([]);
  });
});
