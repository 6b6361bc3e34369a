import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { secureWebPreferences } from './web-preferences';

/**
 * The console window. Hidden until the first paint so the user never sees a blank frame;
 * the page always comes from app:// (the built renderer), never from a dev server or file://.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Custodian',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
