// One entry point from files on disk to the site model, shared by the build, the dev server
// and `npm run check`, so all three apply the same rules.
import { join } from "node:path";
import { ConversionCache } from "../convert/conversion-cache.ts";
import { Converters } from "../convert/converters.ts";
import { Problems, sortProblems, type Problem } from "../content/problems.ts";
import { loadBlocklist, spamJudgeFor } from "../content/spam-guard.ts";
import { readArticlesInParallel } from "../content/parallel-read.ts";
import { startReadCounts } from "../content/articles.ts";
import { buildModel, conversionRequests, loadSources, type ModelMemory } from "../model/build-model.ts";
import type { SiteModel } from "../model/types.ts";
import { loadSiteConfig } from "./site-config.ts";
import { checkSiteData } from "./site-data-guard.ts";
import { prepareMedia, type MediaStats } from "../media/prepare.ts";
import { applySchedule, warnEarlyLinks, type Schedule } from "../content/schedule.ts";
import { buildNow } from "../sitemaps/news-sitemap.ts";

export interface LoadSiteOptions {
  root: string;
  includeDrafts: boolean;
  /** Where conversion results are kept between builds; null: not kept. */
  cacheFile: string | null;
  /** The dev server: save the cache once edits pause, not on every rebuild. */
  saveLater?: boolean;
  /** Read articles on two threads: where it gains (default), always, or never. */
  parallelRead?: "auto" | "always" | "never";
  /** The last build's memory (LoadedSite.memory): its pages are taken over where unchanged (the dev server). */
  previous?: ModelMemory | null;
}

export interface LoadedSite {
  model: SiteModel | null;
  /** For the next build of the same site (LoadSiteOptions.previous): this build's, or when it made no model the one it was given. */
  memory: ModelMemory | null;
  problems: Problem[];
  cache: { hits: number; misses: number };
  /** Milliseconds: reading and checking content, converting (within loading), all of loading. */
  timings?: { read: number; convert: number; total: number };
  /** Photos encoded now and taken from .cache/media (each size and format a file). */
  media?: MediaStats;
  /** The build's now and the articles dated after it (content/schedule.ts): left out, or with includeDrafts shown marked. */
  schedule?: Schedule;
}

export function defaultCacheFile(root: string): string {
  return join(root, ".cache", "conversions.bin");
}

export async function loadSite(options: LoadSiteOptions): Promise<LoadedSite> {
  const problems = new Problems();
  const site = loadSiteConfig(options.root, problems);
  if (problems.errors.length > 0) return { model: null, memory: options.previous ?? null, problems: sortProblems(problems.list), cache: { hits: 0, misses: 0 } };
  const cache = ConversionCache.open(options.cacheFile);
  const converters = new Converters(site.variants, site.glossary, cache);
  const started = performance.now();
  startReadCounts();
  const loadOptions = { includeDrafts: options.includeDrafts, blocklist: loadBlocklist(options.root, problems) };
  // Site data and the glossary are content: judged as articles are, and kept from renaming the site.
  checkSiteData(site, spamJudgeFor(loadOptions.blocklist), problems);
  // A big site's articles are read on two threads; loadSources then finds them read.
  if (options.parallelRead !== "never") await readArticlesInParallel(site, loadOptions, options.parallelRead ?? "auto");
  const sources = loadSources(site, problems, loadOptions);
  const read = performance.now() - started;
  // Every photo decoded and re-encoded (media/prepare.ts), before the problems are final: one that does not decode is one of them.
  const media = await prepareMedia(sources, problems, { root: options.root });
  if (problems.errors.length > 0) return { model: null, memory: options.previous ?? null, problems: sortProblems(problems.list), cache: { hits: 0, misses: 0 }, media };
  // Scheduled publishing, before the model: nothing built from it can name an article before
  // its time. Read, checked and its photos encoded all the same, so its problems show now and
  // the build that publishes it finds its photos in the cache. The dev server (drafts shown)
  // shows it too, marked.
  const { articles, schedule } = applySchedule(sources.articles, buildNow(site.timeZone), options.includeDrafts);
  warnEarlyLinks(site, schedule, [...sources.articles, ...sources.pages], problems);
  const built = { ...sources, articles };
  const previous = options.previous ?? null;
  await converters.prefetch(conversionRequests(site, built, converters, previous));
  const { model, memory } = buildModel(site, converters, built, previous);
  if (options.saveLater) cache.saveSoon();
  else cache.save();
  return {
    model,
    memory,
    problems: sortProblems(problems.list),
    cache: { hits: cache.hits, misses: cache.misses },
    timings: { read, convert: converters.elapsedMs, total: performance.now() - started },
    media,
    schedule,
  };
}

/**
 * The checks of a build without building or converting anything: for `npm run check`. The
 * same options as the build (drafts read and checked, not published), so the same problems.
 */
export async function checkSite(root: string): Promise<{ problems: Problem[]; articles: number; schedule?: Schedule; timeZone?: string }> {
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  if (problems.errors.length > 0) return { problems: sortProblems(problems.list), articles: 0 };
  const blocklist = loadBlocklist(root, problems);
  checkSiteData(site, spamJudgeFor(blocklist), problems);
  const sources = loadSources(site, problems, { includeDrafts: false, blocklist });
  // As the build does: a photo that does not decode is found only by decoding it (and the next build finds it encoded).
  await prepareMedia(sources, problems, { root });
  const { schedule } = applySchedule(sources.articles, buildNow(site.timeZone), false);
  warnEarlyLinks(site, schedule, [...sources.articles, ...sources.pages], problems);
  return { problems: sortProblems(problems.list), articles: sources.articles.length, schedule, timeZone: site.timeZone };
}
