import type { SchoolView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

const schoolsQuery = () => qb.selectFrom('schools').select(['id', 'code', 'name']);

export function listSchools(db: Db): Promise<SchoolView[]> {
  return db.all(schoolsQuery().orderBy('code'));
}

export async function schoolByCode(db: Db, code: string): Promise<SchoolView> {
  const school = await db.first(schoolsQuery().where('code', '=', code));
  return school ?? unknownSchool(code, (await listSchools(db)).map((s) => s.code));
}

function unknownSchool(code: string, known: string[]): never {
  throw new CoreError(
    'not_found',
    `No school has the code ${code}.${known.length > 0 ? ` Known codes: ${known.join(', ')}.` : ' Add schools first.'}`,
    'school',
  );
}
