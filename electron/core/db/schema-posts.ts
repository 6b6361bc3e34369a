import type { Generated } from 'kysely';

/** Row types of the posts and publishing tables, for kysely (schema.ts joins them into Database). */
export interface PostsTable {
  id: Generated<number>;
  author_id: number;
  text: string;
  intended_outcome: string;
  status: 'draft' | 'awaiting-approval' | 'approved' | 'scheduled' | 'cancelled';
  scheduled_at: string | null;
  publish_on_approval: number;
  /** JSON: what the author confirmed, and when. */
  checklist: string;
  pupils: 'none' | 'present' | 'named';
  /** JSON: ids of consent register entries. */
  pupils_named: string;
  version: number;
  created_at: string;
  updated_at: string;
  approved_by: number | null;
  approved_at: string | null;
  approved_version: number | null;
  /** JSON: what the approver confirmed. */
  approval_checklist: string | null;
}
export interface PostVariantsTable {
  id: Generated<number>;
  post_id: number;
  channel_id: number;
  position: number;
  text: string;
  own_text: number;
  title: string | null;
}
export interface PostMediaTable {
  id: Generated<number>;
  post_id: number;
  position: number;
  file_name: string;
  sha256: string;
  bytes: number;
  media_type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'video/mp4' | 'video/quicktime';
  alt_text: string | null;
  original_name: string;
  public_url: Generated<string | null>;
}
export interface PostTargetsTable {
  id: Generated<number>;
  post_id: number;
  channel_id: number;
  state: 'scheduled' | 'claimed' | 'remote_created' | 'published' | 'failed' | 'needs_review' | 'cancelled' | 'manual';
  lease_owner: string | null;
  lease_until: string | null;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  remote_id: string | null;
  /** JSON: what the platform holds mid-publish (e.g. an Instagram container id). */
  remote_state: string | null;
  published_at: string | null;
  last_error: string | null;
  late: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Set (committed) right before an attempt's network call; cleared with its outcome. */
  sending_started_at: string | null;
}

/** A channel published by hand (assisted manual publishing, migration 0010). */
export interface ManualChannelsTable {
  channel_id: number;
  set_at: string;
  set_by: number;
}

export interface ChannelConnectionsTable {
  channel_id: number;
  account_id: string;
  api_base: string | null;
  connected_at: string;
  connected_by: number;
  status: 'connected' | 'reconnect-needed';
  last_error: string | null;
  auth: Generated<'token' | 'oauth'>;
  token_expires_at: string | null;
  refresh_owner: string | null;
  refresh_until: string | null;
}

export interface PlatformAppsTable {
  platform: string;
  has_secret: number;
  authorize_url: string | null;
  token_url: string | null;
  /** NULL: the platform's default loopback port (see oauth-redirects.ts). */
  redirect_port: number | null;
  linkedin_flow: Generated<string>;
  /** Facebook Login for Business: the configuration the Meta dialog is opened with (instead of scopes). */
  config_id: string | null;
  configured_at: string;
  configured_by: number;
}
