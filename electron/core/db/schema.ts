import type { Generated } from 'kysely';
import type { ChannelConnectionsTable, ManualChannelsTable, PlatformAppsTable, PostMediaTable, PostsTable, PostTargetsTable, PostVariantsTable } from './schema-posts';

export type { ChannelConnectionsTable, ManualChannelsTable, PlatformAppsTable, PostMediaTable, PostsTable, PostTargetsTable, PostVariantsTable };

/** Row types for kysely, matching migrations/sqlite/ and migrations/postgres/. Columns are snake_case as in SQL. */
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
  last_signed_in_at: Generated<string | null>;
  /** 1 when the passphrase scored too low at sign-in: only changing it is allowed. */
  must_change_passphrase: Generated<number>;
}
/** Wrong-passphrase counts by a hash of the address tried (migrations/…_sign_in_throttle.sql). */
export interface SignInThrottleTable {
  key: string;
  empty_at: string;
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
  /** Set when a holder is revoked: they may have seen the value, so it is due a rotation. */
  rotation_due_since: Generated<string | null>;
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
  /** 'wrapped' (holders' keys: the current version is `version`); 'keychain' / 'sealed': not yet moved. */
  storage: string;
  sealed_value: string | null;
  version: number | null;
  set_at: string;
  set_by: number;
  rotated_at: Generated<string | null>;
  rotated_by: Generated<number | null>;
}
/** A person's public keys on this computer (their private halves are sealed in the keychain). */
export interface PersonKeysTable {
  id: Generated<number>;
  person_id: number;
  box_public: string;
  sign_public: string;
  created_at: string;
  /** Replaced by a newer key of the same person (kept: the wraps it signed still verify). */
  retired_at: Generated<string | null>;
  enrolment_signature: Generated<string | null>;
}
/** One version of one secret, encrypted under its own key (keys/secret-crypto.ts). */
export interface SecretVersionsTable {
  channel_id: number;
  kind: string;
  version: number;
  nonce: string;
  ciphertext: string;
  created_at: string;
  created_by: number;
}
/** A secret's key sealed to one recipient ('person:<id>' or 'recovery'), signed by its maker. */
export interface SecretWrapsTable {
  channel_id: number;
  kind: string;
  version: number;
  recipient: string;
  sealed_key: string;
  signer_key_id: number;
  signature: string;
  created_at: string;
}
/** The recovery key's public half (one row): its private half is only on the printed kit. */
export interface RecoveryKeyTable { id: number; box_public: string; created_at: string; created_by: number }
export interface RecoveryKitOfferTable { id: number; offered_at: string; offered_to: number | null }
/** The publisher's public halves, signed by the administrator who enrolled it (publishing/publisher/). */
export interface PublishersTable {
  id: Generated<number>;
  box_public: string;
  sign_public: string;
  enrolled_at: string;
  enrolled_by: number;
  signer_key_id: number;
  signature: string;
  kept_in: 'keychain' | 'file';
  /** Replaced by a newer enrolment (kept: the trail names it as the actor of its passes). */
  retired_at: Generated<string | null>;
}
export interface TrustRootTable { id: number; sign_public: string; created_at: string; created_by: number }
export interface ConsoleCertificatesTable { id: Generated<number>; person_id: number; body: string; signature: string; issued_at: string }
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
  /** 1: events written before trail v2 (ids only); 2: commitments to names (audit-chain-v2.ts). */
  version: Generated<number>;
  actor_commit: Generated<string | null>;
  target_commit: Generated<string | null>;
  channel_commit: Generated<string | null>;
}
export interface AuditNamesTable {
  commitment: string;
  kind: 'person' | 'channel';
  subject_id: number;
  salt: string | null;
  label: string | null;
  name: string | null;
  created_at: string;
}
export interface TrainingRecordsTable {
  id: Generated<number>;
  person_id: number;
  trained_on: string;
  trainer_id: number | null;
  note: string | null;
  recorded_by: number;
  recorded_at: string;
}
export interface CalendarRangesTable {
  id: Generated<number>;
  school_id: number | null;
  kind: 'term' | 'half-term' | 'inset' | 'closure';
  name: string | null;
  start_on: string;
  end_on: string;
}
export interface CalendarImportsTable { scope_key: string; school_id: number | null; imported_at: string; imported_by: number }
export interface BankHolidaysTable { date: string; title: string; division: string }
export interface BankHolidayImportsTable { id: number; imported_at: string; imported_by: number }
export interface InboxItemsTable {
  id: Generated<number>;
  channel_id: number;
  kind: 'comment' | 'query' | 'complaint' | 'concern' | 'pupil-contact';
  received_at: string;
  summary: string;
  author_handle: string | null;
  due_on: string;
  late_from: string;
  warnings: string;
  logged_by: number;
  logged_at: string;
  responded_at: string | null;
  response_how: 'acknowledged' | 'answered' | 'referred' | null;
  response_note: string | null;
  responded_by: number | null;
  school_days_taken: number | null;
  dsl_alerted_at: string | null;
}
export interface MonitoringChecksTable {
  id: Generated<number>;
  channel_id: number;
  checked_on: string;
  checked_at: string;
  checked_by: number;
  note: string | null;
}
export interface NotificationsTable {
  id: Generated<number>;
  created_at: string;
  kind: 'inbox-due-soon' | 'inbox-overdue' | 'pupil-contact' | 'channel-reconnect-needed' | 'post-manual-due' | 'vault-restored';
  subject: string;
  school_id: number | null;
  message: string;
  read_at: string | null;
}
export interface SchemaMigrationsTable { version: number; name: string; checksum: string; applied_at: string }
export interface PolicyProfileTable { id: number; settings: string; updated_at: string; updated_by: number }
export interface PolicyReviewsTable {
  id: Generated<number>;
  reviewed_on: string;
  reviewed_by: string;
  outcome: string;
  next_review_on: string;
  recorded_by: number;
  recorded_at: string;
}

export interface ConsentEntriesTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  class_name: string | null;
  reason: 'no-consent' | 'withdrawn' | 'safeguarding' | 'not-filmed';
  from_on: string | null;
  to_on: string | null;
  note: string | null;
  added_by: number;
  added_at: string;
  removed_at: string | null;
  removed_by: number | null;
}
export interface IncidentsTable {
  id: Generated<number>;
  channel_id: number;
  inbox_item_id: number | null;
  kind: 'abuse' | 'bullying' | 'inappropriate-content' | 'concern' | 'other';
  summary: string;
  opened_at: string;
  opened_by: number;
  audience_told: number | null;
  closed_at: string | null;
  closed_by: number | null;
}
export interface IncidentActionsTable {
  id: Generated<number>;
  incident_id: number;
  action: 'hide' | 'delete' | 'block' | 'report';
  at: string;
  by: number;
}
export interface IncidentEscalationsTable {
  id: Generated<number>;
  incident_id: number;
  to_whom: 'line-manager' | 'dsl' | 'principal' | 'police';
  at: string;
  by: number;
}
export interface IncidentEvidenceTable {
  id: Generated<number>;
  incident_id: number;
  file_name: string;
  original_name: string;
  sha256: string;
  bytes: number;
  media_type: 'image/png' | 'image/jpeg' | 'application/pdf' | 'text/plain';
  captured_at: string;
  captured_by: number;
}

export interface MonitoringRotaTable {
  id: Generated<number>;
  channel_id: number;
  weekday: number;
  person_id: number;
  assigned_by: number;
  assigned_at: string;
}


export interface Database {
  vault: VaultTable;
  trust: TrustTable;
  schools: SchoolsTable;
  people: PeopleTable;
  operators: OperatorsTable;
  sign_in_throttle: SignInThrottleTable;
  channels: ChannelsTable;
  access_grants: AccessGrantsTable;
  secrets: SecretsTable;
  person_keys: PersonKeysTable;
  secret_versions: SecretVersionsTable;
  secret_wraps: SecretWrapsTable;
  recovery_key: RecoveryKeyTable;
  recovery_kit_offer: RecoveryKitOfferTable;
  publishers: PublishersTable;
  trust_root: TrustRootTable;
  console_certificates: ConsoleCertificatesTable;
  audit_events: AuditEventsTable;
  audit_names: AuditNamesTable;
  schema_migrations: SchemaMigrationsTable;
  policy_profile: PolicyProfileTable;
  policy_reviews: PolicyReviewsTable;
  monitoring_rota: MonitoringRotaTable;
  inbox_items: InboxItemsTable;
  monitoring_checks: MonitoringChecksTable;
  notifications: NotificationsTable;
  training_records: TrainingRecordsTable;
  calendar_ranges: CalendarRangesTable;
  calendar_imports: CalendarImportsTable;
  bank_holidays: BankHolidaysTable;
  bank_holiday_imports: BankHolidayImportsTable;
  consent_entries: ConsentEntriesTable;
  incidents: IncidentsTable;
  incident_actions: IncidentActionsTable;
  incident_escalations: IncidentEscalationsTable;
  incident_evidence: IncidentEvidenceTable;
  posts: PostsTable;
  post_variants: PostVariantsTable;
  post_media: PostMediaTable;
  post_targets: PostTargetsTable;
  channel_connections: ChannelConnectionsTable;
  manual_channels: ManualChannelsTable;
  platform_apps: PlatformAppsTable;
}
