/** The steps of a restore, in order: where a kill -9 is tried by tests/reliability/restore-crash.test.ts. */
export const RESTORE_STEPS = ['checked', 'migrated', 'locked', 'carried', 'linked', 'swapped', 'reopened'] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

/**
 * For the crash test only: CUSTODIAN_TEST_RESTORE_KILL_AT=<step> makes this process kill itself
 * (SIGKILL, as kill -9 does) when a restore reaches that step. Unset, which it always is outside
 * that test, it does nothing.
 */
export function reachedStep(step: RestoreStep): void {
  if (process.env.CUSTODIAN_TEST_RESTORE_KILL_AT === step) process.kill(process.pid, 'SIGKILL');
}
