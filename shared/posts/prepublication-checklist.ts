import { policySentences } from '../compliance/policy-sentences';

/**
 * The pre-publication checklist: what must be true before a post goes to a second operator for
 * approval, and again when they approve it (the registers may have changed in between). Each
 * item quotes the policy sentence it stands for. Pure: the core gathers the author's training,
 * the consent register and what was confirmed, and this says what is still missing.
 */

/** The policy's sentences, verbatim (a unit test checks each is still in the policy). */
export const POLICY = {
  outcomes: 'The official use of social media channels only takes place with clear educational or community engagement objectives, with specific intended outcomes.',
  consent: 'Ensure that they have appropriate consent (from adults as well as pupils) before sharing images on the official social media channels.',
  pupils:
    'Where parental consent is not obtained, or parental consent is refused, schools must ensure that images of these children are not published on social media, or images with these children are included are appropriately edited to ensure these children are not identifiable.',
  pupilList:
    'Pupils should be appropriately dressed, not be subject to ridicule and must not be on any school list of children whose images must not be published for safeguarding or parental consent reasons.',
  notFilmed: 'If anyone, for any reason, asks not to be filmed or photographed then their wishes should be respected.',
  copyright:
    'Users of social media should consider the copyright of the content they are sharing and, where necessary, should seek permission from the copyright holder before sharing.',
  training: policySentences.training,
  tone: 'The tone of content published on social media should be appropriate to the audience, whilst retaining appropriate levels of professional standards.',
} as const;

/** The Dos, verbatim. */
export const POLICY_DOS = [
  'Do be respectful to all parties.',
  "Do ensure you have permission to 'share' other peoples' materials and acknowledge the author.",
  'Do think before responding to comments and, when in doubt, get a second opinion.',
  'Do seek advice from a line manager or account administrator if you have any concerns about content that has been posted.',
  'Do consider the appropriateness of content for any audience of school accounts',
] as const;

/** The Don'ts, verbatim. */
export const POLICY_DONTS = [
  "Don't make comments, post content or link to materials that could bring the school or PET into disrepute.",
  "Don't publish confidential or commercially sensitive material.",
  "Don't breach copyright, data protection or other relevant legislation.",
  "Don't link to, embed or add potentially inappropriate or harmful content.",
  "Don't post derogatory, defamatory, offensive, harassing or discriminatory content.",
] as const;

/** The policy's key words for tone ("Key words to consider when composing messages are: …"). */
export const TONE_KEYWORDS = ['Professional', 'Engaging', 'Conversational', 'Informative', 'Friendly'] as const;

/**
 * Words worth a second look, each with the Don't it brings to mind. A prompt, not a filter:
 * they are shown to the author and the approver, and never stop a post (a school may well
 * write "our confidential reporting line" or "the police visited Year 2").
 */
export const TONE_PROMPTS: readonly { word: string; dont: (typeof POLICY_DONTS)[number] }[] = [
  { word: 'confidential', dont: POLICY_DONTS[1] },
  { word: 'private', dont: POLICY_DONTS[1] },
  { word: 'sensitive', dont: POLICY_DONTS[1] },
  { word: 'disciplinary', dont: POLICY_DONTS[1] },
  { word: 'excluded', dont: POLICY_DONTS[1] },
  { word: 'complaint', dont: POLICY_DONTS[0] },
  { word: 'disgrace', dont: POLICY_DONTS[0] },
  { word: 'blame', dont: POLICY_DONTS[0] },
  { word: 'stupid', dont: POLICY_DONTS[4] },
  { word: 'idiot', dont: POLICY_DONTS[4] },
  { word: 'useless', dont: POLICY_DONTS[4] },
  { word: 'pathetic', dont: POLICY_DONTS[4] },
  { word: 'hate', dont: POLICY_DONTS[4] },
];

export type PupilsDeclaration = 'none' | 'present' | { named: readonly number[] };

/** What the author confirmed when submitting the post (absent: a draft). */
export interface AuthorConfirmation {
  adultsConsented: boolean;
  rightsConfirmed: boolean;
  dosAndDontsAcknowledged: boolean;
  /** Needed when pupils are present: no pupil on the no-publish list can be identified. */
  noListedPupilIdentifiable?: boolean;
}

export interface ChecklistInput {
  pupils: PupilsDeclaration;
  /** Whether the post has an image or a video. */
  hasMedia: boolean;
  /** Every text of the post (common text, channel variants, titles): for the tone prompt. */
  texts: readonly string[];
  author: AuthorConfirmation | null;
  /** The author's training on the day of the check. runsOutOn: the day it ends (null: none recorded). */
  authorTraining: { inDate: boolean; runsOutOn: string | null };
  /**
   * The no-publish list of the schools the post goes to: entries named in the declaration are
   * looked up here; addedSinceAuthor counts entries added after the author confirmed.
   */
  consent: { entries: readonly { id: number; active: boolean }[]; addedSinceAuthor: number };
  /** At approval: what the approver confirmed. Absent: the check is the author's submission. */
  approval?: { noListedPupilIdentifiable?: boolean };
}

export type ChecklistItemId = 'author-trained' | 'pupils' | 'adults-consented' | 'rights' | 'dos-and-donts' | 'tone';
export type ChecklistState = 'ok' | 'missing' | 'refused';

export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  state: ChecklistState;
  message: string;
}

export interface ChecklistResult {
  /** Every item is ok: the post may go for approval (or, with `approval`, be approved). */
  confirmed: boolean;
  items: ChecklistItem[];
}

export const CHECKLIST_LABELS: Record<ChecklistItemId, string> = {
  'author-trained': 'The author is trained (in date)',
  pupils: 'Pupils in the images',
  'adults-consented': 'Adults shown have consented',
  rights: 'Rights to shared material confirmed and credited',
  'dos-and-donts': "The policy's Dos and Don'ts acknowledged",
  tone: 'Tone',
};

const item = (id: ChecklistItemId, state: ChecklistState, message: string): ChecklistItem => ({ id, label: CHECKLIST_LABELS[id], state, message });

function trainedItem(training: ChecklistInput['authorTraining']): ChecklistItem {
  if (training.inDate) return item('author-trained', 'ok', `The author's training is in date (it runs out on ${training.runsOutOn ?? 'a later date'}).`);
  const why =
    training.runsOutOn === null
      ? 'The author has no training on record.'
      : `The author's training ran out on ${training.runsOutOn}.`;
  return item('author-trained', 'missing', `${why} The policy: "${POLICY.training}" An account administrator records training; a draft may be saved meanwhile.`);
}

function pupilsItem(input: ChecklistInput): ChecklistItem {
  const { pupils } = input;
  if (typeof pupils === 'object') {
    const known = new Set(input.consent.entries.map((e) => e.id));
    const named = pupils.named.filter((id) => known.has(id));
    const which = named.length === 0 ? 'Pupils on the no-publish list' : `No-publish list ${named.length === 1 ? 'entry' : 'entries'} ${named.join(', ')}`;
    return item(
      'pupils',
      'refused',
      `${which} can be identified in the media, so it cannot be published. The policy: "${POLICY.pupils}" Edit the image so they cannot be identified, then declare the pupils present.`,
    );
  }
  if (pupils === 'none') {
    return item('pupils', 'ok', input.hasMedia ? 'The author declared that no pupils appear in the media.' : 'The post has no image or video.');
  }
  const changed =
    input.consent.addedSinceAuthor > 0
      ? ` ${input.consent.addedSinceAuthor === 1 ? 'An entry was' : `${input.consent.addedSinceAuthor} entries were`} added to the no-publish list since the author confirmed: check the media against the list as it is now.`
      : '';
  if (input.author?.noListedPupilIdentifiable !== true) {
    return item('pupils', 'missing', `Pupils appear: the author must confirm that no pupil on the school's no-publish list can be identified. The policy: "${POLICY.pupilList}"`);
  }
  if (input.approval !== undefined && input.approval.noListedPupilIdentifiable !== true) {
    return item('pupils', 'missing', `Pupils appear: the approver must also confirm, against the school's no-publish list, that no listed pupil can be identified.${changed}`);
  }
  return item(
    'pupils',
    'ok',
    input.approval === undefined
      ? `Pupils appear; the author confirmed that no listed pupil can be identified. The approver confirms it again.${changed}`
      : 'Pupils appear; the author and the approver each confirmed that no listed pupil can be identified.',
  );
}

function confirmedItem(id: 'adults-consented' | 'rights' | 'dos-and-donts', given: boolean | undefined, ok: string, missing: string): ChecklistItem {
  return given === true ? item(id, 'ok', ok) : item(id, 'missing', missing);
}

/** The tone words of the policy, and any of the prompt words the texts use (whole words, any case). */
export function tonePromptsIn(texts: readonly string[]): { word: string; dont: string }[] {
  const words = new Set(
    texts
      .join('\n')
      .normalize('NFC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u),
  );
  return TONE_PROMPTS.filter((prompt) => words.has(prompt.word));
}

function toneItem(texts: readonly string[]): ChecklistItem {
  const found = tonePromptsIn(texts);
  const aim = `Aim for the policy's key words: ${TONE_KEYWORDS.join(', ').toLowerCase()}.`;
  if (found.length === 0) return item('tone', 'ok', `${aim} This is a prompt, not a filter.`);
  const uses = found.map((f) => `"${f.word}" (${f.dont})`).join('; ');
  return item('tone', 'ok', `${aim} A prompt, not a filter: the text uses ${uses}. Read it again with that in mind.`);
}

/** Evaluates the checklist for a post: at submission (author) or at approval (with `approval`). */
export function evaluateChecklist(input: ChecklistInput): ChecklistResult {
  const media = input.hasMedia;
  const items: ChecklistItem[] = [
    trainedItem(input.authorTraining),
    pupilsItem(input),
    media
      ? confirmedItem(
          'adults-consented',
          input.author?.adultsConsented,
          'The author confirmed that the adults shown have consented.',
          `Confirm that every adult shown has consented. The policy: "${POLICY.consent}" ${POLICY.notFilmed}`,
        )
      : item('adults-consented', 'ok', 'The post has no image or video.'),
    confirmedItem(
      'rights',
      input.author?.rightsConfirmed,
      'The author confirmed the right to share any material from others, and that its author is credited.',
      `Confirm the right to share any material from others, and that its author is credited. The policy: "${POLICY_DOS[1]}"`,
    ),
    confirmedItem(
      'dos-and-donts',
      input.author?.dosAndDontsAcknowledged,
      "The author acknowledged the policy's Dos and Don'ts.",
      `Read the policy's Dos and Don'ts and acknowledge them: ${POLICY_DONTS.join(' ')}`,
    ),
    toneItem(input.texts),
  ];
  return { confirmed: items.every((i) => i.state === 'ok'), items };
}
