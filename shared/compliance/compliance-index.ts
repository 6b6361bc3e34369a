import { formatChannelRef } from '../domain/handle';
import type { FindingSubject } from './compliance-finding';
import type { ComplianceSnapshot, SnapshotChannel, SnapshotGrant, SnapshotPerson, SnapshotSchool } from './compliance-snapshot';
import { channelLabel } from './compliance-words';

/**
 * The snapshot indexed once by id, so that every rule is a single pass over its own rows: with
 * 20,000 grants and 10,000 inbox items a nested scan would be hundreds of millions of steps.
 */
export interface SnapshotIndex {
  readonly schoolById: ReadonlyMap<number, SnapshotSchool>;
  readonly personById: ReadonlyMap<number, SnapshotPerson>;
  /** Keyed by the lower-cased address. */
  readonly personByEmail: ReadonlyMap<string, SnapshotPerson>;
  readonly channelById: ReadonlyMap<number, SnapshotChannel>;
  readonly currentGrantsByChannel: ReadonlyMap<number, readonly SnapshotGrant[]>;
  readonly currentGrantsByPerson: ReadonlyMap<number, readonly SnapshotGrant[]>;
  /** Whether a person holds a channel's login details now. */
  holdsNow(channelId: number, personId: number): boolean;
  /** People who have ever held any channel's login details (the account administrators). */
  readonly everHeld: ReadonlySet<number>;
  channelSubject(channelId: number): FindingSubject;
}

// Every rule asks for the index of the same snapshot; a WeakMap builds it once per evaluation
// and lets it go with the snapshot.
const cache = new WeakMap<ComplianceSnapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: ComplianceSnapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached !== undefined) return cached;

  // Plain loops, not `new Map(rows.map(...))`: no [key, value] array per row, nor an iterator
  // step per grant before the loop is optimized (the report runs this once per call).
  const schoolById = new Map<number, SnapshotSchool>();
  for (const s of snapshot.schools) schoolById.set(s.id, s);
  const personById = new Map<number, SnapshotPerson>();
  const personByEmail = new Map<string, SnapshotPerson>();
  for (const p of snapshot.people) {
    personById.set(p.id, p);
    personByEmail.set(p.email.trim().toLowerCase(), p);
  }
  const channelById = new Map<number, SnapshotChannel>();
  for (const c of snapshot.channels) channelById.set(c.id, c);
  const currentGrantsByChannel = new Map<number, SnapshotGrant[]>();
  const currentGrantsByPerson = new Map<number, SnapshotGrant[]>();
  const currentHolders = new Map<number, Set<number>>();
  const everHeld = new Set<number>();
  const { grants } = snapshot;
  for (let g = 0; g < grants.length; g += 1) {
    const grant = grants[g] as SnapshotGrant;
    everHeld.add(grant.personId);
    if (grant.revokedAt !== null) continue;
    push(currentGrantsByChannel, grant.channelId, grant);
    push(currentGrantsByPerson, grant.personId, grant);
    let holders = currentHolders.get(grant.channelId);
    if (holders === undefined) {
      holders = new Set();
      currentHolders.set(grant.channelId, holders);
    }
    holders.add(grant.personId);
  }

  const subjects = new Map<number, FindingSubject>();
  const channelSubject = (channelId: number): FindingSubject => {
    let subject = subjects.get(channelId);
    if (subject === undefined) {
      const channel = channelById.get(channelId);
      if (channel === undefined) {
        // A row pointing at a channel the snapshot lacks: still worth reporting, by id.
        subject = { kind: 'channel', key: `#${channelId}`, name: `channel #${channelId}` };
      } else {
        const owner = channel.schoolId === null ? snapshot.trustName : (schoolById.get(channel.schoolId)?.name ?? channel.name);
        subject = { kind: 'channel', key: formatChannelRef(channel.platform, channel.handle), name: channelLabel(owner, channel.platform, channel.handle) };
      }
      subjects.set(channelId, subject);
    }
    return subject;
  };

  const holdsNow = (channelId: number, personId: number) => currentHolders.get(channelId)?.has(personId) ?? false;

  const index: SnapshotIndex = { schoolById, personById, personByEmail, channelById, currentGrantsByChannel, currentGrantsByPerson, holdsNow, everHeld, channelSubject };
  cache.set(snapshot, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Someone has gone from the day they leave (the same reading as the people register). */
export function hasLeft(person: SnapshotPerson, today: string): boolean {
  return person.leftOn !== null && person.leftOn <= today;
}

export function personSubject(person: SnapshotPerson): FindingSubject {
  return { kind: 'person', key: person.email, name: person.name };
}
