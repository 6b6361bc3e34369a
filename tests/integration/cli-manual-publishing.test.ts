import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

type Post = { id: number; publication: string | null; targets: { channel: string; state: string; remoteId: string | null; publishedAt: string | null }[] };

const DAY = 86_400_000;
const LINKEDIN = 'linkedin:@pendleeducationtrust';

/** Assisted manual publishing through the built binary, on the real clock. */
describe('custodian channel manual / post record', () => {
  const dir = tempDir('custodian-cli-manual-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const sam = { ...admin, CUSTODIAN_OPERATOR: 'sam@ppa.example', CUSTODIAN_PASSPHRASE: 'sam poster passphrase' };
  const as = (env: NodeJS.ProcessEnv, args: string[]) => custodian(args, { env });
  const byId = (id: number) => (JSON.parse(as(admin, ['post', 'list', '--json']).stdout) as Post[]).find((p) => p.id === id);

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(as(admin, ['example', 'load']).code).toBe(0);
    const add = custodian(['person', 'add', '--name', 'Sam', '--email', 'sam@ppa.example', '--role', 'staff', '--school', 'PPA', '--operator', 'poster'], {
      env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: sam.CUSTODIAN_PASSPHRASE },
    });
    expect(add.code, add.stderr).toBe(0);
    chooseOwnPassphrase(admin, 'sam@ppa.example', sam.CUSTODIAN_PASSPHRASE);
    const trained = as(admin, ['training', 'record', 'sam@ppa.example', '--on', new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10)]);
    expect(trained.code, trained.stderr).toBe(0);
    // scheduler run goes out as this computer's publisher, which an administrator enrols once.
    const enrolled = as(admin, ['scheduler', 'enrol']);
    expect(enrolled.code, enrolled.stderr).toBe(0);
  });
  afterAll(() => dir.remove());

  it('sets a channel to be published by hand (administrators only), then records a published post by its address', () => {
    expect(as(admin, ['channel', 'manual', LINKEDIN, 'maybe'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Say on or off/) });
    expect(as(sam, ['channel', 'manual', LINKEDIN, 'on'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/console role/) });
    const on = as(admin, ['channel', 'manual', LINKEDIN, 'on']);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stderr).toMatch(/linkedin:@pendleeducationtrust is published by hand/);

    const create = as(sam, ['post', 'create', '--channel', LINKEDIN, '--text', 'Our trust is recruiting governors: find out more on our website.', '--outcome', 'Recruit two new governors from the local community', '--checked', '--at', 'now']);
    expect(create.code, create.stderr).toBe(0);
    const id = Number(create.stdout.trim());
    expect(as(admin, ['post', 'approve', String(id)]).code).toBe(0);

    const run = as(admin, ['scheduler', 'run', '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${id}\\s+${LINKEDIN}\\s+manual\\s+.*published by hand`));
    expect(byId(id)?.targets[0]).toMatchObject({ state: 'manual', remoteId: null });

    const missing = as(sam, ['post', 'record', String(id), '--channel', LINKEDIN]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/--url is required/) });
    const wrong = as(sam, ['post', 'record', String(id), '--channel', LINKEDIN, '--url', 'https://linkedin.com.example.net/feed/update/1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/is on linkedin\.com\.example\.net, not on linkedin\.com.*Nothing was recorded/);
    expect(byId(id)?.targets[0]).toMatchObject({ state: 'manual', remoteId: null });

    const url = 'https://www.linkedin.com/feed/update/urn:li:activity:7265432109876543210/';
    const record = as(sam, ['post', 'record', String(id), '--channel', LINKEDIN, '--url', url]);
    expect(record.code, record.stderr).toBe(0);
    expect(record.stderr).toBe(`Recorded post ${id} as published on ${LINKEDIN}: ${url}\n`);
    expect(byId(id)).toMatchObject({ publication: 'published', targets: [{ channel: LINKEDIN, state: 'published', remoteId: url, publishedAt: expect.any(String) }] });
    expect(as(sam, ['post', 'record', String(id), '--channel', LINKEDIN, '--url', url])).toMatchObject({ code: 1, stderr: expect.stringMatching(/already recorded as published/) });

    const audit = as(admin, ['audit', 'list', '--json']);
    expect(audit.code, audit.stderr).toBe(0);
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['channel.set_manual', 'publish.manual_due', 'publish.manual_record']));
  });
});
