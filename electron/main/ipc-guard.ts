import { ipcMain } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-protocol';
import { INVOKE_CHANNEL } from './ipc-channels';

/**
 * What crosses the IPC boundary: the contract's Result shape. Typed structurally here (code
 * is a string) so the shell does not depend on the core's error list; the router's Result
 * is assignable to it.
 */
export type IpcResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; field?: string } };

/** The one thing main does with a request from the window: hand it to the router. */
export type Dispatch = (method: string, input: unknown) => IpcResult | Promise<IpcResult>;

/** The parts of Electron's WebFrameMain / IpcMainInvokeEvent / BrowserWindow the guard reads. */
export interface FrameLike {
  readonly url: string;
  readonly origin?: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: FrameLike };
}

const MAX_METHOD_LENGTH = 200;

function refused(code: string, message: string): IpcResult {
  return { ok: false, error: { code, message } };
}

/**
 * Is this invoke from our window's main frame at our app:// origin? A null senderFrame (the
 * frame navigated or was destroyed before we looked), a sub-frame, another web contents, or
 * any other origin is refused. Reading a disposed frame throws in Electron, so any throw is
 * also a refusal.
 */
export function isTrustedSender(event: InvokeEventLike, window: WindowLike | null): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;
    if (window === null || window.isDestroyed()) return false;
    if (event.sender !== window.webContents) return false;
    const main = window.webContents.mainFrame;
    if (frame.parent !== null) return false;
    if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
    if (!isAppUrl(frame.url)) return false;
    // origin is the security principal (it differs from url for opaque/sandboxed documents).
    if (frame.origin !== undefined && frame.origin !== APP_ORIGIN) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * The guarded handler for 'custodian:invoke'. Refusals come back as Results, never throws,
 * like every other failure; a throwing dispatch becomes a generic 'internal' Result, because
 * an exception's message may quote data that must not reach the renderer.
 */
export function guardInvoke(dispatch: Dispatch, getWindow: () => WindowLike | null) {
  return async (event: InvokeEventLike, method: unknown, input: unknown): Promise<IpcResult> => {
    if (!isTrustedSender(event, getWindow())) {
      return refused('forbidden', 'This request did not come from the Custodian window.');
    }
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return refused('invalid_input', 'The method name must be a non-empty string.');
    }
    try {
      return await dispatch(method, input);
    } catch {
      return refused('internal', 'Something went wrong in the app; the request was not completed.');
    }
  };
}

/**
 * Binds the contract's single IPC channel. getWindow returns the one window allowed to call
 * (null before it exists or after it closes). Returns an unbind function.
 */
export function bindIpc(dispatch: Dispatch, getWindow: () => WindowLike | null): () => void {
  ipcMain.handle(INVOKE_CHANNEL, guardInvoke(dispatch, getWindow));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
