/**
 * IPC channel names shared by main and preload. No imports: the preload bundle pulls this
 * file in, and a sandboxed preload must not drag anything else with it.
 */
export const INVOKE_CHANNEL = 'custodian:invoke';
export const EVENT_CHANNEL = 'custodian:event';
