import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/contract/views';
import { matchChannel, readUrl } from '../../electron/core/imports/channel-match';
import type { CredentialEntry } from '../../electron/core/imports/credential-entry';

let nextId = 1;
function channel(platform: ChannelView['platform'], handle: string, name = `${platform} ${handle}`): ChannelView {
  return { id: nextId++, platform, handle, name, school: null, registrationEmail: null, mailboxDedicated: null, mailboxAccess: [], twoFactor: 'not-enabled', purpose: null, secrets: [], notMoved: [], rotationDueSince: null };
}

const channels = [
  channel('x', '@SHINEatPPA'),
  channel('instagram', '@pendleeducationtrust'),
  channel('linkedin', '@pendleeducationtrust'),
  channel('youtube', '@PendlePrimaryAcademy', 'PPA YouTube'),
  channel('youtube', 'UCx0L2ZdYfiZDsYXQWmWsW4g', 'Old YouTube'),
  channel('facebook', 'West Craven High School'),
];

function entry(fields: Partial<CredentialEntry>): CredentialEntry {
  return { line: 1, title: '', urls: [], username: '', password: 'p', totp: null, ...fields };
}

const matched = (fields: Partial<CredentialEntry>) => {
  const m = matchChannel(entry(fields), channels);
  return 'channel' in m ? `${m.channel.platform}:${m.channel.handle}` : `skip: ${m.skip}`;
};

describe('matching a password manager entry to a channel', () => {
  it('reads the account from each platform’s addresses, and not from its own pages', () => {
    expect(readUrl('https://mobile.twitter.com/SHINEatPPA?lang=en')).toEqual({ platform: 'x', handle: 'SHINEatPPA' });
    expect(readUrl('x.com/i/flow/login')).toEqual({ platform: 'x', handle: null });
    expect(readUrl('https://www.linkedin.com/company/pendleeducationtrust/admin/')).toEqual({ platform: 'linkedin', handle: 'pendleeducationtrust' });
    expect(readUrl('https://www.youtube.com/channel/UCx0L2ZdYfiZDsYXQWmWsW4g')).toEqual({ platform: 'youtube', handle: 'UCx0L2ZdYfiZDsYXQWmWsW4g' });
    expect(readUrl('https://studio.youtube.com/channel/UCx0L2ZdYfiZDsYXQWmWsW4g')).toEqual({ platform: 'youtube', handle: null });
    expect(readUrl('https://www.facebook.com/login.php')).toEqual({ platform: 'facebook', handle: null });
    expect(readUrl('https://www.instagram.com/accounts/login/')).toEqual({ platform: 'instagram', handle: null });
    expect(readUrl('https://notx.com/SHINEatPPA')).toBeNull();
    expect(readUrl('not a url at all')).toBeNull();
  });

  it('matches by address, then by handle or name, and skips whatever is unsure', () => {
    expect(matched({ urls: ['https://twitter.com/shineatppa'] })).toBe('x:@SHINEatPPA');
    expect(matched({ urls: ['https://www.youtube.com/channel/UCx0L2ZdYfiZDsYXQWmWsW4g'] })).toBe('youtube:UCx0L2ZdYfiZDsYXQWmWsW4g');
    expect(matched({ urls: ['facebook.com/westcravenhighschool'] })).toBe('facebook:West Craven High School');
    expect(matched({ urls: ['https://www.instagram.com/accounts/login/'], title: 'PET @pendleeducationtrust' })).toBe('instagram:@pendleeducationtrust');
    expect(matched({ title: 'PPA YouTube' })).toBe('youtube:@PendlePrimaryAcademy');
    expect(matched({ title: 'LinkedIn', username: 'pendleeducationtrust' })).toBe('linkedin:@pendleeducationtrust');
    expect(matched({ title: 'PET', username: 'pendleeducationtrust' })).toMatch(/^skip: it could be any of instagram:@pendleeducationtrust, linkedin:@pendleeducationtrust/);
    expect(matched({ urls: ['https://www.canva.com/'], username: 'SHINEatPPA' })).toMatch(/^skip: not the login of a social media channel/);
    expect(matched({ urls: ['https://x.com/someoneelse'] })).toBe('skip: x:someoneelse (from its web address) is not a channel in the vault');
    expect(matched({ title: 'Email' })).toBe('skip: no web address or @handle says which channel this is');
    // An email address in a title is not an @handle.
    expect(matched({ title: 'office@SHINEatPPA.example' })).toMatch(/^skip:/);
  });
});
