import { qb } from '../db/sql';
import type { HandlerMap } from '../handler-types';
import { listNotifications, seesOversightNotices } from './notifications.repo';

export const notificationHandlers: HandlerMap<'notification.list' | 'notification.markRead'> = {
  // An operator at a school sees that school's notices and the trust's, never another school's
  // (a pupil's message there, or its DSL alert).
  'notification.list': ({ vault, operator }, input) =>
    listNotifications(vault.data, { unreadOnly: input.unreadOnly === true, workSchoolId: operator.workSchoolId, oversight: seesOversightNotices(operator.consoleRole) }),

  'notification.markRead': ({ vault, operator }, input) =>
    vault.data.transaction(async () => {
      // Only notices the operator can see: one at a school marks that school's and the trust's.
      const visible = new Set((await listNotifications(vault.data, { unreadOnly: true, workSchoolId: operator.workSchoolId, oversight: seesOversightNotices(operator.consoleRole) })).map((n) => n.id));
      const ids = [...new Set(input.ids)].filter((id) => visible.has(id));
      if (ids.length === 0) return { marked: 0 };
      const at = vault.clock.now().toISOString();
      await vault.data.run(qb.updateTable('notifications').set({ read_at: at }).where('id', 'in', ids).where('read_at', 'is', null));
      await vault.audit.append({ actorId: operator.personId, action: 'notification.read', outcome: 'ok', details: { count: ids.length } });
      return { marked: ids.length };
    }),
};
