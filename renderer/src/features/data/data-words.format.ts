import type { BackupView, ReviewProgressView } from '../../../../shared/contract/views';

/** What each backup kind means to someone who did not make it. */
export const backupKindWords: Record<BackupView['kind'], string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  manual: 'Made by hand',
  'pre-migration': 'Before an update',
};

/** 1536 → '1.5 KB': sizes as a file manager shows them (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(size < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The first 12 hex digits of a SHA-256: enough to compare by eye with the manifest. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The progress bar's words for the step the export is on. */
export function exportStepWords(progress: ReviewProgressView | null): string {
  if (progress === null || progress.file === null) return 'Gathering the year’s records…';
  if (progress.file === 'manifest.json') return 'Signing the pack…';
  return `Writing ${progress.file}…`;
}

/** How far along the export is, 0–100: a step counts as done once the next one starts. */
export function exportPercent(progress: ReviewProgressView | null): number {
  if (progress === null || progress.total === 0) return 2;
  return Math.max(2, Math.round(((progress.index - 1) / progress.total) * 100));
}
