// The site model in process: nothing that reads it changes it (the model is frozen and every
// consumer run over it), and a second build with the first's memory hands back the first's
// object for every page an edit does not reach, which the dev server relies on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { ConversionCache } from "../scripts/convert/conversion-cache.ts";
import { Converters } from "../scripts/convert/converters.ts";
import { Problems } from "../scripts/content/problems.ts";
import { loadBlocklist } from "../scripts/content/spam-guard.ts";
import type { ArticleSource } from "../scripts/content/articles.ts";
import { feedChannels, jsonFeed } from "../scripts/feeds/feeds.ts";
import { buildModel, loadSources, type SiteSources } from "../scripts/model/build-model.ts";
import { Memo, sameInputs } from "../scripts/model/memo.ts";
import type { Link, PageBase, SiteModel, Teaser } from "../scripts/model/types.ts";
import { keyPages, RENDERED_LISTS, type RenderSubset } from "../scripts/render/render-plan.ts";
import { indexJob, searchDocuments } from "../scripts/search/documents.ts";
import { loadSite } from "../scripts/site/load-site.ts";
import { loadSiteConfig } from "../scripts/site/site-config.ts";
import { asTemplateData } from "../scripts/site/template-data.ts";
import { buildNow, newsSitemaps } from "../scripts/sitemaps/news-sitemap.ts";
import { robotsTxt, sitemapIndex, variantSitemaps } from "../scripts/sitemaps/sitemaps.ts";
import { articleJsonLd, socialMeta } from "../scripts/structured-data/social.ts";
import { PROJECT } from "./helpers/site-fixture.ts";

/** Freezes everything reachable; Maps and Sets refuse changes too. Luxon dates are immutable by their API (and cache lazily inside). */
function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== "object" || value === null || seen.has(value) || DateTime.isDateTime(value)) return;
  seen.add(value);
  if (value instanceof Map || value instanceof Set) {
    const refuse = () => {
      throw new TypeError("a frozen model's Map or Set was changed");
    };
    Object.assign(value, { set: refuse, add: refuse, delete: refuse, clear: refuse });
    for (const entry of value instanceof Map ? value.entries() : value.values()) deepFreeze(entry, seen);
  }
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key], seen);
  Object.freeze(value);
}

/** Every page of the model, as the render plan lists them. */
function allPages(model: SiteModel): RenderSubset {
  return Object.fromEntries(RENDERED_LISTS.map((list) => [list, [...((model as unknown as Record<string, { url: string }[]>)[list] ?? [])]])) as RenderSubset;
}

test("the memo compares inputs: values by identity, arrays item by item, keyed inputs by key", () => {
  const a = {};
  const b = {};
  assert.ok(sameInputs({ x: 1, y: a }, { x: 1, y: a }));
  assert.ok(!sameInputs({ x: 1, y: a }, { x: 1, y: b }));
  assert.ok(sameInputs({ l: [[a], [b]] }, { l: [[a], [b]] }));
  assert.ok(!sameInputs({ l: [[a], [b]] }, { l: [[a, b]] }));
  assert.ok(!sameInputs({ x: 1 }, { x: 1, y: 2 }));
  assert.ok(sameInputs({ c: { memoKey: "v1" } }, { c: { memoKey: "v1" } }));
  assert.ok(!sameInputs({ c: { memoKey: "v1" } }, { c: { memoKey: "v2" } }));
  const twice = (i: { n: number; o: object }) => ({ ...i });
  const first = new Memo(null);
  const made = first.make("k", { n: 1, o: a }, twice);
  assert.equal(first.make("k", { n: 1, o: a }, twice), made, "asked twice in one build: one object");
  assert.throws(() => first.make("k", { n: 2, o: a }, twice), /twice, from different inputs/);
  const memory = first.done("site", {});
  assert.equal(new Memo(memory).make("k", { n: 1, o: a }, twice), made, "same inputs: last build's object");
  assert.notEqual(new Memo(memory).make("k", { n: 1, o: b }, twice), made, "another object: made again");
  assert.notEqual(new Memo(memory).make("k", { n: 1, o: a }, (i) => ({ ...i })), made, "a closure is a new builder every time: never reused");
});

function sources(): { site: ReturnType<typeof loadSiteConfig>; sources: SiteSources; converters: () => Converters } {
  const problems = new Problems();
  const site = loadSiteConfig(PROJECT, problems);
  const read = loadSources(site, problems, { includeDrafts: false, blocklist: loadBlocklist(PROJECT, problems) });
  assert.deepEqual(problems.errors, []);
  // One cache for both builds, as the dev server keeps it; a new Converters each build, as loadSite makes.
  const cache = ConversionCache.open(null);
  return { site, sources: read, converters: () => new Converters(site.variants, site.glossary, cache) };
}

test("a second build with the first's memory: an edited article makes new pages where it shows, every other page is the first build's object", () => {
  const { site, sources: first, converters } = sources();
  const one = buildModel(site, converters(), first, null);

  // Nothing changed: every page is the same object.
  const same = buildModel(loadSiteConfig(PROJECT, new Problems()), converters(), first, one.memory);
  for (const list of RENDERED_LISTS) {
    const was = allPages(one.model)[list];
    allPages(same.model)[list].forEach((page, i) => assert.equal(page, was[i], `${page.url}: not the first build's object`));
  }
  assert.equal(same.model.variants[0], one.model.variants[0]);

  // An article with both neighbours, its title edited (the reader gives a new object for an edited file).
  const edited = first.articles.find((a, i, all) => i > 0 && all.slice(0, i).some((x) => x.section === a.section) && all.slice(i + 1).some((x) => x.section === a.section))!;
  assert.ok(edited, "the sample site has an article between two of its section");
  const changed: ArticleSource = { ...edited, title: `${edited.title}（更新）` };
  const second = buildModel(site, converters(), { ...first, articles: first.articles.map((a) => (a === edited ? changed : a)) }, same.memory);

  const before = new Map<string, PageBase>();
  for (const list of RENDERED_LISTS) for (const page of allPages(one.model)[list] as PageBase[]) before.set(page.url, page);
  const linksToEdited = (l: Link | undefined) => l?.url.endsWith(`/${edited.path}`) === true;
  const showsIt = (items: readonly Teaser[] | undefined) => (items ?? []).some((t) => t.id === edited.path);
  const dependsOnEdit = (page: PageBase): boolean => {
    const p = page as PageBase & Record<string, unknown>;
    const blocks = (p.blocks as { items: Teaser[] }[] | undefined) ?? [];
    return (
      p.id === edited.path ||
      [p.prev, p.next].some((l) => linksToEdited(l as Link | undefined)) ||
      showsIt(p.related as Teaser[]) ||
      showsIt(p.mostRead as Teaser[]) ||
      showsIt(p.items as Teaser[]) ||
      showsIt(p.latest as Teaser[]) ||
      blocks.some((b) => showsIt(b.items))
    );
  };
  let reused = 0;
  let remade = 0;
  for (const list of RENDERED_LISTS) {
    for (const page of allPages(second.model)[list] as PageBase[]) {
      const old = before.get(page.url)!;
      assert.ok(old, `${page.url} is in both builds`);
      if (dependsOnEdit(old)) {
        assert.notEqual(page, old, `${page.url} shows the edited article: made again`);
        remade++;
      } else {
        assert.equal(page, old, `${page.url} does not show the edited article: the first build's object`);
        reused++;
      }
    }
  }
  // The article, its neighbours' 上一篇/下一篇 and its section's lists, in every script.
  const twins = second.model.articles.filter((a) => a.id === edited.path);
  assert.equal(twins.length, site.variants.length);
  for (const a of twins) assert.match(a.headline, /（更新）$/);
  const neighbours = second.model.articles.filter((a) => linksToEdited(a.prev) || linksToEdited(a.next));
  assert.equal(neighbours.length, 2 * site.variants.length);
  for (const a of neighbours) assert.match([a.prev, a.next].find(linksToEdited)!.text, /（更新）$/);
  for (const a of neighbours) assert.notEqual(a, before.get(a.url));
  const lists = second.model.lists.filter((l) => showsIt(l.items));
  assert.ok(lists.length >= site.variants.length);
  for (const l of lists) assert.notEqual(l, before.get(l.url));
  assert.ok(reused > remade, `${reused} pages reused, ${remade} made again`);
  assert.equal(second.model.variants[0], one.model.variants[0]);
});

test("site data changed: nothing built from it is reused", () => {
  const { site, sources: read, converters } = sources();
  const one = buildModel(site, converters(), read, null);
  const two = buildModel({ ...site, phone: "+86-23-0000-0001" }, converters(), read, one.memory);
  assert.notEqual(two.model.variants[0], one.model.variants[0]);
  assert.equal(two.model.variants[0].phone, "+86-23-0000-0001");
  for (const a of two.model.articles) assert.ok(!one.model.articles.includes(a));
});

test("nothing that reads the model changes it: feeds, sitemaps, search, structured data, template data, render keys", async () => {
  const loaded = await loadSite({ root: PROJECT, includeDrafts: false, cacheFile: null, parallelRead: "never" });
  const model = loaded.model!;
  assert.ok(model, JSON.stringify(loaded.problems));
  assert.ok(loaded.memory, "a built site hands on its memory");
  deepFreeze(model);
  assert.ok(Object.isFrozen(model.articles[0].related));

  const channels = feedChannels(model);
  assert.ok(channels.length > 0);
  for (const c of channels) JSON.stringify(jsonFeed(c));
  const news = newsSitemaps(model, buildNow(model.site.timeZone, { NEWSROOM_NOW: "2024-10-17T12:00:00+08:00" }));
  assert.ok(sitemapIndex(model, news).length > 0);
  assert.ok(variantSitemaps(model).every((f) => f.urls.length > 0));
  robotsTxt(model);
  const job = indexJob(model, "/tmp/search");
  assert.equal([...searchDocuments(job.articles)].length, model.sources.length);
  const pages = allPages(model);
  for (const list of RENDERED_LISTS) {
    for (const page of pages[list] as PageBase[]) {
      socialMeta(page, model);
      if (page.kind === "article") articleJsonLd(page as Parameters<typeof articleJsonLd>[0], model);
    }
  }
  const data = asTemplateData({ ...model, render: pages });
  assert.equal(data.articles, model.articles);
  const keys = keyPages(pages, "shared");
  assert.equal(new Set(keys.map(([url]) => url)).size, keys.length);
});
