import { createHash, createPrivateKey } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestBytes, signatureBytes, type Manifest } from '../../electron/core/review/review-manifest';
import type { FakeHandle } from '../fakes/fake-server';
import { XFake } from '../fakes/x.fake';
import { createTestVault, tempDir, testClock, value, type TestVault } from '../support/test-vault';

/** Unique values planted in the keychain: none may appear in any file of a pack. */
const PASSWORD = 'Pw-review-9c1e7a52f04b-PLANTED';
const TOTP_KEY = 'KRUGS4ZAMFZGKIDBEBZWK4TSMV2A'; // base32 'This are a secret' – distinctive
const X_TOKEN = 'xTok-review-5b4a39281706f5e4d3c2-PLANTED';
const X_ACCOUNT = '1500000000000000001';
const PPA_X = 'x:@SHINEatPPA';
const TRUST_X = 'x:@pendleeducation';
const SAM = { name: 'Sam Poster', email: 'sam@ppa.example', passphrase: 'poster passphrase 1' };
const SLT = { name: 'Sara Auditor', email: 'sara@ppa.example', passphrase: 'auditor passphrase 1' };
const PERIOD = { from: '2025-09-01', to: '2026-08-31' };
/** London midnight at each end of the period (BST on both dates). */
const START = '2025-08-31T23:00:00.000Z';
const END = '2026-08-31T23:00:00.000Z';
/** pdf.js reads the standard 14 fonts' metrics from its own folder (as a path, in Node). */
const STANDARD_FONTS = `${fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url))}`;
const PACK_FILES = ['review.pdf', 'review.xlsx', 'review.json', 'audit.csv', 'manifest.json', 'manifest.sig'];

async function pdfText(path: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The Summary sheet's value for a label. */
function summary(book: ExcelJS.Workbook, label: string): unknown {
  let found: unknown;
  book.getWorksheet('Summary')?.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  return found;
}

describe('the signed annual review pack', () => {
  let v: TestVault;
  let x: XFake;
  let servers: FakeHandle[];
  const out = tempDir('custodian-review-out-');
  let pack: string;

  const at = (iso: string) => v.clock.set(new Date(iso));

  beforeAll(async () => {
    // The demo year: people, grants a year back, weekly credential use up to the end of August.
    v = await createTestVault({ clock: testClock(new Date('2026-08-31T17:00:00Z')), sinks: { publishing: { requestTimeoutMs: 1_000, uploadTimeoutMs: 2_000, sleep: () => Promise.resolve() } } });
    value(await v.call(v.admin, 'example.load', { demo: true }));
    x = new XFake(X_TOKEN);
    servers = [await x.start()];

    // Spring term: a poster, an SLT auditor, secrets planted and used, a rotation.
    at('2026-02-02T09:00:00Z');
    value(await v.call(v.admin, 'person.add', { ...SAM, role: 'staff', school: 'PPA', consoleRole: 'poster' }));
    value(await v.call(v.admin, 'person.add', { ...SLT, role: 'slt', school: 'PPA', consoleRole: 'auditor' }));
    value(await v.call(v.admin, 'training.record', { email: SAM.email, on: '2026-02-02' }));
    // The administrator holds PPA_X already: they set the demo's secrets.
    value(await v.call(v.admin, 'secret.set', { channel: PPA_X, kind: 'password', value: `old-${PASSWORD}` }));
    value(await v.call(v.admin, 'secret.set', { channel: PPA_X, kind: 'password', value: PASSWORD }));
    value(await v.call(v.admin, 'secret.set', { channel: PPA_X, kind: 'totp', value: TOTP_KEY }));
    expect(value(await v.call(v.admin, 'secret.reveal', { channel: PPA_X, kind: 'password', reason: 'Posting the newsletter' })).value).toBe(PASSWORD);
    value(await v.call(v.admin, 'totp.code', { channel: PPA_X, reason: 'Posting the newsletter' }));
    value(await v.call(v.admin, 'channel.connectVia', { channel: PPA_X, token: X_TOKEN, accountId: X_ACCOUNT, apiBase: x.base }));
    const sam = await v.signIn(SAM.email, SAM.passphrase);
    // A refused attempt: Sam does not hold the channel.
    expect((await v.call(sam, 'secret.reveal', { channel: PPA_X, kind: 'password', reason: 'Just looking' })).ok).toBe(false);

    // Posts published through the X fake in February (two) and May (one).
    const publish = async (when: string, n: number) => {
      at(when);
      const post = value(
        await v.call(sam, 'post.create', {
          channels: [PPA_X],
          text: `Well done to Year 6 on sports day (${n}) – thank you to every parent who came!`,
          outcome: 'Celebrate pupils’ achievement and thank parents',
          pupils: 'none',
          checklist: { adultsConsented: true, rightsConfirmed: true, dosAndDontsAcknowledged: true },
          at: 'now',
        }),
      );
      value(await v.call(v.admin, 'post.approve', { id: post.id, checklist: { confirmed: true } }));
      expect(value(await v.call(v.admin, 'scheduler.runOnce', {})).results).toMatchObject([{ state: 'published' }]);
    };
    await publish('2026-02-03T10:00:00Z', 1);
    await publish('2026-02-10T10:00:00Z', 2);
    await publish('2026-05-12T10:00:00Z', 3);

    // An incident in March, hidden, escalated to the DSL and closed.
    at('2026-03-04T11:00:00Z');
    const incident = value(await v.call(v.admin, 'incident.add', { channel: PPA_X, summary: 'Abusive reply to a post', kind: 'abuse' }));
    value(await v.call(v.admin, 'incident.update', { id: incident.id, action: 'hide' }));
    value(await v.call(v.admin, 'incident.update', { id: incident.id, escalate: 'dsl' }));
    value(await v.call(v.admin, 'incident.update', { id: incident.id, close: true }));

    // After the year: inbox items (one on time, one late, one never answered), monitoring check-ins.
    at('2026-09-01T10:00:00Z');
    const comment = value(await v.call(v.admin, 'inbox.add', { channel: PPA_X, kind: 'comment', received: '2026-03-02T09:00:00Z', summary: 'Question about the trip' }));
    value(await v.call(v.admin, 'inbox.respond', { id: comment.id, how: 'answered', at: '2026-03-04T12:00:00Z' }));
    const complaint = value(await v.call(v.admin, 'inbox.add', { channel: PPA_X, kind: 'complaint', received: '2026-03-02T09:30:00Z', summary: 'Complaint about parking' }));
    value(await v.call(v.admin, 'inbox.respond', { id: complaint.id, how: 'answered', at: '2026-03-20T12:00:00Z' }));
    value(await v.call(v.admin, 'inbox.add', { channel: TRUST_X, kind: 'query', received: '2026-06-01T09:00:00Z', summary: 'Job vacancy question' }));
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-08-30']) value(await v.call(v.admin, 'monitor.check', { channel: PPA_X, at: `${day}T08:00:00Z` }));

    pack = join(out.path, 'trust-pack');
  }, 60_000);

  afterAll(async () => {
    for (const server of servers ?? []) await server.close();
    await v?.close();
    out.remove();
  });

  const count = async (sql: string, ...params: unknown[]) => (await v.database.get<{ n: number }>(sql, ...params))!.n;

  it('writes the six files, records the export, and its figures agree with the database', async () => {
    const result = value(await v.call(v.admin, 'review.export', { ...PERIOD, out: pack }));
    expect(readdirSync(pack).sort()).toEqual([...PACK_FILES].sort());
    expect(result.files.map((f) => f.name)).toEqual(['review.pdf', 'review.xlsx', 'review.json', 'audit.csv']);

    const channels = await count('SELECT count(*) AS n FROM channels');
    const uses = await count("SELECT count(*) AS n FROM audit_events WHERE action IN ('secret.reveal','secret.copy','totp.code') AND outcome = 'ok' AND at >= ? AND at < ?", START, END);
    const denied = await count("SELECT count(*) AS n FROM audit_events WHERE action IN ('secret.reveal','secret.copy','totp.code') AND outcome = 'denied' AND at >= ? AND at < ?", START, END);
    const breaches = await count("SELECT count(*) AS n FROM inbox_items WHERE received_at >= ? AND received_at < ? AND ((responded_at IS NOT NULL AND substr(responded_at, 1, 10) >= late_from) OR (responded_at IS NULL AND late_from <= ?))", START, END, PERIOD.to);
    const published = await v.database.all<{ month: string; n: number }>(
      "SELECT substr(published_at, 1, 7) AS month, count(*) AS n FROM post_targets t JOIN channels c ON c.id = t.channel_id WHERE state = 'published' AND c.handle = '@SHINEatPPA' GROUP BY month ORDER BY month",
    );
    const rotations = await count("SELECT count(*) AS n FROM audit_events WHERE action = 'secret.rotate' AND at >= ? AND at < ?", START, END);
    expect(uses).toBeGreaterThan(500);
    expect(denied).toBe(1);
    expect(breaches).toBe(2);
    expect(published).toEqual([{ month: '2026-02', n: 2 }, { month: '2026-05', n: 1 }]);
    expect(rotations).toBeGreaterThanOrEqual(2);

    const text = await pdfText(join(pack, 'review.pdf'));
    expect(text).toContain('Social media annual review');
    expect(text).toContain('Pendle Education Trust');
    expect(text).toContain('Period: 1 Sep 2025 to 31 Aug 2026');
    expect(text).toContain('Generated by: Alex Admin (alex.admin@trust.example)');
    expect(text).toContain(`Channels in this pack: ${channels}`);
    expect(text).toContain(`Credential uses in the period: ${uses}`);
    expect(text).toContain(`Refused attempts (not a current holder): ${denied}`);
    expect(text).toContain(`Breaches of the 5-day rule: ${breaches}`);
    expect(text).toContain('Posts published in the period: 3');
    expect(text).toContain(`Password and 2FA key changes: ${rotations}`);
    expect(text).toContain('Escalations: 1');
    // The per-channel row of the posts table: Sep 2025 … Aug 2026, then the total.
    expect(text).toContain(`${PPA_X} 0 0 0 0 0 2 0 0 1 0 0 0 3`);
    expect(text.replace(/ /g, '')).toContain(`Signingkeyfingerprint(SHA-256):${result.fingerprint.replace(/ /g, '')}`);
    expect(text).toContain('Next policy review due: 31 Jan 2026');
    expect(text).toContain('Generated at: 1 Sep 2026, 11:00 (UK time)');

    const book = await workbook(join(pack, 'review.xlsx'));
    expect(summary(book, 'Channels')).toBe(channels);
    expect(summary(book, 'Credential uses')).toBe(uses);
    expect(summary(book, 'Breaches of the 5-day rule')).toBe(breaches);
    expect(summary(book, 'Posts published')).toBe(3);
    expect(summary(book, 'Period from')).toEqual(new Date('2025-09-01T00:00:00Z'));
    const postsSheet = book.getWorksheet('Posts');
    const row = postsSheet?.getRows(2, postsSheet.rowCount - 1)?.find((r) => r.getCell(1).value === PPA_X);
    expect(row?.values).toEqual([undefined, PPA_X, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 3]);
    const changes = book.getWorksheet('Access changes');
    expect(changes?.rowCount).toBeGreaterThan(1);
    expect(changes?.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(changes?.autoFilter).toBeTruthy();
    const perChannel = book.getWorksheet('Use by channel');
    let sheetUses = 0;
    perChannel?.eachRow((r, n) => (sheetUses += n === 1 ? 0 : Number(r.getCell(5).value)));
    expect(sheetUses).toBe(uses);

    const json = JSON.parse(readFileSync(join(pack, 'review.json'), 'utf8')) as { schemaVersion: number; credentialUse: { total: number }; channels: unknown[] };
    expect(json.schemaVersion).toBe(1);
    expect(json.credentialUse.total).toBe(uses);
    expect(json.channels).toHaveLength(channels);

    // audit.csv: every event in the period up to the head the manifest names.
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')) as { auditHead: { seq: number; hash: string }; files: { name: string; sha256: string }[] };
    const events = await count('SELECT count(*) AS n FROM audit_events WHERE at >= ? AND at < ? AND seq <= ?', START, END, manifest.auditHead.seq);
    const csv = readFileSync(join(pack, 'audit.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(events + 1);
    expect(manifest.files.find((f) => f.name === 'audit.csv')?.sha256).toBe(createHash('sha256').update(readFileSync(join(pack, 'audit.csv'))).digest('hex'));

    // Exporting is recorded, with the manifest's hash.
    const recorded = value(await v.call(v.admin, 'audit.list', { action: 'review.export' }));
    expect(recorded[0]).toMatchObject({ outcome: 'ok', actor: 'alex.admin@trust.example' });
    // The head mirrored in the manifest and in review.json is the trail's head as the pack was made: the event before its export event.
    const headThen = await v.database.get('SELECT seq, hash FROM audit_events WHERE seq = ?', (recorded[0]?.seq ?? 0) - 1);
    expect(manifest.auditHead).toEqual(headThen);
    expect((JSON.parse(readFileSync(join(pack, 'review.json'), 'utf8')) as { auditHead: unknown }).auditHead).toEqual(headThen);
    expect(recorded[0]?.details.manifestSha256).toBe(createHash('sha256').update(readFileSync(join(pack, 'manifest.json'))).digest('hex'));
  }, 60_000);

  it('puts no secret in any file of the pack', () => {
    for (const name of PACK_FILES) {
      const bytes = readFileSync(join(pack, name));
      for (const planted of [PASSWORD, TOTP_KEY, TOTP_KEY.toLowerCase(), X_TOKEN]) expect(bytes.includes(Buffer.from(planted)), `${name} holds a planted secret`).toBe(false);
    }
  });

  it('verifies an untouched pack, and names the file when one byte of any file changes', async () => {
    expect(value(await v.call(v.admin, 'review.verify', { dir: pack }))).toMatchObject({ valid: true, problems: [], ...PERIOD });
    for (const name of PACK_FILES) {
      const copy = join(out.path, `tampered-${name}`);
      cpSync(pack, copy, { recursive: true });
      const bytes = readFileSync(join(copy, name));
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
      writeFileSync(join(copy, name), bytes);
      const result = value(await v.call(v.admin, 'review.verify', { dir: copy }));
      expect(result.valid, name).toBe(false);
      expect(result.problems.map((p) => p.file), name).toEqual([name]);
    }
    const unsigned = join(out.path, 'unsigned');
    cpSync(pack, unsigned, { recursive: true });
    rmSync(join(unsigned, 'manifest.sig'));
    expect(value(await v.call(v.admin, 'review.verify', { dir: unsigned })).problems).toEqual([{ file: 'manifest.sig', problem: expect.stringContaining('missing') }]);
  });

  it('names review.json when its audit head differs from the manifest, even re-signed with the key from the keychain', async () => {
    const { default: keytar } = await import('keytar');
    const { vault_id: vaultId } = (await v.database.get<{ vault_id: string }>('SELECT vault_id FROM vault'))!;
    const stored = await keytar.getPassword(`Custodian vault ${vaultId}`, 'review-signing-key');
    const privateKey = createPrivateKey({ key: Buffer.from(stored ?? '', 'base64'), format: 'der', type: 'pkcs8' });
    const copy = join(out.path, 'earlier-head');
    cpSync(pack, copy, { recursive: true });
    // Someone holding the signing key swaps in the data of an earlier moment and signs the pack again.
    const json = JSON.parse(readFileSync(join(copy, 'review.json'), 'utf8')) as { auditHead: { seq: number; hash: string } };
    json.auditHead = (await v.database.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events WHERE seq = ?', json.auditHead.seq - 1))!;
    writeFileSync(join(copy, 'review.json'), `${JSON.stringify(json, null, 2)}\n`);
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string; bytes: number }[] };
    const entry = manifest.files.find((f) => f.name === 'review.json')!;
    entry.sha256 = createHash('sha256').update(readFileSync(join(copy, 'review.json'))).digest('hex');
    entry.bytes = readFileSync(join(copy, 'review.json')).length;
    const manifestRaw = manifestBytes(manifest as unknown as Manifest);
    writeFileSync(join(copy, 'manifest.json'), manifestRaw);
    writeFileSync(join(copy, 'manifest.sig'), signatureBytes(manifestRaw, privateKey));
    const result = value(await v.call(v.admin, 'review.verify', { dir: copy }));
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([{ file: 'review.json', problem: expect.stringMatching(/different audit head than the manifest/) }]);
  });

  it('makes a school’s pack with only that school’s channels, and lets its SLT auditor make only their own', async () => {
    const slt = await v.signIn(SLT.email, SLT.passphrase);
    const refused = await v.call(slt, 'review.export', { ...PERIOD, out: join(out.path, 'cpa'), school: 'CPA' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(join(out.path, 'cpa'))).toBe(false);

    const school = join(out.path, 'ppa-pack');
    const result = value(await v.call(slt, 'review.export', { ...PERIOD, out: school }));
    expect(result.school).toBe('PPA');
    const json = JSON.parse(readFileSync(join(school, 'review.json'), 'utf8')) as { school: { code: string }; channels: { label: string; school: string }[]; credentialUse: { byChannel: { channel: string }[] } };
    const ppaChannels = (await v.database.all<{ label: string }>("SELECT c.platform || ':' || c.handle AS label FROM channels c JOIN schools s ON s.id = c.school_id WHERE s.code = 'PPA'")).map((r) => r.label);
    expect(json.school.code).toBe('PPA');
    expect(json.channels.map((c) => c.label).sort()).toEqual(ppaChannels.sort());
    expect(json.credentialUse.byChannel.map((c) => c.channel).sort()).toEqual(ppaChannels.sort());
    for (const name of ['review.json', 'audit.csv']) expect(readFileSync(join(school, name), 'utf8'), name).not.toContain(TRUST_X);
    const text = await pdfText(join(school, 'review.pdf'));
    expect(text).toContain('Covers: Pendle Primary Academy (PPA)');
    expect(text).toContain(`Channels in this pack: ${ppaChannels.length}`);
    expect(text).not.toContain(TRUST_X);
    expect(value(await v.call(slt, 'review.verify', { dir: school })).valid).toBe(true);
  }, 60_000);

  it('refuses a folder that is not empty and a relative path, and leaves nothing behind', async () => {
    const busy = join(out.path, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'governors');
    const refused = await v.call(v.admin, 'review.export', { ...PERIOD, out: busy });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('not empty') } });
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    expect(await v.call(v.admin, 'review.export', { ...PERIOD, out: 'relative/pack' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const failed = value(await v.call(v.admin, 'audit.list', { action: 'review.export', outcome: 'error' }));
    expect(failed.length).toBeGreaterThanOrEqual(1);
  });
});
