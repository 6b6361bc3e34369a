/*
 * The closed sets of values some fields take, as plain constants without zod: the CLI's command
 * table names them in its usage lines and checks flags against them, and must load without the
 * schemas (fields.ts builds its zod enums from these, so the two cannot drift apart).
 */

/** The inbox: how a message was answered (any of the three stops the clock). */
export const responseHows = ['acknowledged', 'answered', 'referred'] as const;

/**
 * The consent register: why a person's image must not be published. 'not-filmed' is anyone
 * (pupil, parent, member of staff) who asked not to be filmed or photographed.
 */
export const consentReasons = ['no-consent', 'withdrawn', 'safeguarding', 'not-filmed'] as const;

/** Incidents: what happened, what was done on the platform, and who it was reported to. */
export const incidentKinds = ['abuse', 'bullying', 'inappropriate-content', 'concern', 'other'] as const;
export const incidentActions = ['hide', 'delete', 'block', 'report'] as const;
export const escalationTargets = ['line-manager', 'dsl', 'principal', 'police'] as const;

/** The largest evidence file the core keeps. */
export const EVIDENCE_MAX_BYTES = 15 * 1024 * 1024;
