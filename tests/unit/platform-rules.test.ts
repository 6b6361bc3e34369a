import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { platforms } from '../../shared/domain/enums';
import { mediaContentProblem, sniffMediaType } from '../../shared/posts/media-types';
import { checkVariant, hashtagCount, mentionCount, variantWarnings, type VariantMedia } from '../../shared/posts/platform-rules';

const MB = 1024 * 1024;
const jpeg = (bytes = 200_000, name = 'photo.jpg'): VariantMedia => ({ mediaType: 'image/jpeg', bytes, name });
const png = (bytes = 200_000, name = 'poster.png'): VariantMedia => ({ mediaType: 'image/png', bytes, name });
const gif = (bytes: number, name = 'cheer.gif'): VariantMedia => ({ mediaType: 'image/gif', bytes, name });
const mp4 = (bytes = 20 * MB, name = 'concert.mp4'): VariantMedia => ({ mediaType: 'video/mp4', bytes, name });
const messages = (platform: Parameters<typeof checkVariant>[0], variant: Parameters<typeof checkVariant>[1]) => checkVariant(platform, variant).problems.map((p) => p.message);

describe('X', () => {
  it('allows 280 weighted characters and says so in plain English', () => {
    expect(checkVariant('x', { text: 'a'.repeat(280), media: [] })).toEqual({ ok: true, problems: [], length: 280, limit: 280, warnings: [] });
    expect(checkVariant('x', { text: 'a'.repeat(291), media: [] })).toEqual({
      ok: false,
      problems: [{ field: 'text', message: 'X allows 280 characters; this is 291.' }],
      length: 291,
      limit: 280,
      warnings: [],
    });
    expect(checkVariant('x', { text: '学'.repeat(141), media: [] }).problems[0]?.message).toBe('X allows 280 characters; this is 282.');
  });

  it('takes up to 4 images of up to 5 MB, or one GIF up to 15 MB, or one video', () => {
    expect(checkVariant('x', { text: 'Sports day', media: [jpeg(), png(), jpeg(1000, 'b.jpg'), png(1000, 'c.png')] }).ok).toBe(true);
    expect(messages('x', { text: 'Sports day', media: [jpeg(), png(), jpeg(1, 'b'), png(1, 'c'), jpeg(1, 'd')] })).toEqual(['X takes up to 4 images; this post has 5.']);
    expect(messages('x', { text: 'Sports day', media: [jpeg(6 * MB)] })).toEqual(['X takes images up to 5 MB; photo.jpg is 6.0 MB.']);
    expect(checkVariant('x', { text: 'Sports day', media: [gif(12 * MB)] }).ok).toBe(true);
    expect(messages('x', { text: 'Sports day', media: [gif(16 * MB)] })).toEqual(['X takes GIFs up to 15 MB; cheer.gif is 16 MB.']);
    expect(messages('x', { text: 'Sports day', media: [gif(12 * MB), jpeg()] })).toEqual(['X takes a GIF over 5 MB only on its own (up to 15 MB); this post has 2 files.']);
    expect(checkVariant('x', { text: 'Concert', media: [mp4()] }).ok).toBe(true);
    expect(messages('x', { text: 'Concert', media: [mp4(), jpeg()] })).toEqual(['X takes one video on its own: leave the other files out of the X post.']);
  });

  it('needs text or media, and has no title', () => {
    expect(messages('x', { text: '  ', media: [] })).toEqual(['X needs text or an image.']);
    expect(checkVariant('x', { text: '', media: [jpeg()] }).ok).toBe(true);
    expect(checkVariant('x', { text: 'Hi', title: 'A title', media: [] }).problems).toEqual([{ field: 'title', message: 'X posts have no title; only YouTube videos do.' }]);
  });

  it('warns, without refusing, that a post with a link costs more on X', () => {
    const warning = "A post with a link costs more on X: $0.20 of the trust's X credits instead of $0.015. Leave the link out to pay less.";
    for (const text of ['Tickets at https://pendle.example.org/fair', 'Photos on pendleeducation.org.uk today.', 'See www.pendle.school/news']) {
      expect(variantWarnings('x', { text })).toEqual([warning]);
      expect(checkVariant('x', { text, media: [] })).toMatchObject({ ok: true, warnings: [warning] });
    }
    // Not links: an address in an email, a full stop between words, a hashtag.
    for (const text of ['Well done, Year 6! #sportsday', 'Email office@pendle.sch.uk', 'It ended.Then we went home.']) expect(variantWarnings('x', { text })).toEqual([]);
    // The price is X's: the other platforms post links at no extra cost.
    for (const platform of ['facebook', 'instagram', 'linkedin', 'youtube'] as const) expect(variantWarnings(platform, { text: 'https://pendle.example.org' })).toEqual([]);
  });
});

describe('Instagram', () => {
  it('needs an image: it has no text-only posts', () => {
    expect(checkVariant('instagram', { text: 'Hello', media: [] }).problems).toEqual([{ field: 'media', message: 'Instagram needs an image: it has no text-only posts.' }]);
  });

  it('takes JPEG only, under 8 MiB, up to 10', () => {
    expect(checkVariant('instagram', { text: 'Hello', media: [jpeg()] }).ok).toBe(true);
    expect(messages('instagram', { text: 'Hello', media: [png()] })).toEqual(['Instagram takes JPEG images only; poster.png is a PNG image.']);
    expect(messages('instagram', { text: 'Hello', media: [jpeg(8 * MB)] })).toEqual(['Instagram takes images under 8 MB; photo.jpg is 8.0 MB.']);
    expect(checkVariant('instagram', { text: 'Hello', media: [jpeg(8 * MB - 1)] }).ok).toBe(true);
    expect(messages('instagram', { text: 'Hello', media: [mp4()] })).toEqual(['Instagram takes JPEG images only; concert.mp4 is an MP4 video.']);
    const eleven = Array.from({ length: 11 }, (_, i) => jpeg(1000, `p${i}.jpg`));
    expect(messages('instagram', { text: 'Hello', media: eleven })).toEqual(['Instagram takes up to 10 images in one post; this post has 11.']);
  });

  it('allows a caption of 2,200 characters, 30 hashtags and 20 mentions', () => {
    expect(checkVariant('instagram', { text: 'a'.repeat(2200), media: [jpeg()] })).toMatchObject({ ok: true, length: 2200, limit: 2200 });
    expect(messages('instagram', { text: 'a'.repeat(2201), media: [jpeg()] })).toEqual(['Instagram allows 2,200 characters; this is 2,201.']);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
    expect(checkVariant('instagram', { text: tags(30), media: [jpeg()] }).ok).toBe(true);
    expect(messages('instagram', { text: tags(31), media: [jpeg()] })).toEqual(['Instagram allows 30 hashtags; this has 31.']);
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@friend${i}`).join(' ');
    expect(checkVariant('instagram', { text: mentions(20), media: [jpeg()] }).ok).toBe(true);
    expect(messages('instagram', { text: mentions(21), media: [jpeg()] })).toEqual(['Instagram allows 20 mentions; this has 21.']);
  });

  it('counts hashtags and mentions as words, not emails, numbers or entities', () => {
    expect(hashtagCount('#SportsDay2026 #1 a#b &#39; #Año')).toBe(2);
    expect(mentionCount('@pendleprimaryacademy head@pet.example (@Year6)')).toBe(2);
  });
});

describe('LinkedIn, Facebook and YouTube', () => {
  it('LinkedIn allows 3,000 characters and one image, not video', () => {
    expect(checkVariant('linkedin', { text: 'a'.repeat(3000), media: [] })).toMatchObject({ ok: true, limit: 3000 });
    expect(messages('linkedin', { text: 'a'.repeat(3001), media: [] })).toEqual(['LinkedIn allows 3,000 characters; this is 3,001.']);
    expect(messages('linkedin', { text: 'News', media: [jpeg(), png()] })).toEqual(['Custodian publishes one image to LinkedIn; this post has 2.']);
    expect(messages('linkedin', { text: 'News', media: [mp4()] })).toEqual(['Custodian publishes images, not video, to LinkedIn; leave concert.mp4 out of the LinkedIn post.']);
    expect(messages('linkedin', { text: '', media: [] })).toEqual(['LinkedIn needs text or an image.']);
  });

  it('Facebook takes text or an image, up to 63,206 characters', () => {
    expect(checkVariant('facebook', { text: 'Open evening on Thursday', media: [] }).ok).toBe(true);
    expect(checkVariant('facebook', { text: '', media: [png()] }).ok).toBe(true);
    expect(messages('facebook', { text: '', media: [] })).toEqual(['Facebook needs text or an image.']);
    expect(messages('facebook', { text: 'a'.repeat(63_207), media: [] })).toEqual(['Facebook allows 63,206 characters; this is 63,207.']);
    expect(messages('facebook', { text: 'Hi', media: [png(11 * MB)] })).toEqual(['Facebook takes images under 10 MB; poster.png is 11 MB.']);
    // "Under 10 MB": 10 MB itself is refused, a byte less is taken.
    expect(messages('facebook', { text: 'Hi', media: [jpeg(10 * MB, 'hall.jpg')] })).toEqual(['Facebook takes images under 10 MB; hall.jpg is 10 MB.']);
    expect(checkVariant('facebook', { text: 'Hi', media: [jpeg(10 * MB - 1)] }).ok).toBe(true);
  });

  it('YouTube needs one video and a title of 1 to 100 characters; the text is the description (5,000)', () => {
    expect(checkVariant('youtube', { text: 'Our summer concert', title: 'Summer concert 2026', media: [mp4()] })).toMatchObject({ ok: true, limit: 5000 });
    expect(messages('youtube', { text: 'Our summer concert', title: 'Summer concert', media: [] })).toEqual(['YouTube needs a video: this post has none.']);
    expect(messages('youtube', { text: 'Concert', media: [mp4()] })).toEqual(['YouTube needs a title (1 to 100 characters).']);
    expect(messages('youtube', { text: 'Concert', title: 't'.repeat(101), media: [mp4()] })).toEqual(['YouTube allows 100 characters in a title; this is 101.']);
    expect(checkVariant('youtube', { text: 'Concert', title: 't'.repeat(100), media: [mp4()] }).ok).toBe(true);
    expect(messages('youtube', { text: 'd'.repeat(5001), title: 'T', media: [mp4()] })).toEqual(['YouTube allows 5,000 characters in a description; this is 5,001.']);
    expect(messages('youtube', { text: 'Concert', title: 'T', media: [mp4(), jpeg()] })).toEqual(['YouTube takes the video only: leave the images out of the YouTube post.']);
    expect(messages('youtube', { text: 'Concert', title: 'A <b>', media: [mp4()] })).toEqual(['YouTube does not allow < or > in a title.']);
  });

  it('every platform reports ok exactly when it lists no problem, with the length it counted (property)', () => {
    const media = fc.array(
      fc.record({ mediaType: fc.constantFrom('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime' as const), bytes: fc.integer({ min: 1, max: 40 * MB }) }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...platforms), fc.string({ maxLength: 400 }), fc.option(fc.string({ maxLength: 120 })), media, (platform, text, title, files) => {
        const check = checkVariant(platform, { text, title, media: files });
        expect(check.ok).toBe(check.problems.length === 0);
        expect(check.length).toBeGreaterThanOrEqual(0);
        for (const problem of check.problems) expect(problem.message).toMatch(/^[A-Z].*\.$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('media types from the bytes', () => {
  it('tells JPEG, PNG, GIF, WebP, MP4 and QuickTime apart, and anything else from them', () => {
    expect(sniffMediaType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(sniffMediaType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffMediaType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(new TextEncoder().encode('\0\0\0\x18ftypisom\0\0'))).toBe('video/mp4');
    expect(sniffMediaType(new TextEncoder().encode('\0\0\0\x14ftypqt  \0\0'))).toBe('video/quicktime');
    expect(sniffMediaType(new TextEncoder().encode('<html>'))).toBeNull();
    expect(mediaContentProblem(new TextEncoder().encode('<html></html>'), 'image/jpeg')).toBe('is not a JPEG image, as its type says');
    expect(mediaContentProblem(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/jpeg')).toBe('is a PNG image, not a JPEG image as its type says');
  });
});
