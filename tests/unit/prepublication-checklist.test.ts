import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluateChecklist,
  POLICY,
  POLICY_DONTS,
  POLICY_DOS,
  TONE_KEYWORDS,
  TONE_PROMPTS,
  tonePromptsIn,
  type ChecklistInput,
} from '../../shared/posts/prepublication-checklist';

const confirmedAll = { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true };
const base: ChecklistInput = {
  pupils: 'none',
  hasMedia: true,
  texts: ['Well done to Year 6 on a brilliant sports day!'],
  author: confirmedAll,
  authorTraining: { inDate: true, runsOutOn: '2027-09-01' },
  consent: { entries: [{ id: 7, active: true }], addedSinceAuthor: 0 },
};
const states = (input: ChecklistInput) => Object.fromEntries(evaluateChecklist(input).items.map((i) => [i.id, i.state]));

describe('the pre-publication checklist', () => {
  it('lists its items in order, each labelled, and is confirmed when every one is ok', () => {
    const result = evaluateChecklist(base);
    expect(result.items.map((i) => [i.id, i.label])).toEqual([
      ['author-trained', 'The author is trained (in date)'],
      ['pupils', 'Pupils in the images'],
      ['adults-consented', 'Adults shown have consented'],
      ['rights', 'Rights to shared material confirmed and credited'],
      ['dos-and-donts', "The policy's Dos and Don'ts acknowledged"],
      ['tone', 'Tone'],
    ]);
    expect(result.confirmed).toBe(true);
    expect(result.items.every((i) => i.state === 'ok')).toBe(true);
  });

  it('is a draft without the author’s confirmation', () => {
    const result = evaluateChecklist({ ...base, author: null });
    expect(result.confirmed).toBe(false);
    expect(states({ ...base, author: null })).toEqual({
      'author-trained': 'ok',
      pupils: 'ok',
      'adults-consented': 'missing',
      rights: 'missing',
      'dos-and-donts': 'missing',
      tone: 'ok',
    });
  });

  it('needs the author trained in date, quoting the policy', () => {
    const none = evaluateChecklist({ ...base, authorTraining: { inDate: false, runsOutOn: null } });
    expect(none.confirmed).toBe(false);
    expect(none.items[0]).toMatchObject({ state: 'missing', message: expect.stringContaining('no training on record') });
    expect(none.items[0]?.message).toContain(POLICY.training);
    const lapsed = evaluateChecklist({ ...base, authorTraining: { inDate: false, runsOutOn: '2026-09-01' } });
    expect(lapsed.items[0]?.message).toContain('ran out on 2026-09-01');
  });

  it('refuses named listed pupils with the policy’s reason', () => {
    const result = evaluateChecklist({ ...base, pupils: { named: [7] } });
    expect(result.confirmed).toBe(false);
    const pupils = result.items.find((i) => i.id === 'pupils');
    expect(pupils).toMatchObject({ state: 'refused', message: expect.stringContaining('No-publish list entry 7 can be identified') });
    expect(pupils?.message).toContain(POLICY.pupils);
    expect(pupils?.message).toMatch(/Edit the image so they cannot be identified/);
  });

  it('for pupils present, needs the author’s and then the approver’s confirmation', () => {
    expect(states({ ...base, pupils: 'present' }).pupils).toBe('missing');
    const author = { ...confirmedAll, noListedPupilIdentifiable: true };
    expect(states({ ...base, pupils: 'present', author }).pupils).toBe('ok');
    expect(states({ ...base, pupils: 'present', author, approval: {} }).pupils).toBe('missing');
    expect(states({ ...base, pupils: 'present', author, approval: { noListedPupilIdentifiable: false } }).pupils).toBe('missing');
    expect(states({ ...base, pupils: 'present', author, approval: { noListedPupilIdentifiable: true } }).pupils).toBe('ok');
    // The list grew since the author confirmed: the approver is told so.
    const grown = evaluateChecklist({ ...base, pupils: 'present', author, approval: {}, consent: { entries: [], addedSinceAuthor: 2 } });
    expect(grown.items.find((i) => i.id === 'pupils')?.message).toMatch(/2 entries were added to the no-publish list since the author confirmed/);
  });

  it('needs no adults’ consent for a post with no image or video', () => {
    expect(states({ ...base, hasMedia: false, author: { ...confirmedAll, adultsConsented: false } })['adults-consented']).toBe('ok');
    const withMedia = evaluateChecklist({ ...base, author: { ...confirmedAll, adultsConsented: false } });
    expect(withMedia.confirmed).toBe(false);
    expect(withMedia.items.find((i) => i.id === 'adults-consented')?.message).toContain(POLICY.consent);
  });

  it('shows tone words as a prompt, never a refusal', () => {
    const text = 'A confidential update: the complaint about parking has been resolved.';
    const result = evaluateChecklist({ ...base, texts: [text] });
    expect(result.confirmed).toBe(true);
    const tone = result.items.find((i) => i.id === 'tone');
    expect(tone?.state).toBe('ok');
    expect(tone?.message).toMatch(/prompt, not a filter/);
    expect(tone?.message).toContain('"confidential"');
    expect(tonePromptsIn([text]).map((p) => p.word)).toEqual(['confidential', 'complaint']);
    // Whole words only, any case.
    expect(tonePromptsIn(['Privately owned', 'HATE'])).toEqual([{ word: 'hate', dont: POLICY_DONTS[4] }]);
    expect(evaluateChecklist(base).items.at(-1)?.message).toMatch(/professional, engaging, conversational, informative, friendly/);
    expect(TONE_KEYWORDS).toHaveLength(5);
    expect(TONE_PROMPTS.length).toBeLessThanOrEqual(15);
  });

  // The seed policy lives beside the repository; where it is absent there is nothing to compare against.
  const policyPath = fileURLToPath(new URL('../../../shared/policy/social-media-policy.txt', import.meta.url));
  it.runIf(existsSync(policyPath))('quotes the policy verbatim: the Dos, the Don’ts, the tone words and each sentence', () => {
    const words = (text: string) => text.replace(/\s+/g, ' ');
    const policy = words(readFileSync(policyPath, 'utf8'));
    for (const sentence of [...POLICY_DOS, ...POLICY_DONTS, ...Object.values(POLICY)]) expect(policy).toContain(words(sentence));
    for (const word of TONE_KEYWORDS) expect(policy).toContain(`- ${word}`);
  });
});
