import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { escalationTargets, EVIDENCE_MAX_BYTES, incidentActions, incidentKinds } from '../../../shared/contract/field-values';
import type { IncidentView } from '../../../shared/contract/views';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, oneOf, positiveIntFlag, required, text, type CommandContext, type CommandSpec } from '../command-spec';
import { json, londonTime, table } from '../format';

type MediaType = 'image/png' | 'image/jpeg' | 'application/pdf' | 'text/plain';

export interface EvidenceFile {
  name: string;
  mediaType: MediaType;
  contentBase64: string;
}

const SUPPORTED = 'Evidence must be a PNG or JPEG screenshot, a PDF, or a plain-text .txt file';

/** The type from the file's first bytes (a .txt file: UTF-8 text with no NUL bytes). */
function sniff(bytes: Buffer, path: string): MediaType | null {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (extname(path).toLowerCase() === '.txt' && !bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'text/plain';
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Reads an evidence file named on the command line: at most 15 MB, and a type Custodian keeps.
 * Anything wrong is a failure (exit 1) that says what to do, before anything is changed. The
 * path stays here: the contract carries the file's own name and its content only.
 */
export async function readEvidenceFile(path: string): Promise<EvidenceFile> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CommandFailed(`${path} is not a file. Give the screenshot or file to keep as evidence.`);
    if (info.size === 0) throw new CommandFailed(`${path} is empty. Give the screenshot or file to keep as evidence.`);
    if (info.size > EVIDENCE_MAX_BYTES) throw new CommandFailed(`${path} is too large to keep as evidence (at most 15 MB). Crop the screenshot or save it as JPEG.`);
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CommandFailed) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') throw new CommandFailed(`There is no file ${path}. Check the path and try again.`);
    throw new CommandFailed(`${path} could not be read: check the path and that you may read it.`);
  }
  if (bytes.length > EVIDENCE_MAX_BYTES) throw new CommandFailed(`${path} is too large to keep as evidence (at most 15 MB).`);
  const mediaType = sniff(bytes, path);
  if (mediaType === null) throw new CommandFailed(`${SUPPORTED}: ${path} is none of these. Save it as one of them and try again.`);
  // The field's schema comes with zod: loaded here, not with the command table.
  const { evidenceName } = await import('../../../shared/contract/fields');
  const name = evidenceName.safeParse(basename(path));
  if (!name.success) {
    throw new CommandFailed(`The file name of ${path} cannot be kept (at most 200 characters, without ".."): rename the file and try again.`);
  }
  return { name: name.data, mediaType, contentBase64: bytes.toString('base64') };
}

function incidentId(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`ID must be an incident's number, such as 12 (got "${(value ?? '').slice(0, 40)}").`);
  }
  return Number(value);
}

function yesNo(ctx: CommandContext, name: string): boolean | undefined {
  const value = oneOf(ctx, name, ['yes', 'no'] as const);
  return value === undefined ? undefined : value === 'yes';
}

const short = (words: string, max = 50) => (words.length > max ? `${words.slice(0, max - 1)}…` : words);

function describeState(incident: IncidentView): string {
  const parts = [
    `${incident.evidence.length} evidence file${incident.evidence.length === 1 ? '' : 's'}`,
    incident.actions.length === 0 ? 'no action' : `actions: ${incident.actions.map((a) => a.action).join(', ')}`,
    incident.escalations.length === 0 ? 'not escalated' : `escalated to: ${incident.escalations.map((e) => e.to).join(', ')}`,
  ];
  return `Incident ${incident.id} (${incident.status}): ${parts.join('; ')}.`;
}

async function attach(ctx: CommandContext, id: number, file: EvidenceFile): Promise<IncidentView> {
  const incident = await ctx.call('incident.addEvidence', { id, ...file });
  const added = incident.evidence.at(-1);
  if (added !== undefined) ctx.io.stderr(`Attached ${added.originalName} (${added.bytes} bytes, SHA-256 ${added.sha256}) to incident ${id}.\n`);
  return incident;
}

export const incidentCommands: CommandSpec[] = [
  {
    words: ['incident', 'add'],
    usage: `custodian incident add CHANNEL --summary TEXT [--kind ${incidentKinds.join('|')}] [--evidence FILE] [--inbox ID]   (prints the new incident's id)`,
    positionals: ['CHANNEL'],
    options: { summary: { type: 'string' }, kind: { type: 'string' }, evidence: { type: 'string' }, inbox: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const summary = required(ctx, 'summary');
      const kind = oneOf(ctx, 'kind', incidentKinds);
      const inbox = positiveIntFlag(ctx, 'inbox');
      const path = text(ctx, 'evidence');
      // The file is read and checked first: a file that cannot be kept changes nothing.
      const file = path === undefined ? undefined : await readEvidenceFile(path);
      const incident = await ctx.call('incident.add', {
        channel: ctx.positionals[0] ?? '',
        summary,
        ...(kind === undefined ? {} : { kind }),
        ...(inbox === undefined ? {} : { inbox }),
      });
      // stdout: the new incident's id, for scripts.
      ctx.io.stdout(`${incident.id}\n`);
      ctx.io.stderr(`Logged incident ${incident.id} (${incident.kind}) on ${incident.channel}.\n`);
      if (file === undefined) {
        ctx.io.stderr(`Capture evidence (a screenshot) before deleting anything: custodian incident update ${incident.id} --evidence FILE\n`);
        return;
      }
      try {
        await attach(ctx, incident.id, file);
      } catch (error) {
        const why = error instanceof Error ? error.message : 'an unexpected error';
        throw new CommandFailed(
          `The evidence was NOT attached: ${why}\nIncident ${incident.id} WAS created. Attach the evidence with: custodian incident update ${incident.id} --evidence FILE`,
        );
      }
    },
  },
  {
    words: ['incident', 'list'],
    usage: 'custodian incident list [--json] [--open]',
    options: { json: { type: 'boolean' }, open: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const incidents = await ctx.call('incident.list', flag(ctx, 'open') ? { open: true } : {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(incidents));
        return;
      }
      if (incidents.length === 0) ctx.io.stderr(flag(ctx, 'open') ? 'No incident is open.\n' : 'No incidents are logged.\n');
      ctx.io.stdout(
        table(
          ['ID', 'CHANNEL', 'KIND', 'OPENED (UK)', 'STATUS', 'EVIDENCE', 'ACTIONS', 'ESCALATED TO', 'SUMMARY'],
          incidents.map((i) => [
            i.id,
            i.channel,
            i.kind,
            londonTime(i.openedAt),
            i.status,
            i.evidence.length,
            i.actions.map((a) => a.action).join(',') || '-',
            i.escalations.map((e) => e.to).join(',') || '-',
            short(i.summary),
          ]),
        ),
      );
    },
  },
  {
    words: ['incident', 'update'],
    usage:
      `custodian incident update ID [--action ${incidentActions.join('|')}] [--audience-told yes|no] ` +
      `[--escalate ${escalationTargets.join('|')}] [--close] [--evidence FILE]`,
    positionals: ['ID'],
    options: {
      action: { type: 'string' },
      'audience-told': { type: 'string' },
      escalate: { type: 'string' },
      close: { type: 'boolean' },
      evidence: { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const id = incidentId(ctx.positionals[0]);
      const action = oneOf(ctx, 'action', incidentActions);
      const audienceTold = yesNo(ctx, 'audience-told');
      const escalate = oneOf(ctx, 'escalate', escalationTargets);
      const close = flag(ctx, 'close');
      const path = text(ctx, 'evidence');
      const changes = action !== undefined || audienceTold !== undefined || escalate !== undefined || close;
      if (!changes && path === undefined) {
        throw new UsageError('Say what changed: --action, --audience-told, --escalate, --close or --evidence.');
      }
      // Evidence first: so "--evidence shot.png --action delete" keeps the policy's order in one command.
      let incident = path === undefined ? undefined : await attach(ctx, id, await readEvidenceFile(path));
      if (changes) {
        incident = await ctx.call('incident.update', {
          id,
          ...(action === undefined ? {} : { action }),
          ...(audienceTold === undefined ? {} : { audienceTold }),
          ...(escalate === undefined ? {} : { escalate }),
          ...(close ? { close: true as const } : {}),
        });
      }
      if (incident !== undefined) ctx.io.stderr(`${describeState(incident)}\n`);
    },
  },
];
