import type { Platform } from '../../../shared/domain/enums';
import { createPlatformAdapters, type PlatformAdaptersOptions } from './adapters/platform-adapters';
import type { PlatformAdapter } from './platform-adapter';

/** The publishing engine's adapters, one per platform. Each channel's api_base picks where its requests go. */
export type AdapterRegistry = Readonly<Record<Platform, PlatformAdapter>>;

export type { PlatformAdaptersOptions } from './adapters/platform-adapters';

/** The registry the composition root builds (tests pass short deadlines, or adapters of their own). */
export function createAdapterRegistry(options: PlatformAdaptersOptions = {}): AdapterRegistry {
  return createPlatformAdapters(options);
}
