import { writeFile } from 'node:fs/promises';
import type { ReviewData } from './review-model';

/** review.json: the same object the PDF and the workbook are made from, with its schemaVersion. */
export async function writeReviewJson(data: ReviewData, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
}
