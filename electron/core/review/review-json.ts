import { writePrivateFileAsync } from '../files/private-files';
import type { ReviewData } from './review-model';

/** review.json: the same object the PDF and the workbook are made from, with its schemaVersion. */
export async function writeReviewJson(data: ReviewData, path: string): Promise<void> {
  await writePrivateFileAsync(path, `${JSON.stringify(data, null, 2)}\n`);
}
