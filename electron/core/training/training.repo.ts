import type { IsoDate } from '../../../shared/calendar/calendar-types';
import { addMonths } from '../../../shared/compliance/compliance-dates';
import type { TrainingView } from '../../../shared/contract/views';
import { loadPolicyProfile } from '../compliance/policy-profile.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/** How long training counts, in months: the trust's policy profile says (trainingValidMonths). */
async function validMonths(db: Db): Promise<number> {
  return (await loadPolicyProfile(db)).profile.trainingValidMonths;
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

function listQuery() {
  return trainingQuery().orderBy('p.name').orderBy('p.id').orderBy('t.trained_on', 'desc').orderBy('t.id', 'desc');
}

/** Every record, by trainee name and then newest first. */
export async function listTraining(db: Db, today: IsoDate): Promise<TrainingView[]> {
  const months = await validMonths(db);
  return (await db.all(listQuery())).map((row) => toTrainingView(row, today, months));
}

export async function trainingById(db: Db, id: number, today: IsoDate): Promise<TrainingView> {
  const row = await db.first(trainingQuery().where('t.id', '=', id));
  if (row === undefined) throw new Error(`training record ${id} is missing`);
  return toTrainingView(row, today, await validMonths(db));
}

/**
 * The day a person's most recent training (up to `asOf`) runs out, or null when none is recorded. For the
 * rule that only trained operators may act as posters (the scheduler and the compliance rules).
 */
export async function trainingRunsOutOn(db: Db, personId: number, asOf: IsoDate): Promise<IsoDate | null> {
  const row = await db.first(
    qb.selectFrom('training_records').select((eb) => eb.fn.max<string>('trained_on').as('last')).where('person_id', '=', personId).where('trained_on', '<=', asOf),
  );
  return row?.last == null ? null : trainingExpiresOn(row.last, await validMonths(db));
}

export async function isTrainedOn(db: Db, personId: number, date: IsoDate): Promise<boolean> {
  const runsOut = await trainingRunsOutOn(db, personId, date);
  return runsOut !== null && date < runsOut;
}

