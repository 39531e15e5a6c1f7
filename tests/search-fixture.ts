// A small site for the search tests: articles written in each script, built with the real build.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { article, buildSiteInProcess, makeSite, type RunResult } from "./helpers/site-fixture.ts";

/** Paths of the articles inside a script's folder. */
export const FIXTURE_ARTICLES = {
  // Written in Traditional script.
  forum: "news/company/2025/03/communication-forum",
  // Written in Simplified script.
  datacenter: "news/company/2025/02/datacenter-certified",
  older: "news/company/2024/06/volunteers",
  // Written in Simplified; its source is 重庆日报, it says 和服 and 1.2万.
  kimono: "news/media-focus/2024/05/kimono-show",
  // Written in Traditional (Taiwan): 和服務 (not 和服), 11.2萬 (not 1.2萬), 軟體 (软件), iChong.
  services: "news/company/2023/09/consulting-services",
  // Written in Traditional: 中華人民共和國 (華人 only inside it), 12月 (not 2月), 3位 … 月 apart.
  reception: "news/company/2022/10/national-day-reception",
  // Written in Simplified: 华人 as a word, 2月 and 3月 as written.
  visit: "news/media-focus/2022/02/overseas-visit",
  // Written in Traditional (Taiwan): 布希 (布什), 網路 (网络), 伊拉克, 台獨.
  press: "news/media-focus/2021/08/press-conference",
};

const file = (path: string) => `content/${path.replace(/\/\d\d\//, "/")}.md`;

export async function buildSearchSite(): Promise<{ out: string; build: RunResult }> {
  const root = makeSite({
    [file(FIXTURE_ARTICLES.forum)]: article(
      { title: "集團舉辦傳播論壇", date: "2025-03-02 10:00", editor: "譚鑫", lang: "zh-Hant" },
      "三月二日，集團舉辦首屆數字傳播論壇。與會專家認為，新聞傳播正在經歷深刻變化。\n\n論壇還討論了數字經濟與城市治理。",
    ),
    [file(FIXTURE_ARTICLES.datacenter)]: article(
      { title: "数据中心通过等级认证", date: "2025-02-10 09:30", editor: "何嘉颖", lang: "zh-Hans" },
      "两江数据中心二期通过认证，年均PUE降至1.21，绿色低碳水平进一步提升。",
    ),
    [file(FIXTURE_ARTICLES.older)]: article(
      { title: "志願者走進社區", date: "2024-06-01", editor: "譚鑫", lang: "zh-Hant" },
      "志願者為老人義剪頭髮，後來又參觀了數據中心。",
    ),
    [file(FIXTURE_ARTICLES.kimono)]: article(
      { title: "和服展览开幕", date: "2024-05-01", editor: "何嘉颖", source: "重庆日报", lang: "zh-Hans" },
      "展览展出百件和服，参观者达1.2万人次。",
    ),
    [file(FIXTURE_ARTICLES.services)]: article(
      { title: "集團提供諮詢和服務", date: "2023-09-01", editor: "譚鑫", lang: "zh-Hant" },
      "集團向企業提供諮詢和服務，11.2萬人受益。軟體研發中心同時啟用，iChong 應用上線。",
    ),
    [file(FIXTURE_ARTICLES.reception)]: article(
      { title: "中華人民共和國國慶招待會舉行", date: "2022-10-01", editor: "譚鑫", lang: "zh-Hant" },
      "招待會上，3位代表致辭，並約定下個月再聚，12月舉辦年會。",
    ),
    [file(FIXTURE_ARTICLES.visit)]: article(
      { title: "海外华人参观园区", date: "2022-02-15", editor: "何嘉颖", source: "新华社", lang: "zh-Hans" },
      "来自海外的华人代表参观了园区。园区2月筹备，3月起对外开放。",
    ),
    [file(FIXTURE_ARTICLES.press)]: article(
      { title: "美國前總統布希談網路安全", date: "2021-08-20", editor: "譚鑫", source: "中央社", lang: "zh-Hant" },
      "布希在記者會上談到伊拉克局勢與網路安全，也被問及台獨議題。",
    ),
  });
  const out = mkdtempSync(join(tmpdir(), "newsroom-search-site-"));
  return { out, build: await buildSiteInProcess(root, out) };
}
