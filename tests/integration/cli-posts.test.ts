import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

type Post = {
  id: number;
  status: string;
  author: string;
  outcome: string;
  version: number;
  at: string | null;
  pupils: unknown;
  channels: { channel: string; text: string; check: { ok: boolean; problems: { message: string }[] } }[];
  media: { name: string; mediaType: string; alt: string | null; sha256: string; publicUrl: string | null }[];
  checklist: { confirmed: boolean };
  approvedBy: string | null;
  targets: { channel: string; state: string; remoteId: string | null; error: string | null }[];
};

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The post commands of the scheduler issue, through the built binary, on the real clock. */
describe('custodian post', () => {
  const dir = tempDir('custodian-cli-posts-');
  const files = tempDir('custodian-cli-media-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const sam = { ...admin, CUSTODIAN_OPERATOR: 'sam@ppa.example', CUSTODIAN_PASSPHRASE: 'sam poster passphrase' };
  const kim = { ...admin, CUSTODIAN_OPERATOR: 'kim@cpa.example', CUSTODIAN_PASSPHRASE: 'kim poster passphrase' };
  const as = (env: NodeJS.ProcessEnv, args: string[]) => custodian(args, { env });
  const posts = () => JSON.parse(as(admin, ['post', 'list', '--json']).stdout) as Post[];
  const byId = (id: number) => posts().find((p) => p.id === id);
  const OUTCOME = ['--outcome', 'Celebrate sports day and thank the parents who came'];
  const photo = join(files.path, 'sports day.jpg');
  const notes = join(files.path, 'notes.docx');
  const tomorrow = new Date(Date.now() + DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(as(admin, ['example', 'load']).code).toBe(0);
    for (const [person, school, passphrase] of [
      ['sam@ppa.example', 'PPA', sam.CUSTODIAN_PASSPHRASE],
      ['kim@cpa.example', 'CPA', kim.CUSTODIAN_PASSPHRASE],
    ] as const) {
      const add = custodian(['person', 'add', '--name', person.split('@')[0] as string, '--email', person, '--role', 'staff', '--school', school, '--operator', 'poster'], {
        env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: passphrase },
      });
      expect(add.code, add.stderr).toBe(0);
      chooseOwnPassphrase(admin, person, passphrase);
      const trained = as(admin, ['training', 'record', person, '--on', isoDay(Date.now() - 30 * DAY)]);
      expect(trained.code, trained.stderr).toBe(0);
    }
    writeFileSync(photo, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]));
    writeFileSync(notes, Buffer.from('PK\u0003\u0004 not a photo'));
  });
  afterAll(() => {
    dir.remove();
    files.remove();
  });

  it('creates a draft without --checked (printing its id), and a post for approval with it', () => {
    const draft = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--channel', 'facebook:Colne Primet Academy', '--text', 'Sports day is on Friday!', ...OUTCOME]);
    expect(draft.code, draft.stderr).toBe(0);
    expect(draft.stdout).toMatch(/^\d+\n$/);
    expect(draft.stderr).toMatch(/Saved as a draft/);
    const draftId = Number(draft.stdout.trim());
    expect(byId(draftId)).toMatchObject({ status: 'draft', author: 'sam@ppa.example', checklist: { confirmed: false }, channels: [{ channel: 'x:@SHINEatPPA' }, { channel: 'facebook:Colne Primet Academy' }] });

    const checked = as(sam, ['post', 'create', '--channel', 'instagram:@pendleprimaryacademy', '--text', 'What a sports day!', ...OUTCOME, '--media', photo, '--alt', 'The relay race on the school field', '--public-url', 'https://www.ppa.example.org.uk/news/sports-day.jpg', '--pupils', 'none', '--checked', '--at', tomorrow]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^\d+\n$/);
    expect(checked.stderr).toMatch(/awaiting approval by a second operator: custodian post approve \d+/);
    const post = byId(Number(checked.stdout.trim()));
    expect(post).toMatchObject({
      status: 'awaiting-approval',
      at: new Date(tomorrow).toISOString(),
      pupils: 'none',
      media: [{ name: 'sports day.jpg', mediaType: 'image/jpeg', alt: 'The relay race on the school field', publicUrl: 'https://www.ppa.example.org.uk/news/sports-day.jpg' }],
      checklist: { confirmed: true },
    });
  });

  it('is approved by a second operator, which schedules its targets; list --json and the table show them', () => {
    const create = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--channel', 'x:@pendleeducation', '--text', 'Open evening next week: all welcome.', ...OUTCOME, '--checked', '--at', tomorrow]);
    expect(create.code, create.stderr).toBe(0);
    const id = create.stdout.trim();
    const own = as(sam, ['post', 'approve', id]);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/second operator \(not its author\)/);
    const approve = as(kim, ['post', 'approve', id]);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stderr).toMatch(/Approved post \d+ \(version 1\): scheduled to publish at .* on x:@SHINEatPPA, x:@pendleeducation/);
    const post = byId(Number(id));
    expect(post).toMatchObject({ status: 'scheduled', approvedBy: 'kim@cpa.example' });
    expect(post?.targets).toEqual([
      expect.objectContaining({ channel: 'x:@SHINEatPPA', state: 'scheduled', remoteId: null, error: null }),
      expect.objectContaining({ channel: 'x:@pendleeducation', state: 'scheduled', remoteId: null, error: null }),
    ]);
    const listed = as(admin, ['post', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ID\s+STATUS\s+AT \(UK\)\s+CHANNEL\s+STATE\s+REMOTE ID\s+ERROR/);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+scheduled\\s+.*x:@pendleeducation\\s+scheduled`));
    expect(as(kim, ['post', 'approve', id]).code).toBe(1);

    const cancel = as(sam, ['post', 'cancel', id]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(byId(Number(id))?.targets.map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('takes a YouTube title with --title, edits a post with post update (approval needed again), and deletes it', () => {
    const video = join(files.path, 'concert.mp4');
    writeFileSync(video, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(2048, 3)]));
    const noYouTube = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--text', 'Concert tonight', ...OUTCOME, '--title', 'Concert']);
    expect(noYouTube.code).toBe(2);
    expect(noYouTube.stderr).toMatch(/--title is the video title for a YouTube channel/);
    const created = as(sam, ['post', 'create', '--channel', 'youtube:@PendlePrimaryAcademy', '--text', 'Our winter concert, with thanks to every family.', ...OUTCOME, '--media', video, '--pupils', 'none', '--title', 'Winter concert 2026', '--checked', '--at', tomorrow]);
    expect(created.code, created.stderr).toBe(0);
    const id = Number(created.stdout.trim());
    expect(byId(id)).toMatchObject({ status: 'awaiting-approval', channels: [{ channel: 'youtube:@PendlePrimaryAcademy', title: 'Winter concert 2026' }] });
    expect(as(kim, ['post', 'approve', String(id)]).code).toBe(0);
    expect(byId(id)?.status).toBe('scheduled');

    const nothing = as(sam, ['post', 'update', String(id)]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Say what changes/);
    const retitled = as(sam, ['post', 'update', String(id), '--channel', 'youtube:@PendlePrimaryAcademy', '--title', 'Winter concert 2026 (full)', '--checked']);
    expect(retitled.code, retitled.stderr).toBe(0);
    expect(retitled.stderr).toMatch(/needs approval again: custodian post approve/);
    expect(byId(id)).toMatchObject({ status: 'awaiting-approval', version: 2, channels: [{ title: 'Winter concert 2026 (full)' }] });
    const tooLong = as(sam, ['post', 'update', String(id), '--channel', 'youtube:@PendlePrimaryAcademy', '--title', 'x'.repeat(101)]);
    expect(tooLong.code).not.toBe(0);
    expect(byId(id)?.version).toBe(2);

    expect(as(sam, ['post', 'delete', String(id)]).code).toBe(1);
    const notCancelled = as(admin, ['post', 'delete', String(id)]);
    expect(notCancelled.code).toBe(1);
    expect(notCancelled.stderr).toMatch(/only drafts and cancelled posts are deleted/);
    expect(as(sam, ['post', 'cancel', String(id)]).code).toBe(0);
    const deleted = as(admin, ['post', 'delete', String(id)]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toMatch(new RegExp(`Deleted post ${id} and 1 media file`));
    expect(byId(id)).toBeUndefined();
  });

  it('post show prints each channel with its text and the warning that a link costs more on X, as the desktop does', () => {
    const create = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--channel', 'facebook:Colne Primet Academy', '--text', 'Tickets for the fair: https://ppa.example.org/fair', ...OUTCOME]);
    expect(create.code, create.stderr).toBe(0);
    const id = create.stdout.trim();
    const shown = as(sam, ['post', 'show', id]);
    expect(shown.code, shown.stderr).toBe(0);
    const warning = "Warning: A post with a link costs more on X: $0.20 of the trust's X credits instead of $0.015. Leave the link out to pay less.";
    // Under the X channel, and only there: Facebook posts links at no extra cost.
    const [, xPart, facebookPart] = shown.stdout.split(/\n(?=x:@SHINEatPPA|facebook:Colne Primet Academy)/);
    expect(xPart).toContain('  | Tickets for the fair: https://ppa.example.org/fair');
    expect(xPart).toContain(`  ${warning}`);
    expect(facebookPart).toMatch(/^facebook:Colne Primet Academy/);
    expect(facebookPart).not.toContain('Warning:');
    expect(shown.stdout).toMatch(new RegExp(`^Post ${id}: draft, with no time set yet\\.`));
    const asJson = JSON.parse(as(sam, ['post', 'show', id, '--json']).stdout) as { channels: { check: { warnings: string[] } }[] };
    expect(asJson.channels.map((c) => c.check.warnings.length)).toEqual([1, 0]);
    const none = as(sam, ['post', 'show', '99999']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No post 99999 that you can see/);
  });

  it('refuses a post without --outcome, naming the policy, and writes nothing', () => {
    const before = posts().length;
    const missing = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--text', 'Sports day!']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/--outcome is required: the trust's social media policy says "The official use of social media channels only takes place with clear educational or community engagement objectives, with specific intended outcomes\."/);
    expect(posts()).toHaveLength(before);
  });

  it('refuses bad flags and content before anything is written', () => {
    const before = posts().length;
    const run = (args: string[]) => as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--text', 'Sports day!', ...OUTCOME, ...args]);
    expect(run(['--media', photo]).stderr).toMatch(/Say whether pupils appear/);
    expect(run(['--media', photo, '--pupils', 'none']).code).toBe(2); // no --alt
    expect(run(['--pupils', 'some']).code).toBe(2);
    expect(run(['--at', 'tomorrow']).code).toBe(2);
    const docx = run(['--media', notes, '--alt', 'x', '--pupils', 'none']);
    expect(docx.code).toBe(1);
    expect(docx.stderr).toMatch(/A post takes JPEG, PNG, GIF or WebP images/);
    const long = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--text', 'a'.repeat(300), ...OUTCOME, '--checked']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/x:@SHINEatPPA \(X\): X allows 280 characters; this is 300\./);
    expect(as(sam, ['post', 'create', '--text', 'x', ...OUTCOME]).code).toBe(2);
    expect(as(sam, ['post', 'approve', 'twelve']).code).toBe(2);
    expect(as(sam, ['post', 'cancel', '99999']).code).toBe(1);
    expect(posts()).toHaveLength(before);
  });

  it('for pupils present, needs an administrator approving with --pupils-checked', () => {
    const create = as(sam, ['post', 'create', '--channel', 'x:@SHINEatPPA', '--text', 'Year 2 at the farm', ...OUTCOME, '--media', photo, '--alt', 'Pupils feeding lambs', '--pupils', 'present', '--checked']);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toMatch(/no pupil on the no-publish list can be identified/);
    const id = create.stdout.trim();
    const poster = as(kim, ['post', 'approve', id]);
    expect(poster.code).toBe(1);
    expect(poster.stderr).toMatch(/approved by an administrator/);
    const unchecked = as(admin, ['post', 'approve', id]);
    expect(unchecked.code).toBe(2);
    expect(unchecked.stderr).toMatch(/custodian post approve \d+ --pupils-checked/);
    const ok = as(admin, ['post', 'approve', id, '--pupils-checked']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/no time is set/);
    expect(byId(Number(id))).toMatchObject({ status: 'approved', approvedBy: 'head@pet.example', targets: [] });
  });
});
