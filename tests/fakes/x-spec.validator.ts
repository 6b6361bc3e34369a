import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { multipartBody, jsonBody, type RecordedRequest } from './fake-server';
import { xComponents, xErrorResponse, xOperations, type XOperation } from './x-schemas';

/**
 * Holds the X fake to X's official OpenAPI spec (x-schemas.ts): every request is checked against
 * the schema of the operation it calls (path parameters, query, content type and body), and every
 * answer the fake gives against that operation's response schema. A request the spec refuses gets
 * the 400 invalid-request problem the real API sends; an answer that breaks the spec is a bug in
 * the fake, which the fake records as a problem.
 */

/** X's answer to a request its schema refuses (an InvalidRequestProblem; `errors` says what failed, as X's own answers do). */
export function invalidRequest(messages: string[]): { status: 400; headers: Record<string, string>; json: unknown } {
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json' },
    json: {
      type: 'https://api.x.com/2/problems/invalid-request',
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      status: 400,
      errors: messages.map((message) => ({ message })),
    },
  };
}

interface Compiled {
  operation: XOperation;
  pattern: RegExp;
  pathParams: ValidateFunction | undefined;
  query: ValidateFunction;
  jsonBody: ValidateFunction | undefined;
  formBody: ValidateFunction | undefined;
  success: ValidateFunction;
}

export type RequestCheck = { kind: 'unknown' } | { kind: 'valid'; operationId: string } | { kind: 'invalid'; operationId: string; messages: string[] };

// The spec's formats: binary (a file part) is any string; byte is base64; int32 is not checked.
const formats = { binary: true, byte: /^[A-Za-z0-9+/]*={0,2}$/, int32: true } as const;

export class XSpecValidator {
  private readonly operations: Compiled[];
  private readonly errorResponse: ValidateFunction;

  constructor() {
    // Multipart fields arrive as text, so a form body is checked with OpenAPI's text-to-type
    // coercion (segment_index "0" is the integer 0); a JSON body is checked as sent.
    const exact = new Ajv({ allErrors: true, strict: true, formats });
    const form = new Ajv({ allErrors: true, strict: true, formats, coerceTypes: true });
    for (const ajv of [exact, form]) {
      // `components` holds the spec's schemas for the `#/components/schemas/...` refs; it is not a keyword to check.
      ajv.addKeyword('components');
      ajv.addSchema(xComponents);
    }
    this.errorResponse = exact.compile(xErrorResponse);
    this.operations = xOperations.map((operation) => ({
      operation,
      pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
      pathParams: operation.pathParams ? exact.compile(operation.pathParams) : undefined,
      query: exact.compile(operation.query),
      jsonBody: operation.body?.contentTypes.includes('application/json') ? exact.compile(operation.body.schema) : undefined,
      formBody: operation.body?.contentTypes.includes('multipart/form-data') ? form.compile(operation.body.schema) : undefined,
      success: exact.compile(operation.success.schema),
    }));
  }

  /** Checks a request against its operation's schemas; 'unknown' when it calls no operation we model. */
  checkRequest(request: RecordedRequest): RequestCheck {
    for (const compiled of this.operations) {
      const { operation } = compiled;
      if (operation.method !== request.method) continue;
      const matched = compiled.pattern.exec(request.path);
      if (!matched) continue;
      const messages: string[] = [];
      if (compiled.pathParams) {
        const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((found) => found[1] ?? '');
        const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(matched[index + 1] ?? '')]));
        messages.push(...failures(compiled.pathParams, params, 'path'));
      }
      messages.push(...failures(compiled.query, fields([...request.query.entries()]), 'query'));
      if (operation.body) messages.push(...this.bodyFailures(compiled, request));
      return messages.length === 0 ? { kind: 'valid', operationId: operation.operationId } : { kind: 'invalid', operationId: operation.operationId, messages };
    }
    return { kind: 'unknown' };
  }

  /** What is wrong with an answer the fake gives to `operationId`, or nothing when the spec allows it. */
  checkResponse(operationId: string, status: number, json: unknown): string[] {
    const compiled = this.operations.find((entry) => entry.operation.operationId === operationId);
    if (!compiled) return [`no operation ${operationId}`];
    const { success } = compiled.operation;
    if (status === success.status) return failures(compiled.success, json, 'response');
    if (status >= 200 && status < 300) return [`${operationId} succeeds with HTTP ${success.status} in the spec, not ${status}`];
    return failures(this.errorResponse, json, 'error response');
  }

  private bodyFailures(compiled: Compiled, request: RecordedRequest): string[] {
    const allowed = compiled.operation.body?.contentTypes ?? [];
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!allowed.includes(type)) return [`body: content type '${type}' is not one of ${allowed.join(', ')}`];
    if (type === 'application/json') {
      const body = jsonBody(request);
      return body === undefined ? ['body: not JSON'] : failures(compiled.jsonBody, body, 'body');
    }
    const parts = multipartBody(request) ?? [];
    // A file part is the spec's `format: binary` string; its bytes are the fake's business, not the schema's.
    const form = fields(parts.map((part) => [part.name, part.fileName === undefined ? part.data.toString('utf8') : `<${part.data.length} bytes>`]));
    return failures(compiled.formBody, form, 'body');
  }
}

/** Name/value pairs as an object; a name given twice becomes an array, which the string schemas refuse. */
function fields(pairs: [string, string][]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const before = result[name];
    result[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return result;
}

function failures(validate: ValidateFunction | undefined, data: unknown, where: string): string[] {
  if (!validate || validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${where}${error.instancePath || ''}: ${describe(error)}`);
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `must not have '${String(error.params.additionalProperty)}'`;
  if (error.keyword === 'enum') return `${error.message ?? 'must be one of'}: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return error.message ?? error.keyword;
}
