import { scoped } from '../access/school-scope';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { personByEmail } from '../people/people.repo';
import { listTraining, trainingById } from './training.repo';
import { londonToday } from '../clock';

export const trainingHandlers: HandlerMap<'training.record' | 'training.list'> = {
  'training.record': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const today = londonToday(vault.clock);
      if (input.on > today) {
        throw new CoreError('invalid_input', `The training date ${input.on} is in the future: record training once it has happened.`, 'on');
      }
      const person = await personByEmail(data, input.email, today);
      if (!person.active) {
        throw new CoreError('conflict', `${person.email} left on ${person.leftOn}: training is recorded only for people still with the trust.`, 'email');
      }
      let trainerId: number | null = null;
      if (input.trainer !== undefined) {
        const trainer = await data.first(
          qb
            .selectFrom('people')
            .leftJoin('operators', 'operators.person_id', 'people.id')
            .select(['people.id', 'people.email', 'people.left_on', 'operators.console_role'])
            .where('people.email', '=', input.trainer),
        );
        if (trainer === undefined) {
          throw new CoreError('not_found', `The trainer ${input.trainer} is not on the register.`, 'trainer');
        }
        if (trainer.console_role !== 'admin') {
          throw new CoreError(
            'conflict',
            `The trainer ${trainer.email} is not an account administrator: training must be given by a Custodian operator with the admin role.`,
            'trainer',
          );
        }
        if (trainer.left_on !== null && trainer.left_on <= input.on) {
          throw new CoreError('conflict', `The trainer ${trainer.email} had left on ${trainer.left_on}, before the training on ${input.on}.`, 'trainer');
        }
        trainerId = trainer.id;
      }
      const note = input.note === undefined || input.note === '' ? null : input.note;
      const row = await data.first(
        qb
          .insertInto('training_records')
          .values({
            person_id: person.id,
            trained_on: input.on,
            trainer_id: trainerId,
            note,
            recorded_by: operator.personId,
            recorded_at: vault.clock.now().toISOString(),
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      const schoolRow = await data.first(qb.selectFrom('people').select('school_id').where('id', '=', person.id));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'training.record',
        target: `person:${person.id}`,
        schoolId: schoolRow?.school_id ?? null,
        outcome: 'ok',
        details: { trainingId: row.id, trainedOn: input.on, trainerId },
      });
      return trainingById(data, row.id, today);
    });
  },

  'training.list': async ({ vault, operator }) => scoped(operator, await listTraining(vault.data, londonToday(vault.clock))),
};
