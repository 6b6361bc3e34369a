import type { IsoDate } from '../../../shared/calendar/calendar-types';
import { addMonths } from '../../../shared/compliance/compliance-dates';
import type { TrainingView } from '../../../shared/contract/views';
import { loadPolicyProfile } from '../compliance/policy-profile.repo';
import { qb, type Sql } from '../db/sql';

/** How long training counts, in months: the trust's policy profile says (trainingValidMonths). */
function validMonths(sql: Sql): number {
  return loadPolicyProfile(sql).profile.trainingValidMonths;
}

/**
 * The day training on `trainedOn` runs out: the same date `months` later (the 31st lands on a
 * shorter month's last day), as the compliance rule for posters counts it. It counts until the
 * day before.
 */
export function trainingExpiresOn(trainedOn: IsoDate, months: number): IsoDate {
  return addMonths(trainedOn, months);
}

function trainingQuery() {
  return qb
    .selectFrom('training_records as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .leftJoin('schools as s', 's.id', 'p.school_id')
    .leftJoin('people as tr', 'tr.id', 't.trainer_id')
    .select([
      't.id',
      't.trained_on',
      't.note',
      'p.email as person_email',
      'p.name as person_name',
      's.code as school',
      'tr.email as trainer_email',
      'tr.name as trainer_name',
    ]);
}

type TrainingRow = {
  id: number;
  trained_on: string;
  note: string | null;
  person_email: string;
  person_name: string;
  school: string | null;
  trainer_email: string | null;
  trainer_name: string | null;
};

function toTrainingView(row: TrainingRow, today: IsoDate, months: number): TrainingView {
  const expiresOn = trainingExpiresOn(row.trained_on, months);
  return {
    id: row.id,
    personEmail: row.person_email,
    personName: row.person_name,
    school: row.school,
    trainedOn: row.trained_on,
    trainerEmail: row.trainer_email,
    trainerName: row.trainer_name,
    note: row.note,
    expiresOn,
    inDate: today < expiresOn,
  };
}

/** Every record, by trainee name and then newest first. */
export function listTraining(sql: Sql, today: IsoDate): TrainingView[] {
  const months = validMonths(sql);
  return sql.all(trainingQuery().orderBy('p.name').orderBy('p.id').orderBy('t.trained_on', 'desc').orderBy('t.id', 'desc')).map((row) => toTrainingView(row, today, months));
}

export function trainingById(sql: Sql, id: number, today: IsoDate): TrainingView {
  const row = sql.first(trainingQuery().where('t.id', '=', id));
  if (row === undefined) throw new Error(`training record ${id} is missing`);
  return toTrainingView(row, today, validMonths(sql));
}

/**
 * The day a person's most recent training (up to `asOf`) runs out, or null when none is recorded. For the
 * rule that only trained operators may act as posters (the scheduler and the compliance rules).
 */
export function trainingRunsOutOn(sql: Sql, personId: number, asOf: IsoDate): IsoDate | null {
  const row = sql.first(
    qb.selectFrom('training_records').select((eb) => eb.fn.max<string>('trained_on').as('last')).where('person_id', '=', personId).where('trained_on', '<=', asOf),
  );
  return row?.last == null ? null : trainingExpiresOn(row.last, validMonths(sql));
}

export function isTrainedOn(sql: Sql, personId: number, date: IsoDate): boolean {
  const runsOut = trainingRunsOutOn(sql, personId, date);
  return runsOut !== null && date < runsOut;
}
