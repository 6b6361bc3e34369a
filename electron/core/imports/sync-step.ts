/**
 * An import calls other domains' handlers inside its one transaction (better-sqlite3 nests
 * theirs as savepoints), so that each row gets the same checks and audit event as when it is
 * done by hand. Those handlers are synchronous; a promise would escape the transaction and
 * leave a half import, so one is refused loudly.
 */
export function syncStep<T>(what: string, result: T | Promise<T>): T {
  if (result instanceof Promise) throw new Error(`${what} is not synchronous; it cannot run inside an import`);
  return result;
}
