import type { ErrorCode } from './error-codes';

/** What crosses every boundary (IPC, CLI, tests): never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** For invalid_input: the dotted path of the first bad field. */
  field?: string;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
