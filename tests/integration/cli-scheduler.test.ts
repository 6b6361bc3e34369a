import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../electron/core/vault/data-dir';
import { jsonBody, type FakeHandle, type FakeReply, type RecordedRequest } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';
import { chooseOwnPassphrase, custodianAsync as custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';
import { vaultSnapshot, type VaultSnapshot } from '../support/vault-snapshot';

const TOKEN = 'xTok-cli-sched-7d6c5b4a39281706f5e4d3c2b1a0-secret';
const X = 'x:@SHINEatPPA';
const ADMIN_PASSPHRASE = 'a long admin passphrase';
const SAM_PASSPHRASE = 'sam poster passphrase';

/**
 * The vault both suites start from, set up once by the CLI: the example trust, and Sam, a trained
 * poster at PPA whose first sign-in is behind them. Each suite gets its own copy (one at a time:
 * vault-snapshot.ts) and connects and enrols in it what it needs.
 */
let base: Promise<VaultSnapshot> | undefined;
const readyVault = () =>
  (base ??= vaultSnapshot(async (dataDir) => {
    const admin = { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: ADMIN_PASSPHRASE };
    const init = await custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], { CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_PASSPHRASE: ADMIN_PASSPHRASE });
    expect(init.code, init.stderr).toBe(0);
    expect((await custodian(['example', 'load'], admin)).code).toBe(0);
    const add = await custodian(['person', 'add', '--name', 'Sam', '--email', 'sam@ppa.example', '--role', 'staff', '--school', 'PPA', '--operator', 'poster'], { ...admin, CUSTODIAN_NEW_PASSPHRASE: SAM_PASSPHRASE });
    expect(add.code, add.stderr).toBe(0);
    chooseOwnPassphrase(admin, 'sam@ppa.example', SAM_PASSPHRASE);
    const trained = await custodian(['training', 'record', 'sam@ppa.example', '--on', new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)], admin);
    expect(trained.code, trained.stderr).toBe(0);
  }));
afterAll(async () => (await base)?.remove());

describe('custodian scheduler run, channel connect and post retry', () => {
  const dir = tempDir('custodian-cli-scheduler-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: ADMIN_PASSPHRASE };
  const sam = { ...admin, CUSTODIAN_OPERATOR: 'sam@ppa.example', CUSTODIAN_PASSPHRASE: SAM_PASSPHRASE };
  // The scheduler runs as this computer's publisher: no operator, no passphrase.
  const publisher = { CUSTODIAN_DATA_DIR: dir.path };
  const fake = new XFake(TOKEN);
  let server: FakeHandle;
  const outputs: string[] = [];
  const run = async (env: NodeJS.ProcessEnv, args: string[], input?: string) => {
    const result = await custodian(args, env, input === undefined ? {} : { input });
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  let texts = 0;
  const approvedPost = async (): Promise<number> => {
    texts += 1;
    const created = await run(sam, ['post', 'create', '--channel', X, '--text', `Sports day (${texts}) was brilliant — thank you, parents!`, '--outcome', 'Celebrate sports day and thank the parents who came', '--checked', '--at', 'now']);
    expect(created.code, created.stderr).toBe(0);
    const id = Number(created.stdout.trim());
    const approved = await run(admin, ['post', 'approve', String(id)]);
    expect(approved.code, approved.stderr).toBe(0);
    return id;
  };

  beforeAll(async () => {
    server = await fake.start();
    await (await readyVault()).restore(dir.path);
    const enrolled = await run(admin, ['scheduler', 'enrol']);
    expect(enrolled.code, enrolled.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server.close();
    const db = databasePath(dir.path);
    for (const file of [db, `${db}-wal`].filter((f) => existsSync(f))) expect(readFileSync(file).includes(Buffer.from(TOKEN)), file).toBe(false);
    expect(outputs.join('\n')).not.toContain(TOKEN);
    expect(fake.problems).toEqual([]);
    await (await readyVault()).release(dir.path);
    dir.remove();
  });

  it('connects a channel with a token from stdin (never shown); --oauth needs the platform app first', async () => {
    const oauth = await run(admin, ['channel', 'connect', X, '--oauth']);
    expect(oauth.code).toBe(1);
    expect(oauth.stderr).toMatch(/custodian platform app x --client-id ID/);
    const noStdin = await run(admin, ['channel', 'connect', X, '--account-id', '1500000000000000001']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toMatch(/--oauth .* or --token-stdin/);
    const insecure = await run(admin, ['channel', 'connect', X, '--token-stdin', '--account-id', '1500000000000000001', '--api-base', 'http://proxy.example.org'], `${TOKEN}\n`);
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toMatch(/https/);
    const connected = await run(admin, ['channel', 'connect', X, '--token-stdin', '--account-id', '1500000000000000001', '--api-base', server.base], `${TOKEN}\n`);
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stderr).toMatch(/Connected x:@SHINEatPPA for publishing as account 1500000000000000001/);
  }, 60_000);

  it('scheduler run --once publishes what is due, prints it per target, and does nothing the second time', async () => {
    const id = await approvedPost();
    const first = await run(publisher, ['scheduler', 'run', '--once']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${id}\\s+${X}\\s+published`));
    expect(fake.posts).toHaveLength(1);
    const second = await run(publisher, ['scheduler', 'run', '--once']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Nothing was due/);
    expect(fake.requestsTo('POST /2/tweets')).toHaveLength(1);
    const poster = await run(sam, ['scheduler', 'enrol']);
    expect(poster.code).toBe(1);
    expect(poster.stderr).toMatch(/does not allow enrolling this computer's publisher/);
  }, 60_000);

  it('exits 1 when a target fails in the pass; post retry sends it back and the next pass publishes it', async () => {
    const id = await approvedPost();
    fake.fail({ kind: 'duplicate' }, { match: 'POST /2/tweets' });
    const failed = await run(publisher, ['scheduler', 'run', '--once', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject([{ post: id, channel: X, state: 'failed', detail: expect.stringContaining('duplicate') }]);
    expect(failed.stderr).toMatch(/1 target failed or needs review/);
    const retried = await run(admin, ['post', 'retry', String(id)]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toMatch(/due again on x:@SHINEatPPA/);
    const again = await run(publisher, ['scheduler', 'run', '--once']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/published/);
    const list = JSON.parse((await run(admin, ['post', 'list', '--json'])).stdout) as { id: number; publication: string }[];
    expect(list.find((p) => p.id === id)?.publication).toBe('published');
  }, 60_000);

  it('scheduler run (no --once) runs a pass, then stops promptly on SIGTERM', async () => {
    const id = await approvedPost();
    let sent = false;
    const result = await custodian(['scheduler', 'run'], publisher, {
      onStart: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (!sent && chunk.toString().includes('published')) {
            sent = true;
            setTimeout(() => child.kill('SIGTERM'), 200);
          }
        });
      },
    });
    outputs.push(result.stdout, result.stderr);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${id}\\s+${X}\\s+published`));
    expect(result.stderr).toMatch(/The scheduler stopped/);
  }, 60_000);
});

/**
 * kill -9 of a headless runner while it publishes to a slow platform, at a random moment, then
 * restarts (with a 1-second lease so a stopped runner's claims can be reconciled in the test):
 * every target ends published or waiting for a person, and no text is ever sent twice.
 */
describe('kill -9 of a headless scheduler during publishing', () => {
  const dir = tempDir('custodian-cli-kill-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: ADMIN_PASSPHRASE, CUSTODIAN_SCHEDULER_LEASE_SECONDS: '1' };
  const sam = { ...admin, CUSTODIAN_OPERATOR: 'sam@ppa.example', CUSTODIAN_PASSPHRASE: SAM_PASSPHRASE };
  const publisher = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_SCHEDULER_LEASE_SECONDS: '1' };
  const fake = new XFake(TOKEN);
  let server: FakeHandle;

  beforeAll(async () => {
    // Every request takes a while to answer, so a kill often lands mid-exchange.
    const slow = fake as unknown as { route(request: RecordedRequest): FakeReply | Promise<FakeReply> };
    const route = slow.route.bind(fake);
    slow.route = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 200)));
      return route(request);
    };
    server = await fake.start();
    await (await readyVault()).restore(dir.path);
    const connected = await custodian(['channel', 'connect', X, '--token-stdin', '--account-id', '1500000000000000001', '--api-base', server.base], admin, { input: TOKEN });
    expect(connected.code, connected.stderr).toBe(0);
    expect((await custodian(['scheduler', 'enrol'], admin)).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server.close();
    expect(fake.problems).toEqual([]);
    await (await readyVault()).release(dir.path);
    dir.remove();
  });

  it('leaves no duplicate and no lost post, whenever the runner is killed', async () => {
    const texts: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let n = 0; n < 2; n += 1) {
        const text = `Round ${round} post ${n}: well done to our netball team on the win!`;
        texts.push(text);
        const created = await custodian(['post', 'create', '--channel', X, '--text', text, '--outcome', 'Celebrate the netball team and their coaches', '--checked', '--at', 'now'], sam);
        expect(created.code, created.stderr).toBe(0);
        expect((await custodian(['post', 'approve', created.stdout.trim()], admin)).code).toBe(0);
      }
      const killAfter = 800 + Math.floor(Math.random() * 1300);
      const killed = await custodian(['scheduler', 'run'], publisher, { onStart: (child) => setTimeout(() => child.kill('SIGKILL'), killAfter) });
      expect(killed.code).toBeNull();
      // Restart until nothing is left in flight (a stopped runner's claim is reconciled once its lease has run out).
      for (let attempt = 0; attempt < 6; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        const once = await custodian(['scheduler', 'run', '--once'], publisher);
        expect([0, 1], once.stderr).toContain(once.code);
        const list = JSON.parse((await custodian(['post', 'list', '--json'], admin)).stdout) as { targets: { state: string }[] }[];
        if (list.every((p) => p.targets.every((t) => t.state === 'published' || t.state === 'needs_review'))) break;
      }
    }
    const posts = JSON.parse((await custodian(['post', 'list', '--json'], admin)).stdout) as { text: string; targets: { state: string; remoteId: string | null }[] }[];
    expect(posts).toHaveLength(texts.length);
    const sends = fake.requestsTo('POST /2/tweets').map((request) => (jsonBody(request) as { text?: string } | undefined)?.text);
    for (const text of texts) {
      const post = posts.find((p) => p.text === text);
      const target = post?.targets[0];
      expect(['published', 'needs_review'], text).toContain(target?.state);
      // Never sent twice; published means the platform holds exactly that post.
      expect(sends.filter((sent) => sent === text).length, text).toBeLessThanOrEqual(1);
      if (target?.state === 'published') expect(fake.posts.find((p) => p.id === target.remoteId)?.text).toBe(text);
    }
  }, 180_000);
});
