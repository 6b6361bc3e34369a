import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionNames } from '../../shared/contract/audit-actions';

/**
 * Every action the core writes to the audit trail has words for people (the audit log shows the
 * raw name otherwise, and its filter cannot offer it), and the CLI can list them for --action.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the audit actions people read', () => {
  const recorded = new Set(
    sources(new URL('../../electron/core', import.meta.url).pathname).flatMap((file) =>
      // As an event's action field, a module's ACTION constant, or an action given with its outcome.
      [...readFileSync(file, 'utf8').matchAll(/(?:action: |ACTION = )'([a-z][a-z_-]*\.[a-zA-Z_.-]+)'|'([a-z][a-z_-]*\.[a-z_]+)', '(?:ok|denied|error)'/g)].map((m) => (m[1] ?? m[2]) as string),
    ),
  );

  it('name every action the core records', () => {
    expect(recorded.size).toBeGreaterThan(50);
    expect([...recorded].filter((action) => auditActionNames[action] === undefined).sort()).toEqual([]);
  });
});
