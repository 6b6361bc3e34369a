import type { Platform } from '../../../shared/domain/enums';

/**
 * The contract between the publishing engine and the five platform adapters.
 *
 * An adapter turns one channel target into HTTP calls and reports what happened as one of five
 * outcomes. It never throws for a platform's answer (or lack of one): the engine decides what to
 * record and when to try again from the outcome alone, so every path through an adapter ends in
 * an outcome. Reasons are plain English for a school administrator and never contain the token
 * or a response body, only a short platform message.
 */

export interface PublishMedia {
  bytes: Uint8Array;
  /** The MIME type, e.g. image/jpeg or video/mp4. */
  mediaType: string;
  altText?: string;
  fileName: string;
  /**
   * A copy of the same file at a public https address. Only Instagram needs it: its API fetches
   * the image itself (image_url) and cannot take bytes from this computer.
   */
  publicUrl?: string;
}

export interface PublishChannel {
  platform: Platform;
  /** The page id (Facebook), IG user id (Instagram), organization id (LinkedIn), channel id (YouTube), user id (X). */
  accountId: string;
  /** Per-channel override for a proxy: scheme + host + optional path prefix (see api-base.ts). */
  apiBase?: string;
}

/** What a previous attempt created on the platform, so that a later attempt continues it. */
export interface RemoteProgress {
  /** Instagram: the media container to poll and publish (never create a second one). */
  containerId?: string;
  /** YouTube: the resumable upload session to ask how far it got and to finish. */
  uploadUrl?: string;
}

export interface PublishRequest {
  channel: PublishChannel;
  /** A bearer token: never logged, never put in a URL, a reason or an error. */
  token: string;
  /** The platform variant's text (X post, Facebook message, Instagram caption, LinkedIn commentary, YouTube description). */
  text: string;
  /** YouTube's video title (at most 100 characters). */
  title?: string;
  media: PublishMedia[];
  /** Our target id. No adapter can use it today (none of the five APIs takes a client key), but it travels for logs and future use. */
  idempotencyKey: string;
  remote?: RemoteProgress;
}

export type FailureCode = 'token-expired' | 'duplicate' | 'quota' | 'rejected' | 'media';

export type PublishOutcome =
  /**
   * Done, now: Custodian never hands a post to a platform's own scheduler (Facebook
   * scheduled_publish_time, YouTube publishAt), because approval, consent and the pre-send checks
   * must run at the moment it goes out. notice: it is up, but not as asked, and a person must act
   * (YouTube locked it private): the target keeps it, and there is no url, as nobody else can open it.
   */
  | { kind: 'published'; remoteId: string; url?: string; notice?: string }
  /**
   * A step is done and left something on the platform that the next attempt must continue
   * (an Instagram container, a YouTube upload session). The engine records `remote` before it
   * calls again after retryAfterMs; this is progress, not a failed attempt.
   */
  | { kind: 'remote-created'; remote: RemoteProgress; retryAfterMs?: number }
  /**
   * Nothing was posted (or the remote progress the engine already holds covers what was): try
   * again later. The engine keeps any remote progress it recorded earlier.
   */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Permanent: a person must act (reconnect, edit the post, wait for the quota). */
  | { kind: 'failed'; reason: string; code: FailureCode }
  /** The create was sent but no answer came back and the platform offers no way to read it back: needs_review, never a second post. */
  | { kind: 'ambiguous'; reason: string };

export interface PlatformAdapter {
  readonly platform: Platform;
  publish(request: PublishRequest, signal?: AbortSignal): Promise<PublishOutcome>;
}
