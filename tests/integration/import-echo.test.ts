import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChosenFile, FilePicker } from '../../electron/core/app';
import type { CredentialImportView } from '../../shared/contract/views';
import { createExampleTrust } from '../support/e2e-trust';
import { markedExports, type Marked } from '../support/marked-exports';
import { custodian } from '../support/run-custodian';
import { ADMIN, tempDir, value, type TestVault } from '../support/test-vault';

/**
 * The attack (issue 12, 9): a password manager's export given to an import, the right one or
 * the wrong one, valid or not, must never put a password, 2FA key, note or custom field on the
 * screen, in a Result, in the CLI's output or in the data folder (its log and database).
 */

const exportsOf = markedExports();
const FORMATS: [keyof typeof exportsOf & string, CredentialImportView['format'], string][] = [
  ['chromeCsv', 'csv', 'csv'],
  ['bitwardenCsv', 'csv', 'csv'],
  ['headerless', 'csv', 'csv'],
  ['bitwardenJson', 'bitwarden-json', 'json'],
  ['keepassXml', 'keepass-xml', 'xml'],
];
const marked = (name: (typeof FORMATS)[number][0]) => exportsOf[name] as Marked;

function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** Which markers a text (a Result, an output) or the data folder holds, by name and a short prefix. */
function echoed(text: string): string[] {
  return exportsOf.all.filter((m) => text.includes(m) || text.toLowerCase().includes(m.toLowerCase())).map((m) => m.slice(0, 14));
}
function stored(dataDir: string): string[] {
  return filesUnder(dataDir).flatMap((f) => exportsOf.all.filter((m) => f.bytes.includes(Buffer.from(m))).map((m) => `${f.path}: ${m.slice(0, 14)}`));
}

describe('imports never echo a secret cell (core and window)', () => {
  const chosen: (ChosenFile | null)[] = [];
  const picker: FilePicker = { chooseFile: async () => chosen.shift() ?? null };
  let v: TestVault;
  const seen: string[] = [];
  const call: TestVault['call'] = async (token, method, input) => {
    const result = await v.call(token, method, input);
    seen.push(JSON.stringify(result));
    return result;
  };
  beforeAll(async () => {
    v = await createExampleTrust({ filePicker: picker });
  }, 60_000);
  afterAll(async () => v.close());

  it('refuses every export given to import.register without quoting a cell, dry run or not', async () => {
    for (const [name] of FORMATS) {
      const m = marked(name);
      for (const csv of [...(m.valid === null ? [] : [m.valid]), ...m.invalid]) {
        for (const dryRun of [true, false]) {
          const result = await call(v.admin, 'import.register', { csv, dryRun });
          expect(result.ok, name).toBe(false);
          if (!result.ok) expect(result.error.message, name).toMatch(/line \d+: /);
          expect(echoed(JSON.stringify(result)), `${name} dryRun=${dryRun}`).toEqual([]);
        }
      }
    }
    expect(stored(v.dataDir)).toEqual([]);
  });

  it('refuses a register or term-dates file with a password pasted into its cells without quoting it', async () => {
    const pw = (column: string) => `${column}Pw${randomBytes(4).toString('hex')}`;
    const pasted = { kind: pw('kind'), school: pw('S').slice(0, 12), handle: pw('h'), email: `${pw('email')}@pet.example`, twoFactor: pw('tf'), date: pw('date') };
    const header = 'kind,name,email,role,school,platform,handle,registration_email,two_factor,purpose';
    // Refused as rows are read, then (a file that reads well) as it is checked against the vault.
    const unreadable = [header, `${pasted.kind},Ann,ann@pet.example,core-team,,,,,,`, `channel,New,,,,x,newchannel,,${pasted.twoFactor},`].join('\n');
    const unknown = [
      header,
      `person,Ann,ann@pet.example,core-team,${pasted.school},,,,,`,
      `holder,,${pasted.email},,,x,pendleeducation,,,`,
      `holder,,${ADMIN.email},,,x,${pasted.handle},,,`,
    ].join('\n');
    const terms = ['kind,name,start,end', `${pasted.kind},Autumn,2026-09-01,2026-12-18`, `term,Autumn,${pasted.date},2026-12-18`].join('\n');
    const results = [
      await call(v.admin, 'import.register', { csv: unreadable, dryRun: true }),
      await call(v.admin, 'import.register', { csv: unknown, dryRun: false }),
      await call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: terms }),
      await call(v.admin, 'calendar.importTerms', { scope: 'PPA', csv: marked('headerless').invalid[0] ?? '' }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      const text = JSON.stringify(result);
      expect(Object.values(pasted).filter((p) => text.includes(p))).toEqual([]);
      expect(echoed(text)).toEqual([]);
    }
    // Every row was refused, each by its line.
    expect(JSON.stringify(results[0])).toMatch(/line 2: kind .*line 3: two_factor /s);
    expect(JSON.stringify(results[1])).toMatch(/line 2: the school column .*line 3: the email column .*line 4: the x channel in the handle column/s);
  });

  it('previews and imports the valid exports showing titles and channels, never a secret', async () => {
    for (const [name, format] of FORMATS) {
      const content = marked(name).valid;
      if (content === null) continue;
      const preview = value(await call(v.admin, 'import.credentials', { format, content, dryRun: true }));
      // The preview is about something: a login matched to a channel, by its title.
      expect(preview.entries.some((e) => e.action !== 'skip' && e.channel !== null), name).toBe(true);
      expect(echoed(JSON.stringify(preview)), name).toEqual([]);
      const done = value(await call(v.admin, 'import.credentials', { format, content, dryRun: false }));
      expect(done.created + done.replaced, name).toBeGreaterThan(0);
      expect(echoed(JSON.stringify(done)), name).toEqual([]);
    }
    expect(stored(v.dataDir)).toEqual([]);
  });

  it('refuses the invalid exports naming lines, never a cell, dry run or not', async () => {
    for (const [name, format] of FORMATS) {
      for (const content of marked(name).invalid) {
        for (const dryRun of [true, false]) {
          const result = await call(v.admin, 'import.credentials', { format, content, dryRun });
          expect(result.ok, name).toBe(false);
          if (!result.ok) expect(result.error.message, name).toMatch(/line \d+: /);
          expect(echoed(JSON.stringify(result)), `${name} dryRun=${dryRun}`).toEqual([]);
        }
      }
    }
    expect(stored(v.dataDir)).toEqual([]);
  });

  it("shows the window's preview of a chosen export, or its refusal, without a secret", async () => {
    for (const [name, format, extension] of FORMATS) {
      const m = marked(name);
      for (const content of [...(m.valid === null ? [] : [m.valid]), ...m.invalid]) {
        chosen.push({ name: `export.${extension}`, content });
        const preview = await call(v.admin, 'import.chooseFile', { kind: 'credentials', format });
        expect(echoed(JSON.stringify(preview)), name).toEqual([]);
        chosen.push({ name: `export.${extension}`, content });
        expect(echoed(JSON.stringify(await call(v.admin, 'import.chooseFile', { kind: 'register' }))), name).toEqual([]);
      }
    }
    // The scan looked at real answers: previews with titles and refusals with lines.
    expect(seen.some((s) => s.includes('"entry":"PET X"'))).toBe(true);
    expect(seen.some((s) => s.includes('"entry":"Pendle Primary Instagram"'))).toBe(true);
    expect(stored(v.dataDir)).toEqual([]);
  });
});

describe('custodian import never echoes a secret cell', () => {
  const dir = tempDir('custodian-import-echo-');
  const files = tempDir('custodian-import-echo-files-');
  const env = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: ADMIN.email, CUSTODIAN_PASSPHRASE: ADMIN.passphrase };
  beforeAll(() => {
    expect(custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', ADMIN.name, '--admin-email', ADMIN.email], { env }).code).toBe(0);
    expect(custodian(['example', 'load'], { env }).code).toBe(0);
  }, 60_000);
  afterAll(() => {
    dir.remove();
    files.remove();
  });

  it('prints previews, imports and refusals (register and credentials) with no password, key, note or field', () => {
    const outputs: string[] = [];
    const run = (args: string[], expected: number) => {
      const result = custodian(args, { env });
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(expected);
      outputs.push(result.stdout + result.stderr);
      expect(echoed(result.stdout + result.stderr), args.join(' ')).toEqual([]);
    };
    // Each run costs a sign-in: the attack as filed (register given a login export) and, per
    // format, a refused file, a preview; one real import prints its --json result.
    for (const [name, , extension] of FORMATS) {
      const m = marked(name);
      const format = extension === 'json' ? 'bitwarden' : extension === 'xml' ? 'keepass' : 'csv';
      const bad = join(files.path, `${name}-bad.${extension}`);
      writeFileSync(bad, m.invalid[0] ?? '');
      run(['import', 'credentials', bad, '--format', format, '--dry-run'], 1);
      if (extension === 'csv') run(['import', 'register', bad], 1);
      if (m.valid === null) continue;
      const path = join(files.path, `${name}.${extension}`);
      writeFileSync(path, m.valid);
      run(['import', 'credentials', path, '--format', format, ...(name === 'bitwardenJson' ? ['--json'] : ['--dry-run'])], 0);
    }
    expect(outputs.some((o) => /Pendle Education X\s+x:@pendleeducation/.test(o))).toBe(true);
    expect(outputs.some((o) => o.includes('"entry": "PET X"'))).toBe(true);
    expect(outputs.some((o) => /line \d+: /.test(o))).toBe(true);
    expect(stored(dir.path)).toEqual([]);
  }, 120_000);
});
