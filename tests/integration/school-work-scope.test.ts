import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/methods';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * Operators at a school (SLT or staff), whatever their console role, work on their school's
 * channels and the trust's only, and an SLT administrator administers their own school only.
 * The attacker here is a poster at one school curious about another's safeguarding records,
 * and an SLT administrator reaching for the whole trust.
 */
describe("an operator at a school works on that school's records and the trust's only", () => {
  let v: TestVault;
  let ppaPoster: string;
  let ppaAdmin: string;
  let incidentAtCas: number;
  let pupilContactAtCas: number;
  let trustItem: number;

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Poster', email: 'sam@ppa.example', role: 'slt', school: 'PPA', consoleRole: 'poster', passphrase: 'lighthouse pebble orchard' }));
    value(await v.call(v.admin, 'person.add', { name: 'Ada Head', email: 'ada@ppa.example', role: 'slt', school: 'PPA', consoleRole: 'admin', passphrase: 'granite meadow violin' }));
    ppaPoster = await v.signIn('sam@ppa.example', 'lighthouse pebble orchard');
    ppaAdmin = await v.signIn('ada@ppa.example', 'granite meadow violin');
    incidentAtCas = value(await v.call(v.admin, 'incident.add', { channel: 'x:@SHINEatCPA', summary: 'Bullying comments under a sports day post', kind: 'bullying' })).id;
    pupilContactAtCas = value(
      await v.call(v.admin, 'inbox.add', { channel: 'x:@SHINEatCPA', kind: 'pupil-contact', received: '2026-11-23T09:00:00Z', summary: 'A pupil asked for help by direct message' }),
    ).id;
    trustItem = value(await v.call(v.admin, 'inbox.add', { channel: 'x:@pendleeducation', kind: 'comment', received: '2026-11-23T10:00:00Z', summary: 'A parent thanked the trust' })).id;
  });
  afterAll(async () => v.close());

  it("hides another school's incident, pupil contact and its DSL alert from a poster there", async () => {
    const incidents = value(await v.call(ppaPoster, 'incident.list', {}));
    expect(incidents.map((i) => i.id)).not.toContain(incidentAtCas);
    const inbox = value(await v.call(ppaPoster, 'inbox.list', {}));
    expect(inbox.map((i) => i.id)).not.toContain(pupilContactAtCas);
    // The trust's own channels are everyone's daily work.
    expect(inbox.map((i) => i.id)).toContain(trustItem);
    const notices = value(await v.call(ppaPoster, 'notification.list', {}));
    expect(notices.filter((n) => n.kind === 'pupil-contact')).toEqual([]);
    expect(JSON.stringify(notices)).not.toContain('CAS');
    // The core team still sees them all.
    expect(value(await v.call(v.admin, 'notification.list', {})).some((n) => n.kind === 'pupil-contact')).toBe(true);
  });

  it("refuses to let a poster at one school stop another school's clock or touch its incident", async () => {
    expect(await v.call(ppaPoster, 'inbox.respond', { id: pupilContactAtCas, how: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(ppaPoster, 'incident.update', { id: incidentAtCas, action: 'hide' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(ppaPoster, 'inbox.list', { channel: 'x:@SHINEatCPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(ppaPoster, 'monitor.check', { channel: 'x:@SHINEatCPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Nothing changed: the item is still open and its clock still runs.
    const item = value(await v.call(v.admin, 'inbox.list', {})).find((i) => i.id === pupilContactAtCas);
    expect(item?.respondedAt ?? null).toBeNull();
    expect(value(await v.call(v.admin, 'incident.list', {})).find((i) => i.id === incidentAtCas)?.actions).toEqual([]);
    // Their own school's and the trust's channels are theirs to work on.
    value(await v.call(ppaPoster, 'monitor.check', { channel: 'x:@SHINEatPPA' }));
    value(await v.call(ppaPoster, 'inbox.respond', { id: trustItem, how: 'acknowledged' }));
  });

  it('lets an SLT administrator administer their own school only, never the trust', async () => {
    const trustWide = (Object.keys(contract) as MethodName[]).filter((method) => contract[method].trustWide);
    expect(trustWide).toEqual(expect.arrayContaining(['person.add', 'backup.create', 'backup.restore', 'transfer.export', 'school.add', 'import.register']));
    const refusals = [
      await v.call(ppaAdmin, 'person.add', { name: 'New Person', email: 'new@ppa.example', role: 'staff', school: 'PPA' }),
      await v.call(ppaAdmin, 'backup.create', {}),
      await v.call(ppaAdmin, 'school.add', { name: 'Another School', code: 'ANO' }),
      await v.call(ppaAdmin, 'access.grant', { channel: 'x:@SHINEatCPA', email: 'ada@ppa.example' }),
      await v.call(ppaAdmin, 'access.grant', { channel: 'x:@pendleeducation', email: 'ada@ppa.example' }),
      await v.call(ppaAdmin, 'secret.set', { channel: 'x:@SHINEatCPA', kind: 'password', value: 'planted by another school' }),
      await v.call(ppaAdmin, 'consent.list', { school: 'CAS' }),
    ];
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(v.admin, 'access.list', { channel: 'x:@SHINEatCPA' }))).toEqual([]);
    expect(value(await v.call(v.admin, 'school.list', {})).map((s) => s.code)).not.toContain('ANO');
    // Their own school: yes.
    value(await v.call(ppaAdmin, 'access.grant', { channel: 'x:@SHINEatPPA', email: 'ada@ppa.example' }));
    value(await v.call(ppaAdmin, 'consent.list', { school: 'PPA' }));
    // Each refusal is in the trail against them.
    const denied = value(await v.call(v.admin, 'audit.list', { action: 'permission.denied', limit: 100 })).filter((e) => e.actor === 'ada@ppa.example');
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });
});
