import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc, type Dispatch } from './ipc-guard';
import { createMainWindow } from './main-window';
import { denyAllPermissions, hardenWebContents } from './navigation-guard';

// out/main/index.js sits beside out/preload and out/renderer (inside app.asar when packaged).
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererRoot = path.join(outDir, 'renderer');

// TODO(#3): replace with the core router (createCore(...).router.dispatch with the window's
// session token). Until then every call gets a clear, typed refusal.
const notWiredYet: Dispatch = () => ({
  ok: false,
  error: { code: 'not_available', message: 'The console is not wired to the vault yet.' },
});

let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(preloadPath);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusWindow(): void {
  if (mainWindow === null) {
    // macOS keeps the app running with no window; a second launch should still show one.
    if (app.isReady()) openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// Both must happen before 'ready': scheme privileges are fixed at start-up, and enableSandbox
// makes every renderer sandboxed even if some future window forgets to ask.
registerAppScheme();
app.enableSandbox();

// One running console per user: a second launch focuses the first instead of opening the
// same vault (and keychain entries, and scheduler lease) twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);

  // Applies to every web contents ever created, not only the ones we make on purpose.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveRenderer(rendererRoot);
    bindIpc(notWiredYet, () => mainWindow);
    openWindow();
  });
}
