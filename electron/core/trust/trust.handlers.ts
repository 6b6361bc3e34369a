import type { HandlerMap } from '../handler-types';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import { listSchools } from './schools.repo';

export const trustHandlers: HandlerMap<'school.add' | 'school.list'> = {
  'school.add': ({ vault, operator }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const clash = await db.first(qb.selectFrom('schools').select('id').where('code', '=', input.code));
      if (clash !== undefined) throw new CoreError('conflict', `A school with the code ${input.code} already exists.`, 'code');
      const row = await db.first(
        qb
          .insertInto('schools')
          .values({ code: input.code, name: input.name, created_at: vault.clock.now().toISOString() })
          .returning(['id', 'code', 'name']),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      await vault.audit.append({ actorId: operator.personId, action: 'school.add', target: `school:${row.id}`, schoolId: row.id, outcome: 'ok' });
      return row;
    });
  },
  'school.list': ({ vault }) => listSchools(vault.data),
};
