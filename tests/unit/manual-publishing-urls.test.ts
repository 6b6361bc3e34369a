import { describe, expect, it } from 'vitest';
import { platforms } from '../../shared/domain/enums';
import { PLATFORM_COMPOSE_URLS } from '../../shared/domain/platform-compose';
import { checkPublishedPostUrl } from '../../shared/posts/published-url';
import { checkPlatformUrl } from '../../electron/main/external-links';

describe('publishing by hand: the platform addresses', () => {
  it('opens every compose page through main’s allow-list unchanged', () => {
    for (const platform of platforms) expect(checkPlatformUrl(PLATFORM_COMPOSE_URLS[platform]), platform).toBe(PLATFORM_COMPOSE_URLS[platform]);
  });

  it('accepts a published post’s https address on its own platform, with the host in lower case', () => {
    const good: [(typeof platforms)[number], string, string][] = [
      ['x', 'https://x.com/SHINEatPPA/status/1861234567890123456', 'https://x.com/SHINEatPPA/status/1861234567890123456'],
      ['x', '  https://Twitter.com/SHINEatPPA/status/1?s=20 ', 'https://twitter.com/SHINEatPPA/status/1?s=20'],
      ['facebook', 'https://www.facebook.com/ColnePrimet/posts/pfbid02abc', 'https://www.facebook.com/ColnePrimet/posts/pfbid02abc'],
      ['instagram', 'https://www.instagram.com/p/C9abcDEF123/', 'https://www.instagram.com/p/C9abcDEF123/'],
      ['linkedin', 'https://www.linkedin.com/feed/update/urn:li:activity:7265432109876543210/', 'https://www.linkedin.com/feed/update/urn:li:activity:7265432109876543210/'],
      ['youtube', 'https://youtu.be/dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ'],
      ['youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ];
    for (const [platform, url, normalised] of good) expect(checkPublishedPostUrl(platform, url), url).toEqual({ ok: true, url: normalised });
  });

  it('refuses look-alikes, other platforms, other schemes and home pages, saying what is wrong', () => {
    const bad: [(typeof platforms)[number], string, RegExp][] = [
      ['x', '', /Paste the address/],
      ['x', 'x.com/SHINEatPPA/status/1', /not a web address/],
      ['x', 'http://x.com/SHINEatPPA/status/1', /must start with https:\/\/ \(it starts with http:\/\/\)/],
      ['x', 'javascript://x.com/%0aalert(1)', /must start with https:\/\//],
      ['x', 'https://x.com.evil.example/a/status/1', /is on x\.com\.evil\.example, not on x\.com or twitter\.com/],
      ['x', 'https://evil.example/x.com/status/1', /is on evil\.example/],
      ['x', 'https://x.com@evil.example/a', /without a user name/],
      ['x', 'https://x.com:8443/a/status/1', /without a user name, a port/],
      ['x', 'https://ｘ.com/a/status/1', /unusual characters/],
      ['x', 'https://x.com\\@evil.example/a', /hidden characters/],
      ['x', 'https://x.com/a b', /spaces/],
      ['facebook', 'https://x.com/a/status/1', /not on facebook\.com/],
      ['instagram', 'https://www.instagram.com/', /home page/],
      ['instagram', 'https://www.instagram.com?x=1', /home page/],
      ['youtube', 'https://youtube.com.evil.example/watch?v=1', /not on youtube\.com or youtu\.be/],
    ];
    for (const [platform, url, problem] of bad) {
      const result = checkPublishedPostUrl(platform, url);
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.problem, url).toMatch(problem);
    }
  });
});
