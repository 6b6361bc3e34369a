import type { ErrorCode } from '../../shared/contract/error-codes';

/**
 * The one error type the core throws on purpose. The router turns it into a Result; any
 * other exception becomes 'internal' with a generic message, so that nothing unexpected
 * (which might hold a value) reaches a caller.
 */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.field = field;
  }
}
