// The dev server builds the model again on every save. Most pages come out the same as last
// time; handing back last time's object for them (not an equal copy) lets everything made
// from a page (its render key, feed entry, sitemap row) be looked up instead of made again.

interface Made {
  deps: readonly unknown[];
  value: unknown;
}

/** What one build of the model made, by key, for the next build of the same site. */
export class Reuse {
  private readonly made = new Map<string, Made>();

  /** `last`: the previous build's, or null when there is none or site data changed. */
  constructor(private last: Reuse | null) {}

  /**
   * Last build's value for `key` if it was made from the same `deps` (each compared with
   * ===), else a new one from `make`. `deps` must name everything `make` reads that is not
   * fixed by site data, and what `make` returns must never be changed afterwards.
   */
  take<T>(key: string, deps: readonly unknown[], make: () => T): T {
    const hit = this.last?.made.get(key);
    const value = hit && sameDeps(hit.deps, deps) ? (hit.value as T) : make();
    this.made.set(key, { deps, value });
    return value;
  }

  /** The build is complete: the one before it is no longer needed (nor kept in memory). */
  complete(): void {
    this.last = null;
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let lastBuild: { siteKey: string; reuse: Reuse } | null = null;

/**
 * A Reuse for a new build of the site described by `siteKey` (its site data as JSON): it
 * hands back the last build's objects only if that build was of the same site data. Only
 * the last build is kept, so memory does not grow with the number of builds.
 */
export function startBuild(siteKey: string): { reuse: Reuse; done: () => void } {
  const reuse = new Reuse(lastBuild?.siteKey === siteKey ? lastBuild.reuse : null);
  // Kept only once the build is complete: a build that failed half way leaves the last one.
  return {
    reuse,
    done: () => {
      reuse.complete();
      lastBuild = { siteKey, reuse };
    },
  };
}
