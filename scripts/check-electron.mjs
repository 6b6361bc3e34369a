#!/usr/bin/env node
/**
 * The first step of `npm start` and `npm run dev`: the desktop app needs Electron's own program,
 * which `npm install` downloads, except with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or when the download
 * failed. Without it electron-vite ends, after building everything, with "Error: Electron
 * uninstall". This says what is missing and the one command that fetches it, before any build.
 * It reads what Electron's own install.js writes (dist/version, path.txt) and never loads the
 * electron package, whose index.js would try a download of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FETCH = 'npx install-electron';

function read(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
}

/** Where Electron's program is, or why it is not there. */
function electronProgram(env) {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, why: 'the electron package is not installed here: run npm install first.' };
  }
  const executable = read(join(dir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    // Electron's own rule: the override folder holds the program under path.txt's name, else "electron".
    const program = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron');
    return existsSync(program) ? { ok: true, program } : { ok: false, why: `ELECTRON_OVERRIDE_DIST_PATH names ${env.ELECTRON_OVERRIDE_DIST_PATH}, which has no Electron program (${program}).` };
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const installed = read(join(dir, 'dist', 'version'))?.replace(/^v/, '');
  if (executable === null || installed === undefined || installed === null) {
    return { ok: false, why: `Electron's program (version ${version}) was never downloaded: npm install was run with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed.` };
  }
  if (installed !== version) return { ok: false, why: `Electron's program here is version ${installed}, and this checkout needs ${version}.` };
  const program = join(dir, 'dist', executable);
  return existsSync(program) ? { ok: true, program } : { ok: false, why: `Electron's program is missing from ${join(dir, 'dist')}.` };
}

const found = electronProgram(process.env);
if (!found.ok) {
  process.stderr.write(
    [
      "The desktop app cannot start without Electron's own program.",
      found.why.charAt(0).toUpperCase() + found.why.slice(1),
      `Fetch Electron with:  ${FETCH}`,
      'then run npm start again. The command line works without it: npx custodian --help',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
