import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyView } from '../../shared/contract/views';
import { auditHandlers } from '../../electron/core/audit/audit.handlers';
import type { Operator } from '../../electron/core/handler-types';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import type { Vault } from '../../electron/core/vault/vault';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { databasePath } from '../../electron/core/vault/data-dir';
import { seededRandom, seedFromEnv } from '../support/seeded-random';
import { createTestVault, type TestVault } from '../support/test-vault';

/**
 * An attacker who can edit the database file (not the keychain) changes one byte of one
 * column, deletes a row, swaps two rows or cuts the tail off the audit trail. Every
 * change must be caught by the core's audit.verify, which must name the first bad event.
 * Each change is made, verified and undone, and the untouched trail must still pass at the end.
 *
 * Two trails: most changes go to one of 2,200 events (past the verifier's first page of
 * PAGE = 2,000 rows, so edits land on both sides of a page boundary), where a verify walks a
 * fifth as far; a share of every kind goes to a 10,000-event trail (five pages). On both, the
 * byte changes take the columns in turn, so every column is changed on each trail.
 * Set CUSTODIAN_TAMPER_SEED to replay a failing run; CUSTODIAN_SOAK=1 makes ten times as many changes.
 */

const SOAK = process.env.CUSTODIAN_SOAK === '1' ? 10 : 1;
const SEED = seedFromEnv('CUSTODIAN_TAMPER_SEED');

type Cell = string | number | bigint | null;
type Row = Record<string, Cell>;
interface Changes {
  byteChanges: number;
  deletions: number;
  swaps: number;
  truncations: number;
}

tamperingWith(2_200, { byteChanges: 1_000 * SOAK, deletions: 100 * SOAK, swaps: 100 * SOAK, truncations: 50 * SOAK });
tamperingWith(10_000, { byteChanges: 60 * SOAK, deletions: 20 * SOAK, swaps: 20 * SOAK, truncations: 10 * SOAK });

function tamperingWith(EVENTS: number, { byteChanges: BYTE_CHANGES, deletions: DELETIONS, swaps: SWAPS, truncations: TRUNCATIONS }: Changes): void {
  describe(`tampering with a ${EVENTS.toLocaleString('en-GB')}-event audit trail`, () => {
    // Its own stream from the run's seed, so each trail's changes replay on their own.
    const random = seededRandom(SEED + EVENTS);
    const replay = `replay with CUSTODIAN_TAMPER_SEED=${SEED}`;
    let v: TestVault;
    let host: VaultHost;
    let vault: Vault;
    let edit: Database.Database;
    let columns: string[];

    /** The core's own verify handler on the open vault (it flushes and reads the keychain anchor). */
    const verify = async (): Promise<AuditVerifyView> => {
      const operator: Operator = { personId: 1, name: 'Alex Admin', email: 'alex.admin@trust.example', consoleRole: 'admin', schoolScope: null, schoolScopeId: null, workSchool: null, workSchoolId: null, mustChangePassphrase: false };
      return auditHandlers['audit.verify']({ vault, operator, token: '', keys: null }, {});
    };
    const head = () => (edit.prepare('SELECT MAX(seq) AS seq FROM audit_events').get() as { seq: number }).seq;
    const rowAt = (seq: number) => edit.prepare('SELECT * FROM audit_events WHERE seq = ?').get(seq) as Row;
    const insertRow = (row: Row) => edit.prepare(`INSERT INTO audit_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
    const expectCaught = async (expectedSeq: number, what: string) => {
      const result = await verify();
      expect(result.ok, `${what} went unnoticed (${replay})`).toBe(false);
      if (!result.ok) expect(result.firstBadSeq, `${what}: ${result.problem} (${replay})`).toBe(expectedSeq);
    };
    const int = (below: number) => Math.floor(random() * below);
    /** The anchor trails the head by up to a second: write it now, as a quiet second would. */
    const settle = () => vault.anchor.flush();

    beforeAll(async () => {
      v = await createTestVault();
      await v.core.close();
      // The same open path the core uses, so appends go through the real AuditLog and anchor.
      host = new VaultHost(v.dataDir, createKeytarStore(), v.clock, () => {});
      vault = await host.open();
      const actions = ['secret.reveal', 'totp.code', 'access.grant', 'access.revoke', 'post.create', 'inbox.add', 'auth.signIn', 'permission.denied'];
      const file = vault.file!;
      file.sql.transaction(() => {
        for (let i = 0; file.audit.headSync()!.seq < EVENTS; i += 1) {
          file.audit.appendSync(
            {
              actorId: i % 7 === 0 ? null : 1,
              action: actions[i % actions.length]!,
              target: i % 5 === 0 ? null : `channel:${(i % 40) + 1}`,
              channelId: i % 3 === 0 ? null : (i % 40) + 1,
              schoolId: i % 4 === 0 ? null : (i % 6) + 1,
              reason: i % 2 === 0 ? null : `Weekly check ${i} — café rota ✓`,
              outcome: i % 11 === 0 ? 'denied' : 'ok',
              details: { n: i, kind: i % 2 === 0 ? 'password' : 'totp', note: i % 9 === 0 ? 'ünïcødé 学校' : 'plain' },
            },
            new Date(Date.UTC(2026, 0, 1) + i * 60_000),
          );
        }
      });
      edit = new Database(databasePath(v.dataDir));
      // The attacker's tools: no append-only triggers and no CHECK constraints (a hex editor has neither).
      edit.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      edit.pragma('ignore_check_constraints = ON');
      columns = (edit.prepare('PRAGMA table_info(audit_events)').all() as { name: string }[]).map((c) => c.name);
      // Untouched, it passes; that verify is itself appended, and the next verify anchors it.
      expect(await verify()).toMatchObject({ ok: true, events: EVENTS });
      expect(await verify()).toMatchObject({ ok: true, events: EVENTS + 1 });
    }, 120_000);

    afterAll(async () => {
      edit?.close();
      await host?.close();
      await v?.close();
    });

    it(`catches ${BYTE_CHANGES} single-byte changes in any column, naming the changed event`, async () => {
      await settle();
      const n = head();
      const firstColumn = int(columns.length);
      expect(BYTE_CHANGES).toBeGreaterThanOrEqual(columns.length);
      for (let i = 0; i < BYTE_CHANGES; i += 1) {
        const seq = 1 + int(n);
        // The columns in turn, from a random first one: every column is changed on every trail.
        const column = columns[(firstColumn + i) % columns.length]!;
        const original = rowAt(seq)[column] ?? null;
        const flip = 1 + int(255);
        let expected = seq;
        if (column === 'seq') {
          // One byte of the 64-bit integer; a value that collides with another event is a
          // different attack (a swap), so try another byte then.
          let changed: bigint;
          do {
            const bytes = Buffer.alloc(8);
            bytes.writeBigInt64LE(BigInt(seq));
            bytes[int(8)]! ^= 1 + int(255);
            changed = bytes.readBigInt64LE();
          } while (changed >= 1n && changed <= BigInt(n));
          edit.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(changed, seq);
          // Moved past the end, the event leaves a gap at its seq; moved below 1, it comes first.
          expected = changed < 1n ? 1 : seq;
          await expectCaught(expected, `event ${seq}: seq changed to ${changed}`);
          edit.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(seq, changed);
          continue;
        }
        if (typeof original === 'number' || typeof original === 'bigint') {
          const bytes = Buffer.alloc(8);
          bytes.writeBigInt64LE(BigInt(original));
          bytes[int(8)]! ^= flip;
          edit.prepare(`UPDATE audit_events SET ${column} = ? WHERE seq = ?`).run(bytes.readBigInt64LE(), seq);
        } else if (original === null) {
          // An empty column gains one byte.
          edit.prepare(`UPDATE audit_events SET ${column} = CAST(? AS TEXT) WHERE seq = ?`).run(Buffer.from([flip]), seq);
        } else {
          // The stored text's bytes, one of them changed in place (even into invalid UTF-8).
          const bytes = Buffer.from(original, 'utf8');
          bytes[int(bytes.length)]! ^= flip;
          edit.prepare(`UPDATE audit_events SET ${column} = CAST(? AS TEXT) WHERE seq = ?`).run(bytes, seq);
        }
        await expectCaught(expected, `event ${seq}: one byte of ${column} changed`);
        edit.prepare(`UPDATE audit_events SET ${column} = ? WHERE seq = ?`).run(original, seq);
      }
      expect(await verify(), replay).toMatchObject({ ok: true });
    }, 600_000);

    it(`catches ${DELETIONS} deleted rows: a gap, or a cut tail when the last row goes`, async () => {
      await settle();
      const n = head();
      for (let i = 0; i < DELETIONS; i += 1) {
        // Now and then the very last event, which only the keychain anchor can miss.
        const seq = i % 10 === 0 ? n : 1 + int(n);
        const row = rowAt(seq);
        edit.prepare('DELETE FROM audit_events WHERE seq = ?').run(seq);
        await expectCaught(seq, `event ${seq} deleted`);
        insertRow(row);
      }
      expect(await verify(), replay).toMatchObject({ ok: true });
    }, 600_000);

    it(`catches ${SWAPS} swaps of two rows, naming the earlier one`, async () => {
      await settle();
      const n = head();
      for (let i = 0; i < SWAPS; i += 1) {
        const a = 1 + int(n - 1);
        // Neighbours half the time: the hardest case for a chain.
        const b = i % 2 === 0 ? a + 1 : a + 1 + int(n - a);
        const [rowA, rowB] = [rowAt(a), rowAt(b)];
        edit.prepare('DELETE FROM audit_events WHERE seq IN (?, ?)').run(a, b);
        insertRow({ ...rowB, seq: a });
        insertRow({ ...rowA, seq: b });
        await expectCaught(a, `events ${a} and ${b} swapped`);
        edit.prepare('DELETE FROM audit_events WHERE seq IN (?, ?)').run(a, b);
        insertRow(rowA);
        insertRow(rowB);
      }
      expect(await verify(), replay).toMatchObject({ ok: true });
    }, 600_000);

    it(`catches ${TRUNCATIONS} tails cut off, through the keychain anchor`, async () => {
      await settle();
      const n = head();
      for (let i = 0; i < TRUNCATIONS; i += 1) {
        const keep = n - 1 - int(i % 2 === 0 ? 5 : n - 1);
        const cut = edit.prepare('SELECT * FROM audit_events WHERE seq > ? ORDER BY seq').all(keep) as Row[];
        edit.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep);
        const result = await verify();
        expect(result.ok, `tail after ${keep} cut went unnoticed (${replay})`).toBe(false);
        if (!result.ok) {
          expect(result.firstBadSeq, replay).toBe(keep + 1);
          expect(result.problem).toMatch(/cut from the end/);
        }
        edit.transaction(() => cut.forEach(insertRow))();
      }
      expect(await verify(), replay).toMatchObject({ ok: true });
    }, 600_000);
  });
}
