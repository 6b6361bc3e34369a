import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOwnPassphrase, custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

type Incident = {
  id: number;
  channel: string;
  kind: string;
  status: string;
  inboxItem: number | null;
  audienceTold: boolean | null;
  actions: { action: string }[];
  escalations: { to: string }[];
  evidence: { originalName: string; sha256: string; bytes: number; mediaType: string }[];
};

/** The consent register and incident commands of the policy issue, through the built binary. */
describe('custodian consent and incident', () => {
  const dir = tempDir('custodian-cli-incidents-');
  const files = tempDir('custodian-cli-evidence-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const run = (args: string[]) => custodian(args, { env: admin });
  const incidents = () => JSON.parse(run(['incident', 'list', '--json']).stdout) as Incident[];

  const image = new PNG({ width: 12, height: 12 });
  image.data.fill(200);
  const pngBytes = PNG.sync.write(image);
  const shot = join(files.path, 'shot.png');
  const docx = join(files.path, 'notes.docx');

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
    const auditor = custodian(['person', 'add', '--name', 'Tia Trust', '--email', 'tia@pet.example', '--role', 'core-team', '--operator', 'auditor'], {
      env: { ...admin, CUSTODIAN_NEW_PASSPHRASE: 'trust auditor pass' },
    });
    expect(auditor.code, auditor.stderr).toBe(0);
    chooseOwnPassphrase(admin, 'tia@pet.example', 'trust auditor pass');
    writeFileSync(shot, pngBytes);
    writeFileSync(docx, Buffer.from('PK\u0003\u0004 not a screenshot'));
  });
  afterAll(() => {
    dir.remove();
    files.remove();
  });

  it('adds to the consent register (printing the id), lists it as JSON and a table, and removes an entry', () => {
    const add = run(['consent', 'add', '--school', 'PPA', '--name', 'J.S.', '--reason', 'withdrawn', '--class', 'Year 4 Oak', '--from', '2026-09-01', '--to', '2027-07-22', '--note', 'Parent wrote in']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^\d+\n$/);
    const id = Number(add.stdout.trim());
    const other = run(['consent', 'add', '--school', 'ppa', '--name', 'Sam Q', '--reason', 'not-filmed']);
    expect(other.code, other.stderr).toBe(0);

    const list = run(['consent', 'list', '--school', 'PPA', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const entries = JSON.parse(list.stdout) as { id: number; name: string; class: string | null; reason: string; from: string | null; to: string | null; active: boolean }[];
    expect(entries.find((e) => e.id === id)).toMatchObject({ name: 'J.S.', class: 'Year 4 Oak', reason: 'withdrawn', from: '2026-09-01', to: '2027-07-22' });
    const table = run(['consent', 'list', '--school', 'PPA']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+NAME\s+CLASS\s+REASON/);
    expect(table.stdout).toContain('Sam Q');

    expect(run(['consent', 'remove', String(id)]).code).toBe(0);
    expect((JSON.parse(run(['consent', 'list', '--school', 'PPA', '--json']).stdout) as { id: number }[]).map((e) => e.id)).not.toContain(id);
    expect((JSON.parse(run(['consent', 'list', '--school', 'PPA', '--json', '--include-removed']).stdout) as { id: number }[]).map((e) => e.id)).toContain(id);
    const again = run(['consent', 'remove', String(id)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already removed/);
  });

  it('refuses bad consent input (exit 2), an unknown school and a core-team auditor (exit 1), writing nothing', () => {
    const count = () => (JSON.parse(run(['consent', 'list', '--school', 'PPA', '--json', '--include-removed']).stdout) as unknown[]).length;
    const before = count();
    const reason = run(['consent', 'add', '--school', 'PPA', '--name', 'A.', '--reason', 'shy']);
    expect(reason.code).toBe(2);
    expect(reason.stderr).toMatch(/--reason must be one of no-consent, withdrawn, safeguarding, not-filmed/);
    expect(run(['consent', 'add', '--school', 'PPA', '--name', 'A.', '--reason', 'withdrawn', '--from', '2026-12-01', '--to', '2026-11-01']).code).toBe(2);
    expect(run(['consent', 'add', '--school', 'PPA', '--name', 'A.', '--reason', 'withdrawn', '--from', '2026-02-30']).code).toBe(2);
    expect(run(['consent', 'add', '--school', 'PPA', '--reason', 'withdrawn']).code).toBe(2);
    const school = run(['consent', 'add', '--school', 'NOPE', '--name', 'A.', '--reason', 'withdrawn']);
    expect(school.code).toBe(1);
    expect(school.stderr).toMatch(/No school has the code NOPE/);
    expect(run(['consent', 'remove', 'x1']).code).toBe(2);
    const auditor = custodian(['consent', 'list', '--school', 'PPA'], { env: { ...admin, CUSTODIAN_OPERATOR: 'tia@pet.example', CUSTODIAN_PASSPHRASE: 'trust auditor pass' } });
    expect(auditor.code).toBe(1);
    expect(auditor.stderr).toMatch(/senior leadership team/);
    expect(auditor.stdout).toBe('');
    expect(count()).toBe(before);
  });

  it('logs an incident with a PNG as evidence, refuses a delete before evidence, then updates, escalates and closes it', () => {
    const bare = run(['incident', 'add', 'x:@SHINEatPPA', '--summary', 'Abusive reply under the sports day post', '--kind', 'abuse']);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toMatch(/^\d+\n$/);
    const id = Number(bare.stdout.trim());
    const early = run(['incident', 'update', String(id), '--action', 'delete']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/Capture evidence \(a screenshot\) before deleting; nothing was changed\./);

    // Evidence and the delete in one command: the evidence is attached first.
    const update = run(['incident', 'update', String(id), '--evidence', shot, '--action', 'delete', '--audience-told', 'yes']);
    expect(update.code, update.stderr).toBe(0);
    const sha = createHash('sha256').update(pngBytes).digest('hex');
    expect(update.stderr).toContain(sha);
    const stored = join(dir.path, 'evidence', `${sha}.png`);
    expect(existsSync(stored)).toBe(true);
    expect(createHash('sha256').update(readFileSync(stored)).digest('hex')).toBe(sha);

    expect(run(['incident', 'update', String(id), '--close']).code).toBe(0);
    const closed = incidents().find((i) => i.id === id);
    expect(closed).toMatchObject({ status: 'closed', audienceTold: true, actions: [{ action: 'delete' }], evidence: [{ originalName: 'shot.png', sha256: sha, mediaType: 'image/png', bytes: pngBytes.length }] });
    expect(run(['incident', 'update', String(id), '--escalate', 'dsl']).code).toBe(1);

    const withEvidence = run(['incident', 'add', 'x:@pendleeducation', '--summary', 'Inappropriate image posted in a reply', '--kind', 'inappropriate-content', '--evidence', shot]);
    expect(withEvidence.code, withEvidence.stderr).toBe(0);
    expect(withEvidence.stdout).toMatch(/^\d+\n$/);
    const second = Number(withEvidence.stdout.trim());
    expect(incidents().find((i) => i.id === second)).toMatchObject({ kind: 'inappropriate-content', status: 'open', evidence: [{ sha256: sha }] });
    const escalate = run(['incident', 'update', String(second), '--escalate', 'dsl', '--action', 'report']);
    expect(escalate.code, escalate.stderr).toBe(0);
    expect(escalate.stderr).toMatch(/escalated to: dsl/);

    const open = JSON.parse(run(['incident', 'list', '--json', '--open']).stdout) as Incident[];
    expect(open.map((i) => i.id)).toEqual([second]);
    const table = run(['incident', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+CHANNEL\s+KIND/);
    expect(table.stdout).toContain('x:@SHINEatPPA');
  });

  it('refuses an unsupported evidence file before creating anything, and bad flags as usage errors', () => {
    const before = incidents().length;
    const bad = run(['incident', 'add', 'x:@SHINEatPPA', '--summary', 'Offensive comment', '--evidence', docx]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/Evidence must be a PNG or JPEG screenshot, a PDF, or a plain-text \.txt file/);
    const missing = run(['incident', 'add', 'x:@SHINEatPPA', '--summary', 'Offensive comment', '--evidence', join(files.path, 'nope.png')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file/);
    expect(incidents()).toHaveLength(before);

    const id = String(incidents()[0]?.id);
    expect(run(['incident', 'update', id, '--evidence', docx]).code).toBe(1);
    expect(run(['incident', 'update', id, '--action', 'mute']).code).toBe(2);
    expect(run(['incident', 'update', id, '--audience-told', 'maybe']).code).toBe(2);
    expect(run(['incident', 'update', id, '--escalate', 'governors']).code).toBe(2);
    const nothing = run(['incident', 'update', id]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Say what changed/);
    expect(run(['incident', 'update', 'twelve', '--close']).code).toBe(2);
    expect(run(['incident', 'update', '9999', '--close']).code).toBe(1);
    expect(run(['incident', 'add', 'x:@SHINEatPPA', '--summary', 'x', '--kind', 'spam']).code).toBe(2);
    expect(run(['incident', 'add', 'x:@SHINEatPPA']).code).toBe(2);
    expect(incidents()).toHaveLength(before);
  });

  it('links an incident to an inbox item of its own channel only', () => {
    const item = run(['inbox', 'add', 'x:@SHINEatPPA', '--kind', 'concern', '--received', '2026-11-02T09:00:00Z', '--summary', 'Comment about a pupil', '--json']);
    expect(item.code, item.stderr).toBe(0);
    // --json gives scripts the whole item, its due date with it.
    expect(JSON.parse(item.stdout)).toMatchObject({ kind: 'concern', dueOn: '2026-11-09' });
    const inboxId = String((JSON.parse(item.stdout) as { id: number }).id);
    const wrong = run(['incident', 'add', 'x:@_CPAcademy_', '--summary', 'Comment about a pupil', '--inbox', inboxId]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/came in through x:@SHINEatPPA/);
    const right = run(['incident', 'add', 'x:@SHINEatPPA', '--summary', 'Comment about a pupil', '--kind', 'concern', '--inbox', inboxId]);
    expect(right.code, right.stderr).toBe(0);
    expect(incidents().find((i) => i.id === Number(right.stdout.trim()))?.inboxItem).toBe(Number(inboxId));
  });
});
