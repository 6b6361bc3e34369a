import { EVIDENCE_MAX_BYTES } from '../../../shared/contract/fields';
import type { IncidentView } from '../../../shared/contract/views';
import { requireMayWorkOn } from '../access/school-scope';
import { channelLabel, resolveChannel } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { contentProblem, evidenceFileName, sha256Hex, storeEvidenceFile } from '../files/evidence-store';
import { incidentRowById, incidentViewById, listIncidents, type IncidentRow } from './incidents.repo';

/** A closed incident is the record of what happened: it is not changed afterwards. */
function requireOpen(row: IncidentRow): void {
  if (row.closed_at !== null) {
    throw new CoreError(
      'conflict',
      `Incident ${row.id} was closed on ${row.closed_at.slice(0, 10)} and a closed incident is not changed; nothing was changed. Log a new incident for anything new.`,
      'id',
    );
  }
}

async function count(db: Db, table: 'incident_actions' | 'incident_escalations' | 'incident_evidence', incidentId: number): Promise<number> {
  return Number((await db.first(qb.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('incident_id', '=', incidentId)))?.n ?? 0);
}

async function alreadyAttached(db: Db, incidentId: number, sha256: string): Promise<{ original_name: string } | undefined> {
  return db.first(qb.selectFrom('incident_evidence').select('original_name').where('incident_id', '=', incidentId).where('sha256', '=', sha256));
}

/**
 * Incidents: abuse, bullying, inappropriate content and concerns on a channel. The summary
 * stays in the incident: audit events carry the kind, the channel, the actions, the
 * escalations and the evidence's SHA-256, never what was said or by whom.
 */
export const incidentHandlers: HandlerMap<'incident.add' | 'incident.addEvidence' | 'incident.update' | 'incident.list'> = {
  'incident.add': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const channel = await resolveChannel(data, input.channel);
      requireMayWorkOn(operator, channel.school_id, 'channel');
      const label = channelLabel(channel);
      if (input.inbox !== undefined) {
        const item = await data.first(
          qb
            .selectFrom('inbox_items as i')
            .innerJoin('channels as c', 'c.id', 'i.channel_id')
            .select(['i.id', 'i.channel_id', 'c.platform', 'c.handle'])
            .where('i.id', '=', input.inbox),
        );
        if (item === undefined) throw new CoreError('not_found', `No inbox item has the id ${input.inbox}.`, 'inbox');
        if (item.channel_id !== channel.id) {
          throw new CoreError(
            'invalid_input',
            `Inbox item ${item.id} came in through ${channelLabel(item)}, not ${label}: link an incident to an inbox item of the same channel. Nothing was logged.`,
            'inbox',
          );
        }
      }
      const kind = input.kind ?? 'other';
      const row = await data.first(
        qb
          .insertInto('incidents')
          .values({
            channel_id: channel.id,
            inbox_item_id: input.inbox ?? null,
            kind,
            summary: input.summary,
            opened_at: vault.clock.now().toISOString(),
            opened_by: operator.personId,
            audience_told: null,
            closed_at: null,
            closed_by: null,
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      await vault.audit.append({
        actorId: operator.personId,
        action: 'incident.add',
        target: `incident:${row.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { kind, channel: label },
      });
      return incidentViewById(data, row.id);
    });
  },

  /**
   * Evidence arrives as base64 (the window or the CLI read the file; no path crosses the
   * contract). The core checks the bytes are what their type says, stores them under their
   * SHA-256 in the data folder's evidence/ and records them. The same file is attached to an
   * incident once (a second time is refused as a likely double submit); the same content on
   * another incident shares the stored file.
   */
  'incident.addEvidence': async ({ vault, operator }, input) => {
    const { data } = vault;
    const before = await incidentRowById(data, input.id);
    requireMayWorkOn(operator, before.school_id, 'incident');
    requireOpen(before);
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw new CoreError('invalid_input', 'The file content is empty: attach the screenshot or file itself.', 'contentBase64');
    if (bytes.length > EVIDENCE_MAX_BYTES) throw new CoreError('invalid_input', 'The file content must be at most 15 MB.', 'contentBase64');
    const problem = contentProblem(bytes, input.mediaType);
    if (problem !== null) throw new CoreError('invalid_input', `The file content ${problem} (${input.mediaType}); nothing was attached.`, 'contentBase64');
    const sha256 = sha256Hex(bytes);
    const duplicate = (existing: { original_name: string }) =>
      new CoreError('conflict', `This file is already attached to incident ${before.id} (as ${existing.original_name}); nothing was changed.`, 'contentBase64');
    const early = await alreadyAttached(data, before.id, sha256);
    if (early !== undefined) throw duplicate(early);
    // The file first, then its record: a record never names a file that is not there. (A file
    // left without a record by a failure below is harmless: it is named by its content.)
    const fileName = await storeEvidenceFile(vault.dataDir, bytes, sha256, input.mediaType);
    if (fileName !== evidenceFileName(sha256, input.mediaType)) throw new Error('unexpected evidence file name');
    return data.transaction(async () => {
      // Checked again: the incident may have been closed, or the file attached, meanwhile.
      const row = await incidentRowById(data, input.id);
      requireOpen(row);
      const late = await alreadyAttached(data, row.id, sha256);
      if (late !== undefined) throw duplicate(late);
      await data.run(
        qb.insertInto('incident_evidence').values({
          incident_id: row.id,
          file_name: fileName,
          original_name: input.name,
          sha256,
          bytes: bytes.length,
          media_type: input.mediaType,
          captured_at: vault.clock.now().toISOString(),
          captured_by: operator.personId,
        }),
      );
      await vault.audit.append({
        actorId: operator.personId,
        action: 'incident.evidence',
        target: `incident:${row.id}`,
        channelId: row.channel_id,
        schoolId: row.school_id,
        outcome: 'ok',
        details: { sha256, bytes: bytes.length },
      });
      return incidentViewById(data, row.id);
    });
  },

  /**
   * What was done: an action on the platform, whether the audience was told why, an
   * escalation, closing. The policy's order is kept: evidence is captured before anything is
   * deleted. Closing needs at least one action or escalation on record (this update's count),
   * so an incident is never closed with nothing done about it. Each change is its own event.
   */
  'incident.update': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const row = await incidentRowById(data, input.id);
      requireMayWorkOn(operator, row.school_id, 'incident');
      requireOpen(row);
      if (input.action === 'delete' && (await count(data, 'incident_evidence', row.id)) === 0) {
        throw new CoreError('conflict', 'Capture evidence (a screenshot) before deleting; nothing was changed.', 'action');
      }
      const actions = (await count(data, 'incident_actions', row.id)) + (input.action === undefined ? 0 : 1);
      const escalations = (await count(data, 'incident_escalations', row.id)) + (input.escalate === undefined ? 0 : 1);
      if (input.close === true && actions + escalations === 0) {
        throw new CoreError(
          'conflict',
          `Incident ${row.id} has no action (hide, delete, block, report) and no escalation on record: record what was done, or who it was reported to, before closing it. Nothing was changed.`,
          'close',
        );
      }
      const now = vault.clock.now().toISOString();
      const event = (action: string, details: Record<string, unknown>) =>
        vault.audit.append({
          actorId: operator.personId,
          action,
          target: `incident:${row.id}`,
          channelId: row.channel_id,
          schoolId: row.school_id,
          outcome: 'ok',
          details,
        });
      if (input.action !== undefined) {
        await data.run(qb.insertInto('incident_actions').values({ incident_id: row.id, action: input.action, at: now, by: operator.personId }));
        await event('incident.action', { action: input.action });
      }
      if (input.audienceTold !== undefined) {
        await data.run(qb.updateTable('incidents').set({ audience_told: input.audienceTold ? 1 : 0 }).where('id', '=', row.id));
        await event('incident.audience', { told: input.audienceTold });
      }
      if (input.escalate !== undefined) {
        await data.run(qb.insertInto('incident_escalations').values({ incident_id: row.id, to_whom: input.escalate, at: now, by: operator.personId }));
        await event('incident.escalate', { to: input.escalate });
      }
      if (input.close === true) {
        await data.run(qb.updateTable('incidents').set({ closed_at: now, closed_by: operator.personId }).where('id', '=', row.id));
        await event('incident.close', { actions, escalations, evidence: await count(data, 'incident_evidence', row.id) });
      }
      return incidentViewById(data, row.id);
    });
  },

  'incident.list': ({ vault, operator }, input): Promise<IncidentView[]> =>
    listIncidents(vault.data, { openOnly: input.open === true, workSchoolId: operator.workSchoolId }),
};
