/**
 * The tray: the packaged app keeps publishing scheduled posts while its window is closed, so it
 * stays in the tray (Open, Lock, Quit) and offers to start when the user signs in to the
 * computer. No 'electron' import: main passes the pieces in, so the menu and the icon are
 * tested with fakes.
 */

export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

export interface TrayActions {
  open(): void;
  lock(): void;
  quit(): void;
}

export interface LoginItems {
  /** Whether the app starts when the user signs in to the computer. */
  get(): boolean;
  set(openAtLogin: boolean): void;
}

export const TRAY_TOOLTIP = 'Custodian: scheduled posts are published while it runs';

export function trayMenuTemplate(actions: TrayActions, loginItems: LoginItems, onChange: () => void): TrayMenuItem[] {
  return [
    { label: 'Open Custodian', click: () => actions.open() },
    { label: 'Lock', click: () => actions.lock() },
    { type: 'separator' },
    {
      label: 'Start Custodian when I sign in to this computer',
      type: 'checkbox',
      checked: loginItems.get(),
      click: (item) => {
        loginItems.set(item.checked);
        onChange();
      },
    },
    { type: 'separator' },
    { label: 'Quit Custodian (scheduled posts wait until it is opened again)', click: () => actions.quit() },
  ];
}

/**
 * The tray icon drawn in code (a shield, in the console's indigo), as a BGRA bitmap for
 * nativeImage.createFromBitmap: no image file to ship or to find inside the asar.
 */
export function trayIconBitmap(size: number): Buffer {
  const bytes = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      // A shield: straight top two thirds, then narrowing to a point.
      const v = y / (size - 1);
      const halfWidth = v < 0.6 ? size * 0.42 : size * 0.42 * (1 - (v - 0.6) / 0.4);
      const inside = y >= size * 0.06 && Math.abs(x - centre) <= halfWidth;
      if (!inside) continue;
      const offset = (y * size + x) * 4;
      bytes[offset] = 0xdb; // B
      bytes[offset + 1] = 0x5b; // G
      bytes[offset + 2] = 0x4c; // R  (#4c5bdb)
      bytes[offset + 3] = 0xff; // A
    }
  }
  return bytes;
}

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): void;
  destroy(): void;
}

export function installTray(deps: {
  createTray(): TrayLike;
  buildMenu(template: TrayMenuItem[]): unknown;
  loginItems: LoginItems;
  actions: TrayActions;
}): { destroy(): void } {
  const tray = deps.createTray();
  const refresh = () => tray.setContextMenu(deps.buildMenu(trayMenuTemplate(deps.actions, deps.loginItems, refresh)));
  tray.setToolTip(TRAY_TOOLTIP);
  refresh();
  // A click opens the window on Windows and Linux (macOS shows the menu).
  tray.on('click', () => deps.actions.open());
  return { destroy: () => tray.destroy() };
}
