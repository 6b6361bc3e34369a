import type { HandlerMap } from '../handler-types';
import { listNotifications } from './notifications.repo';

export const notificationHandlers: HandlerMap<'notification.list'> = {
  // An SLT auditor sees their own school's notices; the trust's own channels' are not theirs.
  'notification.list': ({ vault, operator }, input) =>
    listNotifications(vault.sql, { unreadOnly: input.unreadOnly === true, schoolCode: operator.schoolScope }),
};
