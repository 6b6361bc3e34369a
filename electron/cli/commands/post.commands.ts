import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MethodInput } from '../../../shared/contract/methods';
import type { PostView } from '../../../shared/contract/views';
import { isVideo, mediaWords, POST_MEDIA_MAX_BYTES, sniffMediaType, type PostMediaType } from '../../../shared/posts/media-types';
import { POLICY } from '../../../shared/posts/prepublication-checklist';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, text, type CommandContext, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';

interface MediaFile {
  name: string;
  mediaType: PostMediaType;
  contentBase64: string;
}

const SUPPORTED = 'A post takes JPEG, PNG, GIF or WebP images and MP4 or QuickTime (.mov) videos';

/** Every value of a flag given more than once (--channel a --channel b). */
function many(ctx: CommandContext, name: string): string[] {
  const value = (ctx.values as Record<string, unknown>)[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function postId(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`ID must be a post's number, such as 12 (got "${(value ?? '').slice(0, 40)}").`);
  }
  return Number(value);
}

/**
 * Reads an image or video named on the command line: at most 50 MB and a type a post takes,
 * told from its first bytes. The path stays here: the contract carries the name and content only.
 */
async function readMediaFile(path: string): Promise<MediaFile> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CommandFailed(`${path} is not a file. Give the image or video to post.`);
    if (info.size === 0) throw new CommandFailed(`${path} is empty. Give the image or video to post.`);
    if (info.size > POST_MEDIA_MAX_BYTES) throw new CommandFailed(`${path} is larger than 50 MB: make the video shorter or the image smaller.`);
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CommandFailed) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') throw new CommandFailed(`There is no file ${path}. Check the path and try again.`);
    throw new CommandFailed(`${path} could not be read: check the path and that you may read it.`);
  }
  const mediaType = sniffMediaType(bytes);
  if (mediaType === null) throw new CommandFailed(`${SUPPORTED}: ${path} is none of these. Save it as one of them and try again.`);
  // The field's schema comes with zod: loaded here, not with the command table.
  const { evidenceName } = await import('../../../shared/contract/fields');
  const name = evidenceName.safeParse(basename(path));
  if (!name.success) throw new CommandFailed(`The file name of ${path} cannot be kept (at most 200 characters, without ".."): rename the file and try again.`);
  return { name: name.data, mediaType, contentBase64: bytes.toString('base64') };
}

function pupilsFlag(ctx: CommandContext, hasMedia: boolean): MethodInput<'post.create'>['pupils'] {
  const value = text(ctx, 'pupils');
  if (value === undefined) {
    if (!hasMedia) return 'none';
    throw new UsageError('Say whether pupils appear in the media: --pupils none, --pupils present, or --pupils ID,ID naming no-publish list entries who appear.');
  }
  if (value === 'none' || value === 'present') return value;
  if (/^\d+(,\d+)*$/.test(value)) return { named: value.split(',').map(Number) };
  throw new UsageError(`--pupils must be none, present, or no-publish list entry ids such as 12,14 (got "${value.slice(0, 40)}").`);
}

function atFlag(ctx: CommandContext): string | undefined {
  const value = text(ctx, 'at');
  if (value === undefined || value === 'now') return value;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!ok) throw new UsageError(`--at must be "now" or a date and time with its zone, such as 2026-11-24T09:00:00Z or 2026-11-24T09:00+00:00 (got "${value.slice(0, 40)}").`);
  return new Date(value).toISOString();
}

/** --title: YouTube's video title, set on each youtube: channel of the post (the only platform with titles). */
function titleVariants(ctx: CommandContext, channels: string[]): { channel: string; title: string }[] {
  const title = text(ctx, 'title');
  if (title === undefined) return [];
  const youtube = channels.filter((channel) => channel.trim().toLowerCase().startsWith('youtube:'));
  if (youtube.length === 0) throw new UsageError('--title is the video title for a YouTube channel: give the channel as --channel youtube:HANDLE.');
  return youtube.map((channel) => ({ channel, title }));
}

function when(post: PostView): string {
  if (post.at === null) return 'with no time set yet';
  if (post.at === 'now') return 'to publish as soon as it is approved';
  return `to publish at ${londonTime(post.at)} (UK time)`;
}

/** What is still in the way, per channel and per checklist item, for people at a terminal. */
function problems(post: PostView): string[] {
  const lines: string[] = [];
  for (const channel of post.channels) for (const problem of channel.check.problems) lines.push(`  ${channel.channel}: ${problem.message}`);
  for (const item of post.checklist.items) if (item.state !== 'ok') lines.push(`  ${item.label}: ${item.message}`);
  return lines;
}

/** A post as `post show` prints it: per channel, the same check (problems and warnings) the desktop shows. */
function showPost(post: PostView): string {
  const lines = [`Post ${post.id}: ${post.status.replace(/-/g, ' ')}, ${when(post)}.`, `By ${post.authorName} (${post.author}). Outcome: ${post.outcome}`];
  for (const channel of post.channels) {
    const target = post.targets.find((t) => t.channel === channel.channel);
    lines.push('', `${channel.channel} (${channel.check.length} of ${channel.check.limit} characters)${target === undefined ? '' : `: ${target.state.replace(/_/g, ' ')}${target.remoteId === null ? '' : `, id ${target.remoteId}`}`}`);
    if (channel.title !== null) lines.push(`  Title: ${channel.title}`);
    lines.push(...channel.text.split('\n').map((line) => `  | ${line}`));
    for (const problem of channel.check.problems) lines.push(`  Does not fit: ${problem.message}`);
    for (const warning of channel.check.warnings) lines.push(`  Warning: ${warning}`);
    if (target?.error !== null && target?.error !== undefined) lines.push(`  ${target.state === 'published' ? 'Published, not public' : 'Why'}: ${target.error}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The tone item's prompt, when the text uses a word worth a second look. */
function tonePrompt(post: PostView): string | null {
  const tone = post.checklist.items.find((i) => i.id === 'tone');
  return tone !== undefined && tone.message.includes('the text uses') ? tone.message : null;
}

export const postCommands: CommandSpec[] = [
  {
    words: ['post', 'create'],
    usage:
      'custodian post create --channel CHANNEL [--channel CHANNEL …] --text TEXT [--outcome TEXT] [--media FILE --alt TEXT] ' +
      '[--public-url URL] [--title TEXT] [--pupils none|present|ID,ID] [--checked] [--at ISO|now]   (prints the new post\'s id; --checked confirms the checklist, without it the post is a draft; ' +
      '--public-url: the same image at a public https address, which Instagram needs, one per --media in order; --title: the video title on youtube:CHANNEL)',
    options: {
      channel: { type: 'string', multiple: true },
      text: { type: 'string' },
      title: { type: 'string' },
      outcome: { type: 'string' },
      media: { type: 'string', multiple: true },
      alt: { type: 'string', multiple: true },
      'public-url': { type: 'string', multiple: true },
      pupils: { type: 'string' },
      checked: { type: 'boolean' },
      at: { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const channels = many(ctx, 'channel');
      if (channels.length === 0) throw new UsageError('--channel is required: the channel to post to (give --channel once per channel).');
      const postText = text(ctx, 'text');
      if (postText === undefined || postText.trim() === '') throw new UsageError('--text is required.');
      const outcome = text(ctx, 'outcome');
      if (outcome === undefined || outcome.trim() === '') {
        throw new UsageError(
          `--outcome is required: the trust's social media policy says "${POLICY.outcomes}" Say what this post is for, such as --outcome "Celebrate Year 6's sports day and thank the parents who came".`,
        );
      }
      const paths = many(ctx, 'media');
      const alts = many(ctx, 'alt');
      const publicUrls = many(ctx, 'public-url');
      if (publicUrls.length > paths.length) throw new UsageError('Give at most one --public-url for each --media, in the same order.');
      const pupils = pupilsFlag(ctx, paths.length > 0);
      const at = atFlag(ctx);
      const checked = flag(ctx, 'checked');
      // The files are read and checked first: a file that cannot be posted changes nothing.
      const files: MediaFile[] = [];
      for (const path of paths) files.push(await readMediaFile(path));
      if (alts.length !== files.length && !(alts.length === 0 && files.every((f) => isVideo(f.mediaType)))) {
        throw new UsageError('Give one --alt for each --media, in the same order: describe what each image shows, for people using screen readers.');
      }
      const variants = titleVariants(ctx, channels);
      const post = await ctx.call('post.create', {
        channels,
        text: postText,
        outcome,
        pupils,
        ...(variants.length === 0 ? {} : { variants }),
        ...(files.length === 0
          ? {}
          : { media: files.map((f, i) => ({ ...f, ...(alts[i] === undefined ? {} : { alt: alts[i] }), ...(publicUrls[i] === undefined ? {} : { publicUrl: publicUrls[i] }) })) }),
        ...(checked
          ? { checklist: { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true, ...(pupils === 'present' ? { noListedPupilIdentifiable: true } : {}) } }
          : {}),
        ...(at === undefined ? {} : { at }),
      });
      // stdout: the new post's id, for scripts; the sentences for people go to stderr.
      ctx.io.stdout(`${post.id}\n`);
      const media = post.media.map((m) => `${m.name} (${mediaWords[m.mediaType]})`).join(', ');
      ctx.io.stderr(`Post ${post.id} to ${post.channels.map((c) => c.channel).join(', ')}${media === '' ? '' : ` with ${media}`}, ${when(post)}.\n`);
      if (post.status === 'draft') {
        ctx.io.stderr(`Saved as a draft: it goes for approval once its author confirms the checklist (--checked). Still to do:\n${problems(post).join('\n')}\n`);
      } else {
        const confirmed = ['the adults shown have consented', 'you have the right to share any material from others and credit it', "you have read the policy's Dos and Don'ts"];
        if (pupils === 'present') confirmed.push('no pupil on the no-publish list can be identified');
        ctx.io.stderr(`You confirmed that ${confirmed.join('; ')}.\nIt is awaiting approval by a second operator: custodian post approve ${post.id}\n`);
      }
      const tone = tonePrompt(post);
      if (tone !== null) ctx.io.stderr(`Tone: ${tone}\n`);
    },
  },
  {
    words: ['post', 'approve'],
    usage: 'custodian post approve ID [--pupils-checked]   (a second operator; --pupils-checked: you checked the media against the no-publish list)',
    positionals: ['ID'],
    options: { 'pupils-checked': { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const id = postId(ctx.positionals[0]);
      let post: PostView;
      try {
        post = await ctx.call('post.approve', {
          id,
          checklist: { confirmed: true, ...(flag(ctx, 'pupils-checked') ? { noListedPupilIdentifiable: true } : {}) },
        });
      } catch (error) {
        if (error instanceof UsageError && /no-publish list/.test(error.message) && !flag(ctx, 'pupils-checked')) {
          throw new UsageError(
            `${error.message}\nCheck the post's media against the school's no-publish list (custodian consent list --school CODE), then run: custodian post approve ${id} --pupils-checked`,
          );
        }
        throw error;
      }
      const targets = post.targets.map((t) => t.channel).join(', ');
      ctx.io.stderr(
        post.status === 'scheduled'
          ? `Approved post ${post.id} (version ${post.version}): scheduled ${when(post)} on ${targets}.\n`
          : `Approved post ${post.id} (version ${post.version}); no time is set, so it is not scheduled yet.\n`,
      );
    },
  },
  {
    words: ['post', 'cancel'],
    usage: 'custodian post cancel ID',
    positionals: ['ID'],
    signIn: true,
    async run(ctx) {
      const post = await ctx.call('post.cancel', { id: postId(ctx.positionals[0]) });
      const started = post.targets.filter((t) => t.state !== 'cancelled');
      ctx.io.stderr(`Cancelled post ${post.id}.\n`);
      if (started.length > 0) {
        ctx.io.stderr(`Already published, or being published, on: ${started.map((t) => `${t.channel} (${t.state})`).join(', ')}. Remove it there if it must go.\n`);
      }
    },
  },
  {
    words: ['post', 'update'],
    usage:
      'custodian post update ID [--text TEXT] [--outcome TEXT] [--channel youtube:HANDLE --title TEXT] [--at ISO|now|none] [--checked]   (an approved post goes back for approval)',
    positionals: ['ID'],
    options: { text: { type: 'string' }, outcome: { type: 'string' }, channel: { type: 'string', multiple: true }, title: { type: 'string' }, at: { type: 'string' }, checked: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const id = postId(ctx.positionals[0]);
      const postText = text(ctx, 'text');
      const outcome = text(ctx, 'outcome');
      const channels = many(ctx, 'channel');
      if (channels.length > 0 && text(ctx, 'title') === undefined) throw new UsageError('--channel goes with --title here: the YouTube channel whose video title changes.');
      const variants = titleVariants(ctx, channels);
      const rawAt = text(ctx, 'at');
      const at = rawAt === 'none' ? null : atFlag(ctx);
      const checked = flag(ctx, 'checked');
      if (postText === undefined && outcome === undefined && variants.length === 0 && rawAt === undefined && !checked) {
        throw new UsageError('Say what changes: --text, --outcome, --title (with --channel youtube:HANDLE), --at, or --checked.');
      }
      const before = (await ctx.call('post.list', {})).find((p) => p.id === id);
      const post = await ctx.call('post.update', {
        id,
        ...(postText === undefined ? {} : { text: postText }),
        ...(outcome === undefined ? {} : { outcome }),
        ...(variants.length === 0 ? {} : { variants }),
        ...(rawAt === undefined ? {} : { at }),
        ...(checked
          ? { checklist: { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true, ...(before?.pupils === 'present' ? { noListedPupilIdentifiable: true } : {}) } }
          : {}),
      });
      ctx.io.stderr(`Updated post ${post.id} (version ${post.version}), ${when(post)}; it is ${post.status.replace(/-/g, ' ')}.\n`);
      if (before?.status === 'scheduled' && post.status !== 'scheduled') ctx.io.stderr(`It was approved before this change, so it needs approval again: custodian post approve ${post.id}\n`);
      if (post.status === 'draft') ctx.io.stderr(`Still to do:\n${problems(post).join('\n')}\n`);
    },
  },
  {
    words: ['post', 'delete'],
    usage: 'custodian post delete ID   (administrators; removes the post and its media files unless another post shares them)',
    positionals: ['ID'],
    signIn: true,
    async run(ctx) {
      const deleted = await ctx.call('post.delete', { id: postId(ctx.positionals[0]) });
      ctx.io.stderr(`Deleted post ${deleted.id}${deleted.filesRemoved === 0 ? '' : ` and ${deleted.filesRemoved} media file${deleted.filesRemoved === 1 ? '' : 's'}`}.\n`);
    },
  },
  {
    words: ['post', 'list'],
    usage: 'custodian post list [--json]   (each: id, status, and per target: channel, state, remote id, error)',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const posts = await ctx.call('post.list', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(posts));
        return;
      }
      if (posts.length === 0) ctx.io.stderr('No posts yet (custodian post create).\n');
      const rows: (string | number | null)[][] = [];
      for (const post of posts) {
        const at = post.at === null ? '-' : post.at === 'now' ? 'on approval' : londonTime(post.at);
        if (post.targets.length === 0) {
          for (const channel of post.channels) rows.push([post.id, post.status, at, channel.channel, '-', '-', channel.check.ok ? '-' : (channel.check.problems[0]?.message ?? '-')]);
        } else {
          for (const target of post.targets) rows.push([post.id, post.status, at, target.channel, target.state, target.remoteId ?? '-', target.error ?? '-']);
        }
      }
      ctx.io.stdout(table(['ID', 'STATUS', 'AT (UK)', 'CHANNEL', 'STATE', 'REMOTE ID', 'ERROR'], rows));
    },
  },
  {
    words: ['post', 'show'],
    usage: 'custodian post show ID [--json]   (one post per channel: its text, what its platform refuses or warns about, and how publishing went)',
    positionals: ['ID'],
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const id = postId(ctx.positionals[0]);
      const post = (await ctx.call('post.list', {})).find((p) => p.id === id);
      if (post === undefined) throw new CommandFailed(`No post ${id} that you can see (custodian post list).`);
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(post));
        return;
      }
      ctx.io.stdout(showPost(post));
    },
  },
  {
    words: ['post', 'retry'],
    usage: 'custodian post retry ID   (its failed and needs-review channels go back to scheduled, due now; published ones are left alone)',
    positionals: ['ID'],
    signIn: true,
    async run(ctx) {
      const post = await ctx.call('post.retry', { id: postId(ctx.positionals[0]) });
      const again = post.targets.filter((t) => t.state === 'scheduled' || t.state === 'remote_created').map((t) => t.channel);
      ctx.io.stderr(`Post ${post.id} is due again on ${again.join(', ')}; the scheduler publishes it on its next pass (custodian scheduler run --once).\n`);
    },
  },
  {
    words: ['post', 'record'],
    usage: 'custodian post record ID --channel CHANNEL --url URL   (a post published by hand: the address of the published post, https on the platform\'s own site)',
    positionals: ['ID'],
    options: { channel: { type: 'string' }, url: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const id = postId(ctx.positionals[0]);
      const channel = text(ctx, 'channel');
      if (channel === undefined || channel.trim() === '') throw new UsageError('--channel is required: the channel it was published on by hand.');
      const url = text(ctx, 'url');
      if (url === undefined || url.trim() === '') throw new UsageError('--url is required: the address of the published post.');
      const post = await ctx.call('post.manualRecord', { id, channel, url });
      const target = post.targets.find((t) => t.remoteId?.toLowerCase() === url.trim().toLowerCase()) ?? post.targets.find((t) => t.state === 'published');
      ctx.io.stderr(`Recorded post ${post.id} as published on ${target?.channel ?? channel}${target?.late === true ? ', late' : ''}: ${target?.remoteId ?? url.trim()}\n`);
    },
  },
];
