import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, Menu, nativeImage, powerMonitor, session, shell, Tray } from 'electron';
import { createCore } from '../core/app';
import { createKeytarStore, pendingKeychainCalls } from '../core/secrets/keytar.store';
import { createWindowSession } from '../core/window-session';
import { createAppShell, installQuitGuard, type AppShell } from './app-shell';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { clipboardSink, createClipboardGuard } from './clipboard-guard';
import { guardDownloads } from './download-guard';
import { installTray, trayIconBitmap } from './app-tray';
import { createSchedulerTicker } from '../core/pass-loop';
import { createIdleMonitor } from './idle-lock';
import { createElectronImageSource } from './image-source';
import { createElectronFilePicker } from './file-picker';
import { createElectronFolderPicker } from './folder-picker';
import { bindIpc } from './ipc-guard';
import { createMainWindow } from './main-window';
import { isMetaLoginContents, openMetaLogin } from './meta-login-window';
import { checkNativeBinding, electronSqliteBindingPath } from './native-binding';
import { denyAllPermissions, hardenWebContents } from './navigation-guard';
import { createShellLog } from './shell-log';
import { pinnedUserDataDir, PRODUCT_NAME, readShellSettings } from './shell-settings';
import { openSignInPage } from './sign-in-opener';

// out/main/index.js sits beside out/preload and out/renderer (inside app.asar when packaged).
/** How often the desktop app checks whether today's automatic backup is due. */
const BACKUP_CHECK_MS = 5 * 60_000;
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererRoot = path.join(outDir, 'renderer');

// userData is fixed from package.json's name before this file runs; pin it to
// <appData>/Custodian so the app, the CLI (defaultDataDir) and the docs name the same folder.
// Must come before the single-instance lock, which is keyed on it.
app.setName(PRODUCT_NAME);
app.setPath('userData', pinnedUserDataDir(app.getPath('appData')));

const settings = readShellSettings({ argv: process.argv, env: process.env, cwd: process.cwd(), userDataDir: app.getPath('userData') });
const log = createShellLog(settings.dataDir);

// Both must happen before 'ready': scheme privileges are fixed at start-up, and enableSandbox
// makes every renderer sandboxed even if some future window forgets to ask.
registerAppScheme();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let appShell: AppShell | null = null;
// While the tray is there the app keeps running with no window (scheduled posts go out).
let tray: { destroy(): void } | null = null;

function openWindow(): void {
  if (appShell === null) return;
  const shellForWindow = appShell;
  const window = createMainWindow(preloadPath);
  mainWindow = window;
  shellForWindow.attachWindow(window);
  // Windows logging off or shutting down: close the vault while there is still time.
  window.on('session-end', () => void shellForWindow.shutdown());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    void shellForWindow.detachWindow(window);
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

function start(): void {
  denyAllPermissions(session.defaultSession);
  guardDownloads(session.defaultSession, (event) => log(event));

  // The Electron-ABI build of better-sqlite3, kept apart from node_modules' Node build.
  const binding = checkNativeBinding(
    electronSqliteBindingPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
    process.versions.modules,
    { isPackaged: app.isPackaged },
    { readFile: (file) => readFileSync(file) },
  );
  if (!binding.ok) {
    log('shell.native-binding-missing');
    dialog.showErrorBox('Custodian cannot start', binding.message);
    app.exit(1);
    return;
  }

  const guard = createClipboardGuard({
    clipboard,
    makeItem: (items) => new ClipboardItem(items),
    platform: process.platform,
    clearAfterMs: settings.clipboardClearMs,
    onEvent: (event) => log(event),
  });

  // One core for the vault folder; every window gets its own session on it.
  const core = createCore({
    dataDir: settings.dataDir,
    secretStore: createKeytarStore(),
    nativeBinding: binding.path,
    clipboard: clipboardSink(guard, () => log('clipboard.copy-failed')),
    // QR code images for 2FA setup: main's own file dialog or the clipboard, never a renderer path.
    imageSource: createElectronImageSource(() => mainWindow),
    // Folders for the review pack and backups: main's own folder dialog, never a renderer path.
    folderPicker: createElectronFolderPicker(() => mainWindow),
    // Import files: chosen and read in main, so a password manager's export never reaches the page.
    filePicker: createElectronFilePicker(() => mainWindow),
    // A channel's OAuth sign-in happens in the system browser, never in a window of ours
    // (RFC 8252). The core builds the address from the platform's sign-in page; main checks it
    // again so that only a web page ever reaches the OS (sign-in-opener.ts).
    browser: { open: (url) => openSignInPage(url, (page) => shell.openExternal(page)) },
    // Except Meta's: it accepts a desktop app's sign-in only back at its own login_success.html,
    // which only a window of ours can watch for (meta-login-window.ts: no preload, no Node, its
    // own session, facebook.com only).
    metaLogin: (url) => openMetaLogin(url, { parent: mainWindow }),
    // The data folder was readable by other users of this computer (an older version, or
    // loosened by hand): the core has made it private again; say so where the person sees it.
    warn: (message) => {
      log('shell.data-folder-warning');
      void dialog.showMessageBox({ type: 'warning', title: 'Custodian', message: 'Custodian made its data folder private again', detail: `${message.charAt(0).toUpperCase()}${message.slice(1)}` });
    },
  });

  const idle = createIdleMonitor({
    powerMonitor,
    settings: () => ({ lockAfterMinutes: settings.idleLockMinutes }),
    isSignedIn: () => appShell?.signedIn ?? false,
    lock: (reason) => appShell?.lock(reason) ?? Promise.resolve(),
  });

  // Scheduled posts go out from here while the app runs (in the tray with the window closed too).
  const scheduler = createSchedulerTicker({
    runPass: async () => {
      await core.publishDue();
    },
    log,
  });

  // The automatic daily backup: a light check every few minutes while the app runs (a short
  // timer chain, so a machine that slept simply checks when it wakes; nothing when today's exists).
  const backups = createSchedulerTicker({
    runPass: async () => {
      await core.backupDue();
    },
    pauseMs: BACKUP_CHECK_MS,
    log: (event, fields) => log(event.replace('scheduler.', 'backup.'), fields),
  });

  appShell = createAppShell({
    core,
    openSession: () => createWindowSession(core),
    clipboard: guard,
    beforeShutdown: async () => {
      idle.stop();
      // A publish between "sent" and "recorded" must not be cut off by quitting.
      await scheduler.stop();
      await backups.stop();
    },
    log,
  });
  const shellForIpc = appShell;

  // Linux and macOS announce a reboot or shutdown: quit through the guard (anchor written).
  powerMonitor.on('shutdown', () => app.quit());

  log('shell.start', { dataDirSource: settings.dataDirSource, clipboardClearMs: settings.clipboardClearMs, idleLockMinutes: settings.idleLockMinutes });
  serveRenderer(rendererRoot);
  bindIpc(shellForIpc.dispatch, () => mainWindow);
  idle.start();
  scheduler.start();
  backups.start();
  try {
    const size = 32;
    tray = installTray({
      createTray: () => new Tray(nativeImage.createFromBitmap(trayIconBitmap(size), { width: size, height: size })),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      loginItems: { get: () => app.getLoginItemSettings().openAtLogin, set: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) },
      actions: { open: focusWindow, lock: () => void shellForIpc.lock('user'), quit: () => app.quit() },
    });
  } catch {
    // Some Linux desktops have no tray: the app then quits with its last window, as before.
    log('shell.tray-unavailable');
  }
  openWindow();
}

// One running console per user: a second launch focuses the first instead of opening the
// same vault (and keychain entries, and scheduler lease) twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);

  // Quitting waits for the vault to close (session ended, clipboard cleared, audit anchor
  // written), however it was asked for: last window closed, Cmd+Q, OS shutdown.
  installQuitGuard(app, () => appShell?.shutdown() ?? Promise.resolve(), () => {
    // A keychain call that timed out is still blocked in a worker thread, and the process
    // would hang on exit joining it. The vault is closed by now: end without waiting.
    if (pendingKeychainCalls() > 0) {
      log('shell.exit-with-hung-keychain', { pending: pendingKeychainCalls() });
      process.kill(process.pid, 'SIGKILL');
    }
  });

  // Applies to every web contents ever created, not only the ones we make on purpose. The
  // only way out is a platform's https page, in the system browser (external-links.ts).
  // Meta's sign-in window guards its own contents (facebook.com only): it is told apart by its session.
  app.on('web-contents-created', (_event, contents) => {
    if (!isMetaLoginContents(contents)) hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) });
  });

  app.on('window-all-closed', () => {
    // Closing the window ends its session; with a tray the app stays to publish scheduled posts.
    if (tray === null && process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  void app.whenReady().then(start);
}
