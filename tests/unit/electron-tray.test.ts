import { describe, expect, it, vi } from 'vitest';
import { installTray, TRAY_TOOLTIP, trayIconBitmap, type TrayMenuItem } from '../../electron/main/app-tray';

function fakeTray() {
  const listeners: Record<string, () => void> = {};
  const menus: TrayMenuItem[][] = [];
  const tray = {
    setToolTip: vi.fn(),
    setContextMenu: vi.fn(),
    on: (event: string, listener: () => void) => void (listeners[event] = listener),
    destroy: vi.fn(),
  };
  return { tray, listeners, menus };
}

describe('the tray', () => {
  it('offers Open, Lock, start-at-login and Quit, and opens the window on click', () => {
    const { tray, listeners, menus } = fakeTray();
    const actions = { open: vi.fn(), lock: vi.fn(), quit: vi.fn() };
    let openAtLogin = false;
    const loginItems = { get: () => openAtLogin, set: vi.fn((value: boolean) => void (openAtLogin = value)) };
    installTray({ createTray: () => tray, buildMenu: (template) => (menus.push(template), template), loginItems, actions });
    expect(tray.setToolTip).toHaveBeenCalledWith(TRAY_TOOLTIP);
    const menu = menus.at(-1) ?? [];
    expect(menu.filter((i) => i.label !== undefined).map((i) => i.label)).toEqual([
      'Open Custodian',
      'Lock',
      'Start Custodian when I sign in to this computer',
      'Quit Custodian (scheduled posts wait until it is opened again)',
    ]);
    menu.find((i) => i.label === 'Lock')?.click?.({ checked: false });
    expect(actions.lock).toHaveBeenCalledOnce();
    listeners.click?.();
    expect(actions.open).toHaveBeenCalledOnce();

    // Ticking start-at-login sets it in the OS and rebuilds the menu with the box ticked.
    const login = menu.find((i) => i.type === 'checkbox');
    expect(login?.checked).toBe(false);
    login?.click?.({ checked: true });
    expect(loginItems.set).toHaveBeenCalledWith(true);
    expect(menus.at(-1)?.find((i) => i.type === 'checkbox')?.checked).toBe(true);
    menus.at(-1)?.find((i) => i.label?.startsWith('Quit') === true)?.click?.({ checked: false });
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('draws an opaque shield on a transparent square', () => {
    const size = 32;
    const icon = trayIconBitmap(size);
    expect(icon.length).toBe(size * size * 4);
    const alpha = (x: number, y: number) => icon[(y * size + x) * 4 + 3];
    expect(alpha(16, 10)).toBe(0xff); // the middle
    expect(alpha(0, 0)).toBe(0); // a corner
    expect(alpha(1, 31)).toBe(0); // beside the point
  });
});
