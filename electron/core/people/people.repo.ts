import type { PersonView } from '../../../shared/contract/views';
import type { ConsoleRole, PersonRole } from '../../../shared/domain/enums';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

function peopleQuery() {
  return qb
    .selectFrom('people')
    .leftJoin('schools', 'schools.id', 'people.school_id')
    .leftJoin('operators', 'operators.person_id', 'people.id')
    .select([
      'people.id',
      'people.name',
      'people.email',
      'people.role',
      'people.left_on',
      'schools.code as school',
      'operators.console_role',
    ]);
}

type PersonRow = {
  id: number;
  name: string;
  email: string;
  role: string;
  left_on: string | null;
  school: string | null;
  console_role: string | null;
};

export function toPersonView(row: PersonRow, today: string): PersonView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as PersonRole,
    school: row.school,
    leftOn: row.left_on,
    active: row.left_on === null || row.left_on > today,
    consoleRole: row.console_role as ConsoleRole | null,
  };
}

export async function listPeople(db: Db, today: string): Promise<PersonView[]> {
  return (await db.all(peopleQuery().orderBy('people.name'))).map((row) => toPersonView(row, today));
}

export async function personByEmail(db: Db, email: string, today: string): Promise<PersonView> {
  return personFound(await db.first(peopleQuery().where('people.email', '=', email)), email, today);
}

function personFound(row: PersonRow | undefined, email: string, today: string): PersonView {
  if (row === undefined) throw new CoreError('not_found', `No person with the email ${email} is on the register.`, 'email');
  return toPersonView(row, today);
}

export async function personById(db: Db, id: number, today: string): Promise<PersonView> {
  const row = await db.first(peopleQuery().where('people.id', '=', id));
  if (row === undefined) throw new CoreError('not_found', `No person with id ${id}.`);
  return toPersonView(row, today);
}

/**
 * Admins with no leaving date at all, other than `exceptId`, for the "last admin" rule.
 * An admin due to leave later does not count: when that day came there would be none.
 */
export async function otherStayingAdminCount(db: Db, exceptId: number): Promise<number> {
  const row = await db.first(
    qb
      .selectFrom('operators')
      .innerJoin('people', 'people.id', 'operators.person_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('operators.console_role', '=', 'admin')
      .where('people.left_on', 'is', null)
      .where('people.id', '!=', exceptId),
  );
  return row?.n ?? 0;
}
