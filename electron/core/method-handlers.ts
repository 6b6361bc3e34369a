import type { MethodName } from '../../shared/contract/methods';
import * as load from './handler-loaders';
import type { Load } from './handler-loaders';
import type { PublicHandlers, PublisherHandlers, SessionHandlers } from './router';

type Handlers = PublicHandlers & SessionHandlers;

/**
 * The one table of handlers: for every method of the contract (which says who may call it), the
 * loader of the module that runs it. The router imports a module when one of its methods is
 * first called, so a command loads what it uses (issue 14). The types hold the table to the
 * contract: a method missing, one too many, or a loader that does not give that method's
 * handler is a compile error. The desktop app and the CLI use this same table.
 */
export const methodHandlers: { [M in MethodName]: Load<Pick<Handlers, M>> } = {
  'vault.status': load.vault,
  'vault.init': load.vault,
  'auth.signIn': load.vault,
  'auth.passphraseStrength': load.passphraseStrength,
  'auth.signOut': load.auth,
  'auth.whoami': load.auth,
  'auth.changePassphrase': load.auth,
  'example.load': load.example,
  'dashboard.summary': load.dashboard,
  'school.add': load.trust,
  'school.list': load.trust,
  'person.add': load.people,
  'person.resetPassphrase': load.passphraseReset,
  'person.list': load.people,
  'person.markLeft': load.people,
  'channel.add': load.channels,
  'channel.update': load.channels,
  'channel.list': load.channels,
  'secret.set': load.credentials,
  'secret.reveal': load.credentials,
  'secret.copy': load.credentials,
  'totp.code': load.credentials,
  'totp.importQr': load.qrImport,
  'access.grant': load.access,
  'access.revoke': load.access,
  'access.list': load.access,
  'audit.list': load.audit,
  'audit.verify': load.audit,
  'training.record': load.training,
  'training.list': load.training,
  'calendar.importTerms': load.calendar,
  'calendar.importBankHolidays': load.calendar,
  'calendar.show': load.calendar,
  'import.register': load.registerImport,
  'import.credentials': load.credentialsImport,
  'import.chooseFile': load.chosenImport,
  'import.applyChosen': load.chosenImport,
  'import.discard': load.chosenImport,
  'inbox.add': load.inbox,
  'inbox.list': load.inbox,
  'inbox.respond': load.inbox,
  'inbox.notify': load.inbox,
  'notification.list': load.notifications,
  'notification.markRead': load.notifications,
  'monitor.check': load.monitoring,
  'monitor.coverage': load.monitoring,
  'compliance.report': load.compliance,
  'policy.show': load.compliance,
  'policy.update': load.compliance,
  'policy.recordReview': load.compliance,
  'consent.add': load.consent,
  'consent.list': load.consent,
  'consent.remove': load.consent,
  'incident.add': load.incidents,
  'incident.addEvidence': load.incidents,
  'incident.update': load.incidents,
  'incident.list': load.incidents,
  'monitor.rota': load.rota,
  'monitor.assign': load.rota,
  'monitor.unassign': load.rota,
  'post.create': load.posts,
  'post.update': load.posts,
  'post.approve': load.posts,
  'post.cancel': load.posts,
  'post.delete': load.posts,
  'post.list': load.posts,
  'post.retry': load.posts,
  'channel.connect': load.connections,
  'channel.connectVia': load.connections,
  'platform.app': load.platformApps,
  'platform.appAddresses': load.platformApps,
  'platform.apps': load.platformApps,
  'channel.connectOAuth': load.oauthConnect,
  'channel.connectOAuthVia': load.oauthConnect,
  'channel.connections': load.connections,
  'scheduler.runOnce': load.scheduler,
  'publisher.enrol': load.publisher,
  'channel.setManual': load.manualPublishing,
  'post.manualCopy': load.manualPublishing,
  'post.manualRecord': load.manualPublishing,
  'review.export': load.review,
  'review.verify': load.review,
  'review.defaults': load.reviewChosen,
  'review.exportToChosenFolder': load.reviewChosen,
  'review.progress': load.reviewChosen,
  'review.verifyChosenFolder': load.reviewChosen,
  'transfer.export': load.transfer,
  'transfer.import': load.transferImport,
  'backup.create': load.backup,
  'backup.list': load.backup,
  'backup.restore': load.backup,
  'backup.restoreFile': load.backup,
  'backup.setFolder': load.backup,
  'backup.chooseFolder': load.backupChooseFolder,
  'recovery.createKit': load.recovery,
  'recovery.grant': load.recovery,
  'recovery.kitStatus': load.recovery,
  'recovery.createKitInChosenFolder': load.recoveryChosen,
  'recovery.revealWords': load.recoveryChosen,
  'recovery.confirmKit': load.recoveryChosen,
  'recovery.admin': load.recoveryAdmin,
};

/** What the publisher (`scheduler run`) may run: only the methods the contract marks `publisher` are looked up here. */
export const publisherHandlers: Load<PublisherHandlers> = load.publisherScheduler;

/** One method's handler, its module loaded once per core by `use` (the core's cache of loaders). */
export async function loadHandler(use: <T>(load: Load<T>) => Promise<T>, method: MethodName): Promise<unknown> {
  const handlers: Record<string, unknown> = await use(methodHandlers[method] as unknown as Load<Record<string, unknown>>);
  return handlers[method];
}
