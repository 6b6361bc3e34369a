import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalFormV2, chainHashV2, nameCommitment, type ChainFieldsV2 } from '../../electron/core/audit/audit-chain-v2';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const PREV = 'ab'.repeat(32);
const event: ChainFieldsV2 = {
  seq: 7,
  at: '2026-11-24T10:00:00.000Z',
  actor_id: 3,
  actor_commit: 'c1'.repeat(32),
  action: 'secret.reveal',
  target: 'channel:2',
  target_commit: 'c2'.repeat(32),
  channel_id: 2,
  channel_commit: 'c2'.repeat(32),
  school_id: 4,
  reason: 'Café rota ✓',
  outcome: 'ok',
  details: '{"kind":"password"}',
};

/**
 * The bytes of canonical form v2, written out by hand from the definition in audit-chain-v2.ts:
 * a server (or an auditor's script) must be able to recompute them without this code.
 */
describe('canonical form v2', () => {
  it('is the fixed-order JSON array, version first', () => {
    expect(canonicalFormV2(event)).toBe(
      '[2,7,"2026-11-24T10:00:00.000Z",3,"' + 'c1'.repeat(32) + '","secret.reveal","channel:2","' + 'c2'.repeat(32) + '",2,"' + 'c2'.repeat(32) + '","Café rota ✓","ok","{\\"kind\\":\\"password\\"}"]',
    );
  });

  it('links with prev_hash, the school in decimal and the digest, so the school is separable', () => {
    expect(chainHashV2(PREV, event)).toBe(sha256(`${PREV}\n4\n${sha256(canonicalFormV2(event))}`));
    // A trust-wide event: the school is the empty string, and the same digest gives another link.
    expect(chainHashV2(PREV, { ...event, school_id: null })).toBe(sha256(`${PREV}\n\n${sha256(canonicalFormV2(event))}`));
  });

  it('commits to a name with its salt, as a JSON array (no separator a name could forge)', () => {
    expect(nameCommitment('00'.repeat(16), 'bea@trust.example', 'Bea Admin')).toBe(sha256(JSON.stringify(['00'.repeat(16), 'bea@trust.example', 'Bea Admin'])));
    expect(nameCommitment('s', 'a\nb', 'c')).not.toBe(nameCommitment('s', 'a', 'b\nc'));
  });
});
