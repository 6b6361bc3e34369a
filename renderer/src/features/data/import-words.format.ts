import type { CredentialImportView, RegisterImportView } from '../../../../shared/contract/views';

/** One line of an import preview, the same shape for both kinds of file. */
export interface ImportRow {
  line: number;
  what: string;
  action: 'create' | 'update' | 'replace' | 'skip';
  reason: string;
}

/** What each action means, in the preview (before) and in the result (after). */
export const importActionWords: Record<ImportRow['action'], string> = {
  create: 'Add',
  update: 'Update',
  replace: 'Replace',
  skip: 'Skip',
};

const KIND_WORDS: Record<RegisterImportView['rows'][number]['kind'], string> = {
  channel: 'Channel',
  person: 'Person',
  holder: 'Holder',
};

const ITEM_WORDS: Record<CredentialImportView['entries'][number]['sets'][number]['item'], string> = {
  password: 'password',
  '2fa-key': '2FA key',
  username: 'registration email',
};

/** The core's reasons start in lower case (the CLI prints them in a column); a sentence here, unless it starts with a channel such as x:handle. */
const sentence = (text: string) => (/^[a-z]+:\S/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1));

export function registerRows(view: RegisterImportView): ImportRow[] {
  return view.rows.map((r) => ({ line: r.line, what: `${KIND_WORDS[r.kind]}: ${r.subject}`, action: r.action, reason: sentence(r.detail) }));
}

/** The password manager's entry and the channel it matched; what it sets (never a value) and why. */
export function credentialRows(view: CredentialImportView): ImportRow[] {
  return view.entries.map((e) => {
    const sets = e.sets.map((s) => `${ITEM_WORDS[s.item]} (${s.change === 'create' ? 'new' : 'replaces the stored one'})`).join(', ');
    return {
      line: e.line,
      what: e.channel === null ? e.entry : `${e.entry} → ${e.channel}`,
      action: e.action,
      reason: [sets === '' ? '' : `Sets the ${sets}`, sentence(e.detail)].filter((part) => part !== '').join('. '),
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function registerCounts(view: RegisterImportView): string {
  const [add, update, skip] = view.dryRun ? ['to add', 'to update', 'to skip'] : ['added', 'updated', 'skipped'];
  return `${view.created} ${add}, ${view.updated} ${update}, ${view.skipped} ${skip}`;
}

export function credentialCounts(view: CredentialImportView): string {
  const [set, replace, skip] = view.dryRun ? ['to set', 'to replace', 'to skip'] : ['set', 'replaced', 'skipped'];
  return `${plural(view.created, 'channel', 'channels')} ${set}, ${view.replaced} ${replace}, ${plural(view.skipped, 'entry', 'entries')} ${skip}`;
}

/** The core's refusal of a file, split for a list: its first sentence, then each problem by line. */
export interface ImportProblems {
  summary: string;
  problems: { line: number; text: string }[];
  more: string | null;
}

export function importProblems(message: string): ImportProblems {
  const [first = '', ...rest] = message.split('\n');
  const problems: ImportProblems['problems'] = [];
  let more: string | null = null;
  for (const raw of rest) {
    const text = raw.trim();
    const numbered = /^line (\d+): (.*)$/.exec(text);
    if (numbered !== null) problems.push({ line: Number(numbered[1]), text: numbered[2] ?? '' });
    else if (text !== '') more = text;
  }
  return { summary: first.replace(/:$/, '.'), problems, more };
}
