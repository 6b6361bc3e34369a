import type { Platform } from '../../../../shared/domain/enums';
import type { AdapterOptions } from '../adapter-http';
import type { PlatformAdapter } from '../platform-adapter';
import { createFacebookAdapter } from './facebook.adapter';
import { createInstagramAdapter, type InstagramAdapterOptions } from './instagram.adapter';
import { createLinkedInAdapter } from './linkedin.adapter';
import { createXAdapter, type XAdapterOptions } from './x.adapter';
import { createYouTubeAdapter, type YouTubeAdapterOptions } from './youtube.adapter';

export interface PlatformAdaptersOptions extends AdapterOptions {
  x?: Omit<XAdapterOptions, keyof AdapterOptions>;
  instagram?: Omit<InstagramAdapterOptions, keyof AdapterOptions>;
  youtube?: Omit<YouTubeAdapterOptions, keyof AdapterOptions>;
}

/** The publishing engine's adapters, one per platform. Each channel's api_base picks where its requests go. */
export type AdapterRegistry = Readonly<Record<Platform, PlatformAdapter>>;

/** One adapter per platform, sharing fetch, clock and timeouts (the composition root passes them; tests pass short deadlines). */
export function createPlatformAdapters(options: PlatformAdaptersOptions = {}): AdapterRegistry {
  const { x, instagram, youtube, ...shared } = options;
  return {
    x: createXAdapter({ ...shared, ...x }),
    facebook: createFacebookAdapter(shared),
    instagram: createInstagramAdapter({ ...shared, ...instagram }),
    linkedin: createLinkedInAdapter(shared),
    youtube: createYouTubeAdapter({ ...shared, ...youtube }),
  };
}
