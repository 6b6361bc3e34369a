/**
 * Copies a value for the operator without it ever reaching the renderer: in the desktop
 * app, main's clipboard guard (marked secret, cleared after a while). The CLI has none.
 */
export interface ClipboardSink {
  copy(value: string): void;
}
