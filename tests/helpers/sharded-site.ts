// A small site to shard (tests/shard.test.ts, tests/publish-workflows.test.ts): articles in two
// sections, both scripts, two tags, over four months.
import { article, makeSite } from "./site-fixture.ts";

export function shardedSite(articles: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < articles; i++) {
    const section = i % 3 === 0 ? "company" : "media-focus";
    const fields = { title: `第${i}篇報導`, date: `2025-0${1 + (i % 4)}-1${i % 10} 10:00`, editor: "甲", lang: i % 2 ? "zh-Hant" : "zh-Hans", tags: i % 2 ? "[算力]" : "[城市]" };
    files[`content/news/${section}/2025/a${i}.md`] = article(section === "media-focus" ? { ...fields, source: "重慶日報" } : fields, `第${i}篇的正文，講的是第${i}件事。`);
  }
  return makeSite(files);
}
