import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * npm start's first step (scripts/check-electron.mjs): where Electron's program is missing it says
 * so and names the one command that fetches it, before building anything (issue 17 item 13).
 * Electron's own override (ELECTRON_OVERRIDE_DIST_PATH) plays both a machine with the program and
 * one without, whatever this machine has.
 */
describe("npm start's check for Electron's program", () => {
  const script = new URL('../../scripts/check-electron.mjs', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'custodian-electron-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const name = existsSync(join(electronDir, 'path.txt')) ? readFileSync(join(electronDir, 'path.txt'), 'utf8').trim() : 'electron';
  const check = (overrideDir: string) =>
    spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: overrideDir } });

  it('stops with what is missing and the command that fetches it', () => {
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The desktop app cannot start without Electron's own program.");
    expect(result.stderr).toContain(`has no Electron program (${join(dir, name)})`);
    expect(result.stderr).toContain('Fetch Electron with:  npx install-electron');
  });

  it('lets npm start go on where the program is there', () => {
    // Where path.txt says (macOS keeps it inside Electron.app).
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), '');
    const result = check(dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
