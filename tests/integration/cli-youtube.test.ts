import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import type { FakeHandle } from '../fakes/fake-server';
import { YouTubeFake } from '../fakes/youtube.fake';
import { chooseOwnPassphrase, custodianAsync as custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const TOKEN = 'ya29.cli-youtube-4a39281706f5e4d3c2b1a0-secret';
const CLIENT_SECRET = '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ret';
const YT = 'youtube:@PendlePrimaryAcademy';
const CHANNEL_ID = 'UCppa00000000000000000000';

describe('YouTube from the command line: the client secret, and an upload YouTube locked private', () => {
  const dir = tempDir('custodian-cli-youtube-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const sam = { ...admin, CUSTODIAN_OPERATOR: 'sam@ppa.example', CUSTODIAN_PASSPHRASE: 'sam poster passphrase' };
  const publisher = { CUSTODIAN_DATA_DIR: dir.path };
  const fake = new YouTubeFake(CHANNEL_ID, TOKEN);
  let server: FakeHandle;
  const outputs: string[] = [];
  const run = async (env: NodeJS.ProcessEnv, args: string[], input?: string) => {
    const result = await custodian(args, env, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    server = await fake.start();
    const init = await run({ CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE }, ['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example']);
    expect(init.code, init.stderr).toBe(0);
    expect((await run(admin, ['example', 'load'])).code).toBe(0);
    const add = await run({ ...admin, CUSTODIAN_NEW_PASSPHRASE: sam.CUSTODIAN_PASSPHRASE }, ['person', 'add', '--name', 'Sam', '--email', 'sam@ppa.example', '--role', 'staff', '--school', 'PPA', '--operator', 'poster']);
    expect(add.code, add.stderr).toBe(0);
    chooseOwnPassphrase(admin, 'sam@ppa.example', sam.CUSTODIAN_PASSPHRASE);
    const trained = await run(admin, ['training', 'record', 'sam@ppa.example', '--on', new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)]);
    expect(trained.code, trained.stderr).toBe(0);
    expect((await run(admin, ['scheduler', 'enrol'])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server.close();
    const db = databasePath(dir.path);
    for (const file of [db, `${db}-wal`].filter((f) => existsSync(f))) {
      for (const secret of [TOKEN, CLIENT_SECRET]) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    }
    for (const secret of [TOKEN, CLIENT_SECRET]) expect(outputs.join('\n')).not.toContain(secret);
    expect(fake.problems).toEqual([]);
    dir.remove();
  });

  it('platform app youtube needs the client secret: without it, it says why and how to give it', async () => {
    const refused = await run(admin, ['platform', 'app', 'youtube', '--client-id', '123456789012-desktop.apps.googleusercontent.com']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Google's token endpoint refuses a sign-in without the OAuth client's secret, even for a Desktop app/);
    expect(refused.stderr).toMatch(/Give it with --client-secret-stdin/);
    expect((await run(admin, ['platform', 'apps'])).stderr).toMatch(/No platform app is saved yet/);
    const saved = await run(admin, ['platform', 'app', 'youtube', '--client-id', '123456789012-desktop.apps.googleusercontent.com', '--client-secret-stdin'], `${CLIENT_SECRET}\n`);
    expect(saved.code, saved.stderr).toBe(0);
    expect((await run(admin, ['platform', 'apps'])).stdout).toMatch(/youtube\s+yes/);
  }, 60_000);

  it('an upload from an unaudited Google project: scheduler run and post list say published but private, what to do, and show no link', async () => {
    fake.projectAudited = false;
    const connected = await run(admin, ['channel', 'connect', YT, '--token-stdin', '--account-id', CHANNEL_ID, '--api-base', server.base], `${TOKEN}\n`);
    expect(connected.code, connected.stderr).toBe(0);
    const video = join(dir.path, 'concert.mp4');
    writeFileSync(video, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(20_000, 3)]));
    const created = await run(sam, [
      'post', 'create', '--channel', YT, '--text', 'Our winter concert, with thanks to every family.', '--outcome', 'Share the winter concert with families who could not come',
      '--media', video, '--pupils', 'none', '--title', 'Winter concert 2026', '--checked', '--at', 'now',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const id = Number(created.stdout.trim());
    expect((await run(admin, ['post', 'approve', String(id)])).code).toBe(0);

    const pass = await run(publisher, ['scheduler', 'run', '--once']);
    expect(pass.code, pass.stderr).toBe(0);
    const videoId = String(fake.sessions[0]?.video?.id);
    expect(pass.stdout).toMatch(new RegExp(`${id}\\s+${YT}\\s+published\\s+Published on YouTube \\(id ${videoId}\\), but private: your Google project is not audited\\.`));
    expect(pass.stdout).toMatch(/upload it again in YouTube Studio.*API audit/);

    const list = await run(admin, ['post', 'list']);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+scheduled\\s+.*${YT}\\s+published\\s+${videoId}\\s+private: your Google project is not audited\\.`));
    const listed = JSON.parse((await run(admin, ['post', 'list', '--json'])).stdout) as { id: number; targets: { state: string; error: string | null }[] }[];
    expect(listed.find((p) => p.id === id)?.targets).toEqual([expect.objectContaining({ state: 'published', error: expect.stringMatching(/^private: your Google project is not audited\./) })]);
    const shown = await run(admin, ['post', 'show', String(id)]);
    expect(shown.stdout).toMatch(new RegExp(`${YT} \\(\\d+ of 5000 characters\\): published, id ${videoId}\\n`));
    expect(shown.stdout).toMatch(/\n {2}Published, not public: private: your Google project is not audited\..*upload it again in YouTube Studio/);
    expect(outputs.join('\n')).not.toContain('youtube.com/watch');
  }, 120_000);
});
