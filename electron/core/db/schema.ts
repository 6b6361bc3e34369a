import type { Generated } from 'kysely';

/** Row types for kysely, matching migrations/. Columns are snake_case as in SQL. */
export interface VaultTable { id: number; vault_id: string; created_at: string }
export interface TrustTable { id: number; name: string }
export interface SchoolsTable { id: Generated<number>; code: string; name: string; created_at: string }
export interface PeopleTable {
  id: Generated<number>;
  name: string;
  email: string;
  role: string;
  school_id: number | null;
  left_on: string | null;
  created_at: string;
}
export interface OperatorsTable {
  person_id: number;
  console_role: string;
  passphrase_hash: string;
  passphrase_changed_at: string;
  failed_attempts: number;
  locked_until: string | null;
}
export interface ChannelsTable {
  id: Generated<number>;
  platform: string;
  handle: string;
  handle_key: string;
  name: string;
  school_id: number | null;
  registration_email: string | null;
  mailbox_dedicated: number | null;
  mailbox_access: string;
  two_factor: string;
  purpose: string | null;
  created_at: string;
}
export interface AccessGrantsTable {
  id: Generated<number>;
  channel_id: number;
  person_id: number;
  granted_by: number;
  granted_at: string;
  revoked_by: Generated<number | null>;
  revoked_at: Generated<string | null>;
  revoke_reason: Generated<string | null>;
}
export interface SecretsTable {
  channel_id: number;
  kind: string;
  storage: string;
  sealed_value: string | null;
  set_at: string;
  set_by: number;
  rotated_at: Generated<string | null>;
  rotated_by: Generated<number | null>;
}
export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  target: string | null;
  channel_id: number | null;
  school_id: number | null;
  reason: string | null;
  outcome: string;
  details: string;
  prev_hash: string;
  hash: string;
  mac: string;
}
export interface SchemaMigrationsTable { version: number; name: string; checksum: string; applied_at: string }

export interface Database {
  vault: VaultTable;
  trust: TrustTable;
  schools: SchoolsTable;
  people: PeopleTable;
  operators: OperatorsTable;
  channels: ChannelsTable;
  access_grants: AccessGrantsTable;
  secrets: SecretsTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}
