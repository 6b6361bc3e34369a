import type { WebPreferences } from 'electron';

/**
 * The one place a window's webPreferences are made. The renderer is treated as untrusted web
 * content: no Node, a sandboxed process, an isolated preload world, and the browser's normal
 * same-origin rules. Every field is spelled out (even defaults) so a future Electron default
 * change or a careless spread cannot quietly weaken it. enableBlinkFeatures is deliberately
 * absent.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    webSecurity: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    experimentalFeatures: false,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker fetches dictionaries from a Google CDN on Linux and Windows.
    spellcheck: false,
  };
}
