import type { ReviewProgressView } from '../../../shared/contract/views';

type Step = { file: string; index: number; total: number };

/**
 * The window's review export under way, for its progress bar: the window asks (review.progress)
 * every half second while its export call is running. One export at a time per core, so two
 * clicks cannot write two packs at once; only the session that started it sees its steps.
 */
export class ReviewExportTracker {
  private current: { token: string; step: Step | null } | null = null;

  get busy(): boolean {
    return this.current !== null;
  }

  start(token: string): void {
    this.current = { token, step: null };
  }

  step(step: Step): void {
    if (this.current !== null) this.current.step = step;
  }

  finish(): void {
    this.current = null;
  }

  viewFor(token: string): ReviewProgressView {
    const current = this.current;
    if (current === null || current.token !== token) return { running: false, file: null, index: 0, total: 0 };
    return { running: true, file: current.step?.file ?? null, index: current.step?.index ?? 0, total: current.step?.total ?? 0 };
  }
}
