/**
 * Copies a value for the operator without it ever reaching the renderer: in the desktop
 * app, main's clipboard guard (marked secret, cleared after a while). The CLI has none.
 */
export interface ClipboardSink {
  /** Resolves when the value is on the clipboard; rejects (without the value) if it could not be put there. */
  copy(value: string): void | Promise<void>;
  /** How long a copied value stays before it is cleared (main's setting; 30 s when not said). */
  readonly clearsAfterMs?: number | undefined;
}
