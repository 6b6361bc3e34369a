import { FakePlatformServer, type FakeReply, type PlatformFault, type RecordedRequest } from './fake-server';

/**
 * What the Facebook and Instagram fakes share: the Graph API's versioned paths (/vNN.N/...) and
 * its error shape, with most errors (throttling and expired tokens included) sent as HTTP 400.
 */

let trace = 0;

export function graphErrorReply(status: number, error: { message: string; code: number; type?: string; subcode?: number; userTitle?: string; userMessage?: string; transient?: boolean }, headers?: Record<string, string>): FakeReply {
  trace += 1;
  const body: Record<string, unknown> = { message: error.message, type: error.type ?? 'OAuthException', code: error.code, fbtrace_id: `AbCdEf${trace}` };
  if (error.subcode !== undefined) body.error_subcode = error.subcode;
  if (error.userTitle !== undefined) body.error_user_title = error.userTitle;
  if (error.userMessage !== undefined) body.error_user_msg = error.userMessage;
  if (error.transient !== undefined) body.is_transient = error.transient;
  return headers ? { status, headers, json: { error: body } } : { status, json: { error: body } };
}

const throttleMessages: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
};

export abstract class GraphFakeServer extends FakePlatformServer {
  /** The version the adapter must use in every path (the fake refuses others, as an unknown version would be). */
  private readonly versionPattern = /^\/(v\d+\.\d+)(\/.*)$/;

  protected abstract graphRoute(request: RecordedRequest, path: string): FakeReply | Promise<FakeReply>;

  protected route(request: RecordedRequest): FakeReply | Promise<FakeReply> {
    const found = this.versionPattern.exec(request.path);
    if (!found?.[2]) {
      this.problem(`${request.method} ${request.path} without a Graph version`);
      return graphErrorReply(400, { message: 'Unknown path components', code: 2500 });
    }
    return this.graphRoute(request, found[2]);
  }

  protected faultReply(fault: PlatformFault, request: RecordedRequest): FakeReply {
    switch (fault.kind) {
      case 'rate-limit': {
        const code = fault.graphCode ?? 4;
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        if (fault.regainMinutes !== undefined) {
          headers['x-business-use-case-usage'] = JSON.stringify({
            '1234': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: fault.regainMinutes }],
          });
        }
        // Graph sends throttling as HTTP 400: only error.code tells it apart.
        return graphErrorReply(400, { message: throttleMessages[code] ?? 'Rate limited', code, transient: true }, headers);
      }
      case 'server-error':
        return (fault.status ?? 500) === 500
          ? graphErrorReply(500, { message: 'An unknown error has occurred.', code: 1, transient: true })
          : { status: fault.status ?? 503, text: 'Service Unavailable' };
      case 'token-expired': {
        const presented = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        // Graph echoes a token it cannot parse in its message: the adapter must never pass that on.
        if (presented !== this.token) return graphErrorReply(400, { message: `Malformed access token ${presented}`, code: 190 });
        return graphErrorReply(400, {
          message: 'Error validating access token: Session has expired on Tuesday, 24-Nov-26 09:00:00 PST. The current time is Tuesday, 24-Nov-26 10:00:00 PST.',
          code: 190,
          subcode: 463,
        });
      }
      case 'duplicate':
        return graphErrorReply(400, { message: '(#506) Duplicate status message', code: 506, subcode: 1455006 });
      case 'quota':
        return graphErrorReply(400, {
          message: 'Application request limit reached',
          code: 9,
          subcode: 2207042,
          userTitle: 'Reached publishing limit',
          userMessage: 'You have reached the maximum number of posts that is allowed to be published by Content Publishing API.',
        });
      case 'hang':
        return { hang: true };
    }
  }
}
