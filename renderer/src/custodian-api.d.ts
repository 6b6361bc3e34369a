/**
 * window.custodian, as the preload (electron/preload/index.ts) exposes it. The renderer
 * reaches the app only through this object.
 */
export type CustodianResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; field?: string } };

export interface CustodianApi {
  /** Calls one contract method; failures come back as { ok: false }, never as a rejection. */
  invoke(method: string, input?: unknown): Promise<CustodianResult>;
  /** Subscribes to one named event from main; returns the unsubscribe function. */
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    readonly custodian: CustodianApi;
  }
}
