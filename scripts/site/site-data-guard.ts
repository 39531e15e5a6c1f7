// Site data and the glossary are content too: what they say reaches every page. A glossary
// term is applied to site data in both directions, so {"澳门赌场官网": "嘉陵數智集團"} would
// rename the site in every Simplified title, feed and JSON-LD block: a glossary term may not
// change the site's name, tagline, navigation or section names unless site data says so
// ("glossaryChangesNames": true). And their text is judged for spam like an article's.
import { Problems } from "../content/problems.ts";
import { readDataFile } from "../content/read/editor-json.ts";
import { scriptConverter } from "../convert/script-converter.ts";
import type { SpamJudge, TextKind } from "../spam/judge.ts";
import { GLOSSARY_FILE, SITE_FILE, type NavItem, type SiteConfig } from "./site-config.ts";
import { TOPICS_FILE } from "./topics-data.ts";

function navLabels(items: readonly NavItem[]): string[] {
  // children may be "sections": the section names, judged on their own.
  return items.flatMap((i) => [i.label, ...(Array.isArray(i.children) ? navLabels(i.children) : [])]);
}

/** The line of a data file where `text` first appears as a string, for messages: the file is
 * read again through the editor reader, only when there is something to report. */
function lineOf(root: string, file: string, text: string): number | undefined {
  return readDataFile(root, file, new Problems(), "")?.textLine(text);
}

/** What site data shows on every page, with the kind of text each is. */
function siteTexts(site: SiteConfig): [string, TextKind][] {
  return [
    [site.name, "name"],
    ...(site.tagline ? ([[site.tagline, "text"]] as [string, TextKind][]) : []),
    ...navLabels(site.nav).map((l): [string, TextKind] => [l, "name"]),
    ...site.sections.flatMap((s): [string, TextKind][] => [[s.name, "name"], ...(s.description ? ([[s.description, "text"]] as [string, TextKind][]) : [])]),
    ...Object.values(site.ui).map((u): [string, TextKind] => [u, "name"]),
  ];
}

export function checkSiteData(site: SiteConfig, judge: SpamJudge, problems: Problems): void {
  for (const [text, kind] of siteTexts(site)) {
    const hit = judge.judge(text, kind);
    if (hit) problems.error(SITE_FILE, `${JSON.stringify(text)} reads as gambling/porn spam: ${hit.why}.`, { line: lineOf(site.root, SITE_FILE, text), hint: "Site data is shown on every page: correct it." });
  }
  // Topics' names and descriptions head and introduce their pages.
  for (const e of site.topics) {
    for (const [text, kind] of [[e.name, "name"], [e.description, "text"]] as const) {
      const hit = text === undefined ? null : judge.judge(text, kind);
      if (hit) problems.error(TOPICS_FILE, `${JSON.stringify(text)} reads as gambling/porn spam: ${hit.why}.`, { line: lineOf(site.root, TOPICS_FILE, text!), hint: "Topics are shown on their pages and in feeds: correct it." });
    }
  }
  for (const entry of site.glossary) {
    for (const term of new Set(Object.values(entry))) {
      const hit = judge.judge(term, "name");
      if (hit) problems.error(GLOSSARY_FILE, `the term ${JSON.stringify(term)} reads as gambling/porn spam: ${hit.why}.`, { line: lineOf(site.root, GLOSSARY_FILE, term), hint: "Glossary terms replace text on every page: remove it." });
    }
  }
  if (site.glossary.length === 0 || site.glossaryChangesNames) return;
  const data = site.variants.find((v) => v.lang === site.dataLang);
  if (!data) return;
  const names = [site.name, site.tagline ?? "", ...navLabels(site.nav), ...site.sections.map((s) => s.name)].filter(Boolean);
  for (const v of site.variants) {
    if (v.lang === data.lang) continue;
    const withGlossary = scriptConverter(data, v, site.glossary);
    const plain = scriptConverter(data, v, []);
    for (const name of names) {
      const changed = withGlossary.convert(name);
      const expected = plain.convert(name);
      if (changed === expected) continue;
      const term = site.glossary.find((e) => Object.values(e).some((t) => name.includes(t) || changed.includes(t)));
      problems.error(GLOSSARY_FILE, `a term changes ${JSON.stringify(name)} from site data: in ${v.lang} it would read ${JSON.stringify(changed)} instead of ${JSON.stringify(expected)}.`, {
        line: term ? lineOf(site.root, GLOSSARY_FILE, Object.values(term)[0]) : undefined,
        hint: `The site's name, navigation and section names are not changed by the glossary. Write the name per script in ${SITE_FILE} with -{zh-hans:…;zh-hant:…}-, or, if the change is intended, set "glossaryChangesNames": true there.`,
      });
    }
  }
}
