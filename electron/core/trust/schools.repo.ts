import type { SchoolView } from '../../../shared/contract/views';
import { qb, type Sql } from '../db/sql';
import { CoreError } from '../errors';

export function listSchools(sql: Sql): SchoolView[] {
  return sql.all(qb.selectFrom('schools').select(['id', 'code', 'name']).orderBy('code'));
}

export function schoolByCode(sql: Sql, code: string): SchoolView {
  const school = sql.first(qb.selectFrom('schools').select(['id', 'code', 'name']).where('code', '=', code));
  if (school === undefined) {
    const known = listSchools(sql).map((s) => s.code);
    throw new CoreError(
      'not_found',
      `No school has the code ${code}.${known.length > 0 ? ` Known codes: ${known.join(', ')}.` : ' Add schools first.'}`,
      'school',
    );
  }
  return school;
}
