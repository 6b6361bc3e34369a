import exampleTrust from '../../../resources/example-trust.json';
import { handleKey } from '../../../shared/domain/handle';
import { hashPassphraseWithKey } from '../auth/passphrase';
import { enrolmentKeyPair } from '../keys/certificate';
import { certifyEnrolment } from '../keys/certify';
import { wipe } from '../keys/sodium';
import { passphraseContext } from '../auth/passphrase-context';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import { qb } from '../db/sql';
import type { HandlerMap } from '../handler-types';
import { buildDemo, storeDemoSecrets } from './demo-data';
import { buildDemoPolicyRecords } from './demo-policy';

/**
 * Adds the schools and channels of the policy's appendix to the vault's trust. Entries that
 * are already there are left alone, so loading twice changes nothing. --demo adds fictional
 * people, holders and a year of credential use, for screenshots, benchmarks and tests.
 */
export const exampleHandlers: HandlerMap<'example.load'> = {
  'example.load': async (ctx, input) => {
    const { vault, operator } = ctx;
    const db = vault.data;
    if (input.demo && input.demoPassphrase !== undefined) {
      await requireStrongPassphrase(input.demoPassphrase, await passphraseContext(vault, {}), 'demoPassphrase', "The demo people's passphrase");
    }
    const hashed = input.demo && input.demoPassphrase !== undefined ? await hashPassphraseWithKey(input.demoPassphrase) : null;
    const demoHash = hashed?.hash ?? null;
    // Every demo operator shares the demo passphrase, so one enrolment key is certified for each of them.
    const enrolment = hashed === null ? null : enrolmentKeyPair(hashed.enrolmentSeed);
    if (hashed !== null) wipe(hashed.sealingKey, hashed.enrolmentSeed, enrolment?.privateKey);
    const counts = await db.transaction(async () => {
      const now = vault.clock.now().toISOString();
      const counts = { schools: 0, channels: 0, people: 0, grants: 0 };
      const schoolIds = new Map<string, number>();
      for (const school of exampleTrust.schools) {
        const existing = await db.first(qb.selectFrom('schools').select('id').where('code', '=', school.code));
        if (existing !== undefined) {
          schoolIds.set(school.code, existing.id);
          continue;
        }
        const row = await db.first(qb.insertInto('schools').values({ ...school, created_at: now }).returning('id'));
        if (row === undefined) throw new Error('insert returned nothing');
        schoolIds.set(school.code, row.id);
        counts.schools += 1;
      }
      for (const channel of exampleTrust.channels) {
        const key = handleKey(channel.handle);
        const existing = await db.first(
          qb.selectFrom('channels').select('id').where('platform', '=', channel.platform).where('handle_key', '=', key),
        );
        if (existing !== undefined) continue;
        await db.run(
          qb.insertInto('channels').values({
            platform: channel.platform,
            handle: channel.handle,
            handle_key: key,
            name: channel.name,
            school_id: channel.school === null ? null : (schoolIds.get(channel.school) ?? null),
            registration_email: null,
            mailbox_dedicated: null,
            mailbox_access: '[]',
            two_factor: 'not-enabled',
            purpose: null,
            created_at: now,
          }),
        );
        counts.channels += 1;
      }
      if (input.demo) {
        const demo = await buildDemo(vault, operator.personId, schoolIds, demoHash, async (personId) => {
          if (enrolment !== null) await certifyEnrolment(ctx, personId, enrolment.publicKey);
        });
        counts.people = demo.people;
        counts.grants = demo.grants;
        await buildDemoPolicyRecords(vault, operator.personId);
      }
      await vault.audit.append({ actorId: operator.personId, action: 'example.load', outcome: 'ok', details: { demo: input.demo, ...counts } });
      return counts;
    });
    if (input.demo) await storeDemoSecrets(ctx);
    return counts;
  },
};
