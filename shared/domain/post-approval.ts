import type { ConsoleRole } from './enums';

/**
 * Who approves a post whose media show pupils: an administrator, who can see the school's
 * no-publish list and confirm that no listed pupil can be identified. The core refuses anyone
 * else (posts.handlers.ts); the window offers the approval only to them.
 */
export function approvesPostsWithPupils(role: ConsoleRole): boolean {
  return role === 'admin';
}
