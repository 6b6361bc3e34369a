import { resolve } from 'node:path';
import type { HandlerMap } from '../../handler-types';
import { enrolPublisher } from './publisher-enrol';

/** publisher.enrol: `custodian scheduler enrol [--key-file PATH]` (administrators of the whole trust). */
export const publisherHandlers: HandlerMap<'publisher.enrol'> = {
  'publisher.enrol': async ({ vault, operator, keys }, input) => {
    const keyFile = input.keyFile === undefined ? null : resolve(input.keyFile);
    const enrolled = await enrolPublisher(vault, operator, keys, keyFile === null ? 'keychain' : { keyFile });
    return { ...enrolled, keyFile };
  },
};
