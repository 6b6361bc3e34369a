import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels';

/**
 * window.custodian: the renderer's only way out. Two functions with fixed channels; the page
 * never gets ipcRenderer (which could send on any channel) nor an IpcRendererEvent (whose
 * .sender is ipcRenderer).
 */
const api = {
  invoke(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input);
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    const listener = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('custodian', api);
