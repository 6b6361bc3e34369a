import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/methods';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * Every contract method, fed generated inputs the contract refuses (wrong types, missing and
 * unknown fields, huge strings, prototype-pollution keys, NaN, negative numbers, deep nesting),
 * through the real router with a signed-in admin, no session, or a forged token. Each must come
 * back as a typed invalid_input Result (never a throw, never another code), with a short
 * message that does not echo the input, and must leave the vault's files exactly as they were:
 * the router validates before it opens a session or touches the database, so a refused input
 * appends nothing, not even an audit event. CUSTODIAN_SOAK=1 runs ten times as many inputs.
 */

const RUNS_PER_METHOD = process.env.CUSTODIAN_SOAK === '1' ? 1_000 : 100;
const MAX_MESSAGE = 600;
const methods = Object.keys(contract) as MethodName[];

/** The object schema under refinements and pipes, to learn a method's field names. */
function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  const def = (schema as { _zod?: { def?: { in?: z.ZodType; innerType?: z.ZodType } } })._zod?.def;
  const inner = def?.in ?? def?.innerType;
  return inner === undefined ? [] : fieldsOf(inner);
}

/** An object with `key` as an OWN property, even for __proto__ (as JSON.parse and IPC deliver it). */
function withOwnKey(base: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value: v, enumerable: true, configurable: true, writable: true });
  return copy;
}

function nested(depth: number, kind: 'object' | 'array'): unknown {
  let node: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) node = kind === 'object' ? { a: node } : [node];
  return node;
}

const hugeString = fc
  .tuple(fc.integer({ min: 5_000, max: 1_000_000 }), fc.constantFrom('A', 'é', '学', '\u0000', '\u202e', '🔐', "'; DROP TABLE people; --"))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":{"consoleRole":"admin","isAdmin":true}}',
).map((text) => JSON.parse(text) as unknown);

const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '', ' ', 'id\u0000'),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.integer({ min: 5_000, max: 100_000 }).map((n) => 'k'.repeat(n)),
);

/** Values of the wrong shape for almost any field. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0, -(2 ** 31), 2 ** 53 + 2, 0.5, null, true, false, '', ' ', []),
  fc.integer({ min: -(2 ** 40), max: -1 }),
  fc.double(),
  fc.bigInt(),
  fc.string({ maxLength: 40 }),
  hugeString,
  pollution,
  fc.integer({ min: 50, max: 3_000 }).chain((depth) => fc.constantFrom(nested(depth, 'object'), nested(depth, 'array'))),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.date({ noInvalidDate: false }),
  // An object whose own key is odd: where a field takes a record, the key itself is the attack.
  fc.tuple(oddKey, fc.oneof(fc.constant(Number.NaN), fc.constant(null), fc.string({ maxLength: 50 }), fc.integer())).map(([key, v]) => withOwnKey({}, key, v)),
);

/** Inputs for one method: the whole input wrong, unknown fields, known fields with wrong values, fields missing. */
function invalidInputs(fields: string[]): fc.Arbitrary<unknown> {
  const knownWrong =
    fields.length === 0
      ? fc.constant({})
      : fc.subarray(fields, { minLength: 1 }).chain((keys) => fc.tuple(...keys.map(() => nasty)).map((vals) => Object.fromEntries(keys.map((k, i) => [k, vals[i]]))));
  return fc.oneof(
    nasty,
    fc.tuple(knownWrong, oddKey, nasty).map(([base, key, v]) => withOwnKey(base as Record<string, unknown>, key, v)),
    knownWrong,
    fc.constant({}),
  );
}

/** Every byte the vault keeps on disk: database, WAL, logs, backups (not the -shm index, which readers share). */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('-shm')) hash.update(`${path}\n`).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

function accepts(schema: z.ZodType, input: unknown): boolean {
  try {
    return schema.safeParse(input ?? {}).success;
  } catch {
    return false;
  }
}

function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(input) : text.slice(0, 300);
  } catch {
    return Object.prototype.toString.call(input);
  }
}

describe('the contract refuses generated invalid input for every method', () => {
  let v: TestVault;
  const tokens: (() => string | null)[] = [() => v.admin, () => null, () => 'forged-session-token'];
  const counts = new Map<MethodName, number>();

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
  }, 60_000);
  afterAll(async () => {
    await v?.close();
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`contract fuzz: ${total} invalid inputs over ${counts.size} methods\n`);
  });

  it.each(methods)('%s', async (method) => {
    const schema = contract[method].input;
    const fields = fieldsOf(schema);
    const before = fingerprint(v.dataDir);
    let dispatched = 0;
    await fc.assert(
      fc.asyncProperty(invalidInputs(fields), fc.nat(tokens.length - 1), async (input, who) => {
        // What the contract accepts is not this test's business (the permission matrix covers it).
        // A schema that throws is a bug the router must still turn into a Result: dispatch it.
        fc.pre(!accepts(schema, input));
        dispatched += 1;
        const result = await v.core.dispatch(tokens[who]!(), method, input);
        const shown = describeInput(input);
        expect(result.ok, shown).toBe(false);
        if (result.ok) return;
        expect(result.error.code, `${shown}: ${result.error.message}`).toBe('invalid_input');
        expect(typeof result.error.message).toBe('string');
        expect(result.error.message.length, shown).toBeLessThanOrEqual(MAX_MESSAGE);
      }),
      { numRuns: RUNS_PER_METHOD, maxSkipsPerRun: 100 },
    );
    counts.set(method, dispatched);
    expect(dispatched).toBeGreaterThanOrEqual(RUNS_PER_METHOD / 2);
    expect(fingerprint(v.dataDir), 'a refused input changed the vault files').toBe(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('refuses method names outside the contract, including the prototype’s own', async () => {
    const before = fingerprint(v.dataDir);
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'vault.init ', 'VAULT.INIT', 'audit.verify\u0000', '', 'a'.repeat(100_000)];
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...names), fc.string()), nasty, async (name, input) => {
        fc.pre(!Object.hasOwn(contract, name));
        const result = await v.core.dispatch(v.admin, name, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
        if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
      }),
      { numRuns: RUNS_PER_METHOD * 5 },
    );
    expect(fingerprint(v.dataDir)).toBe(before);
  });

  it('refuses a review period with malformed dates as invalid input (its refinements once threw on them)', async () => {
    for (const method of ['review.export', 'review.exportToChosenFolder'] as const) {
      if (!Object.hasOwn(contract, method)) continue;
      for (const period of [{ from: '', to: ' ' }, { from: '2026-13-45', to: '2026-09-01' }, { from: '2026-09-01', to: 'tomorrow' }]) {
        const result = await v.core.dispatch(v.admin, method, method === 'review.export' ? { ...period, out: '/nonexistent-custodian-folder/pack' } : period);
        expect(result, `${method} ${JSON.stringify(period)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
  });

  it('still works afterwards: the trail verifies and nothing was appended by the refusals', async () => {
    const events = value(await v.call(v.admin, 'audit.list', { limit: 1000 }));
    expect(events.map((e) => e.action)).not.toContain('permission.denied');
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });
  });
});
