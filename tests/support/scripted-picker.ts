import type { FolderPicker, FolderPurpose } from '../../electron/core/app';

/** In place of main's folder dialog: the folder the person "picks" next for each ask (null is Cancel). */
export function scriptedPicker(): FolderPicker & { answers: (string | null)[]; asked: FolderPurpose[] } {
  const answers: (string | null)[] = [];
  const asked: FolderPurpose[] = [];
  return {
    answers,
    asked,
    choose: async (purpose) => {
      asked.push(purpose);
      return answers.shift() ?? null;
    },
  };
}
