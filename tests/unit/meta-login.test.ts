import { describe, expect, it } from 'vitest';
import { AuthorizationError } from '../../electron/core/publishing/oauth/loopback-authorization';
import { isMetaLoginSuccess, META_LOGIN_SUCCESS_URL, metaDialogUrl, parseMetaRedirect } from '../../electron/core/publishing/oauth/meta-login';

const STATE = 'c3RhdGUtdGhhdC1jdXN0b2RpYW4tc2VudA';
const back = (query: string, hash = '') => `${META_LOGIN_SUCCESS_URL}?${query}${hash}`;

describe('Meta’s Login dialog address and its login_success redirect', () => {
  it('asks for a code back at login_success.html, with scopes or, for Facebook Login for Business, config_id instead', () => {
    const dialog = new URL(metaDialogUrl({ authorizeUrl: 'https://www.facebook.com/v25.0/dialog/oauth', clientId: '1234', state: STATE, scope: 'pages_show_list,business_management', configId: null }));
    expect(Object.fromEntries(dialog.searchParams)).toEqual({ client_id: '1234', redirect_uri: META_LOGIN_SUCCESS_URL, state: STATE, response_type: 'code', scope: 'pages_show_list,business_management' });
    const business = new URL(metaDialogUrl({ authorizeUrl: 'https://www.facebook.com/v25.0/dialog/oauth', clientId: '1234', state: STATE, scope: 'pages_show_list', configId: '987654321' }));
    expect(business.searchParams.get('config_id')).toBe('987654321');
    expect(business.searchParams.has('scope')).toBe(false);
  });

  it('reads the code when the state is the one sent (Meta adds #_=_)', () => {
    expect(parseMetaRedirect(back(`code=AQBx-code&state=${STATE}`, '#_=_'), STATE)).toEqual({ code: 'AQBx-code' });
  });

  it.each([
    ['a state it did not send', back('code=AQBx-code&state=someone-elses'), 'state Custodian did not send'],
    ['no state at all', back('code=AQBx-code'), 'state Custodian did not send'],
    ['a person who said no', back(`error=access_denied&error_reason=user_denied&error_description=Permissions+error&state=${STATE}`), 'access was not allowed'],
    ['another error', back(`error=server_error&state=${STATE}`), 'Meta answered "server_error"'],
    ['another page on facebook.com', `https://www.facebook.com/connect/login_success.html.evil?code=AQBx&state=${STATE}`, 'somewhere other than'],
    ['a look-alike host', `https://www.facebook.com.evil.example/connect/login_success.html?code=AQBx&state=${STATE}`, 'somewhere other than'],
    ['plain http', `http://www.facebook.com/connect/login_success.html?code=AQBx&state=${STATE}`, 'somewhere other than'],
  ])('refuses %s, and never repeats a code', (_what, address, words) => {
    let thrown: unknown;
    try {
      parseMetaRedirect(address, STATE);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthorizationError);
    expect((thrown as Error).message).toContain(words);
    expect((thrown as Error).message).not.toContain('AQBx');
  });

  it('knows login_success.html only on www.facebook.com over https', () => {
    expect(isMetaLoginSuccess(back('code=1'))).toBe(true);
    expect(isMetaLoginSuccess('https://m.facebook.com/connect/login_success.html?code=1')).toBe(false);
    expect(isMetaLoginSuccess('not a url')).toBe(false);
  });
});
