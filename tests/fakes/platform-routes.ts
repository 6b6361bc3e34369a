/**
 * Sends requests for a platform's own addresses (https://api.x.com/…) to the local fakes, by
 * longest matching prefix, so a test drives the core with the platform's real, default
 * addresses: the window cannot name another host (only the command line's …Via methods can),
 * and the defaults are what a trust really uses. Anything unrouted is refused, never sent out.
 */
export interface PlatformRoutes {
  rewrite(url: string): string;
  fetch: typeof globalThis.fetch;
}

export function platformRoutes(routes: Record<string, () => string>): PlatformRoutes {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const rewrite = (url: string): string => {
    const prefix = prefixes.find((candidate) => url.startsWith(candidate));
    if (prefix === undefined) {
      if (/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) return url;
      throw new Error(`The test routed no fake for ${url}`);
    }
    return `${(routes[prefix] as () => string)()}${url.slice(prefix.length)}`;
  };
  return {
    rewrite,
    fetch: (input, init) => globalThis.fetch(rewrite(input instanceof Request ? input.url : String(input)), init),
  };
}
