// Eleventy renders one page after another on one thread. A big build deals the pages to
// render, in runs, to helper threads (render-worker.ts), each with its own Eleventy; the
// main thread keeps the first share. Smaller builds are not worth a thread: a helper's own
// Eleventy costs ~3 s of CPU to start and run, and on two cores rendering gains about a
// quarter; measured, the two cross at ~8,000 pages.
import { availableParallelism } from "node:os";
import { startWorkers, workerModule, type WorkerGroup } from "../workers/pool.ts";
import type { DateTime } from "luxon";
import type { SiteModel } from "../model/types.ts";
import type { RenderSubset } from "./render-plan.ts";
import { renderedKinds, renderedLists } from "../model/page-kinds.ts";
import { outputFile } from "../site/urls.ts";
import type { HelperJob, HelperResult } from "./render-worker.ts";
import type renderShare from "./render-worker.ts";
import type { WrittenRow } from "../integrity/written-files.ts";

export interface Options {
  /** Threads rendering pages, the main one included. */
  threads: number;
  /** Below this many pages to render, the main thread renders them all. */
  minPages: number;
}

export const defaults: Options = {
  threads: Math.min(availableParallelism(), 4),
  minPages: 10000,
};

/** The main thread also writes feeds, sitemaps and the search pages, and hands out the
 * shares: it takes a shorter run than a helper. */
const MAIN_WEIGHT = 0.8;

/** The `offset`th of `n` consecutive runs of each list (run 0 is the main thread's). Runs,
 * not every `n`th page: pages next to each other in a list share their folders, and threads
 * creating entries in the same folder wait for each other in the file system. */
export function dealShare(render: RenderSubset, n: number, offset: number): RenderSubset {
  const total = MAIN_WEIGHT + (n - 1);
  const edge = (k: number, length: number) => (k === 0 ? 0 : Math.round((length * (MAIN_WEIGHT + (k - 1))) / total));
  const share = {} as RenderSubset;
  for (const list of renderedLists) {
    const length = render[list].length;
    share[list] = render[list].slice(edge(offset, length), offset + 1 === n ? length : edge(offset + 1, length));
  }
  return share;
}

/**
 * After a threaded render: every page to render was written, and no file by two threads.
 * Eleventy reports two pages at one address only among the pages it renders itself.
 */
export function checkEveryPageWrittenOnce(render: RenderSubset, main: readonly WrittenRow[], helpers: readonly WrittenRow[]): void {
  const byMain = new Set(main.map((row) => row[0]));
  const byHelpers = new Set<string>();
  for (const [path] of helpers) {
    if (byMain.has(path) || byHelpers.has(path)) throw new Error(`Two pages were written to ${path}: two pages of the site have the same address. Give one of them another slug.`);
    byHelpers.add(path);
  }
  for (const { list, template } of renderedKinds) {
    for (const page of render[list]) {
      const path = outputFile(page.url);
      if (!byMain.has(path) && !byHelpers.has(path)) throw new Error(`${path} was not rendered by any thread (is content/_generate/${template} paginated over news.render.${list}?).`);
    }
  }
}

export function pageCount(render: RenderSubset): number {
  return renderedLists.reduce((n, list) => n + render[list].length, 0);
}

/** A page as a helper receives it: luxon dates cannot be cloned, so they cross as JS dates
 * (no layout reads them; a page's digest sees a date by its instant either way). */
function transferable<T extends object>(page: T): T {
  if (!("date" in page)) return page;
  const { date, updated } = page as T & { date: DateTime; updated?: DateTime };
  return { ...page, date: new Date(date.toMillis()), updated: updated && new Date(updated.toMillis()) };
}

const RENDER = workerModule<typeof renderShare>("Rendering pages", new URL("./render-worker.ts", import.meta.url));

export class RenderHelpers {
  private readonly helpers: WorkerGroup<typeof renderShare>;
  private readonly count: number;
  private readonly minPages: number;
  private dealt = false;
  /** Threads that rendered pages, the main one included (known once dealt). */
  threadsUsed = 1;

  /** Starts `count` helpers; each starts its Eleventy and waits for its share. Fewer than
   * `minPages` pages to render are all the main thread's: the helpers get nothing and stop. */
  constructor(count: number, job: HelperJob, minPages = defaults.minPages) {
    this.count = count;
    this.minPages = minPages;
    // A helper's Eleventy prints its own "Wrote n files": the build's summary says it once.
    this.helpers = startWorkers(RENDER, Array.from({ length: count }, () => job), { quiet: true });
  }

  /** Sends each helper its share of `render` and returns the main thread's. `keyWith`: the
   * helpers also make their pages' render keys. */
  deal(model: SiteModel, render: RenderSubset, keyWith?: string): RenderSubset {
    const n = pageCount(render) >= this.minPages ? this.count + 1 : 1;
    // Fewer threads than helpers: the others get an empty share and stop.
    const shares = Array.from({ length: this.count + 1 }, (_, i) => dealShare(render, n, i));
    this.threadsUsed = shares.filter((s) => pageCount(s) > 0).length || 1;
    for (let i = 0; i < this.count; i++) {
      const share = shares[i + 1];
      const mapped = {} as RenderSubset;
      for (const list of renderedLists) mapped[list] = share[list].map(transferable);
      this.helpers.send(i, { site: model.site, variants: model.variants, security: model.security, root: model.root, render: mapped, keyWith });
    }
    this.dealt = true;
    return shares[0];
  }

  /** Resolves once every helper has written its pages, with what they wrote ([path, size,
   * sha256]) and the keys they made; rejects with the first failure (pool.ts: WorkerFailed). */
  async finished(): Promise<HelperResult> {
    // Helpers wait for their share: without one they would wait for ever.
    if (!this.dealt) {
      void this.stop();
      throw new Error("Rendering pages: the helper threads were never dealt their pages.");
    }
    const all = await this.helpers.results;
    return { written: all.flatMap((r) => r.written), keys: all.flatMap((r) => r.keys) };
  }

  stop(): Promise<void> {
    return this.helpers.stop();
  }
}
