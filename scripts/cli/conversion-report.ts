// npm run check -- --conversions: every guess of every twin, article by article (drafts
// too), each with the line that fixes it: a glossary entry or -{…}- in the text.
import { relative } from "node:path";
import { formatProblem } from "../content/problems.ts";
import { Problems } from "../content/problems.ts";
import { loadBlocklist } from "../content/spam-guard.ts";
import { convertedTexts } from "../convert/html-converter.ts";
import { glossaryFix, guessesIn, markupFix, mixedFormsIn, type Guess } from "../convert/guesses.ts";
import { scriptConverter } from "../convert/script-converter.ts";
import { loadSources } from "../model/build-model.ts";
import { loadSiteConfig } from "../site/site-config.ts";

/** Prints the report; returns the number of guesses. */
export function reportConversions(root: string, print: (line: string) => void = console.log): number {
  const problems = new Problems();
  const site = loadSiteConfig(root, problems);
  if (problems.errors.length > 0) {
    for (const p of problems.errors) print(formatProblem(p));
    return 0;
  }
  const sources = loadSources(site, problems, { includeDrafts: true, blocklist: loadBlocklist(root, problems) });
  let total = 0;
  let articles = 0;
  for (const a of [...sources.articles].sort((x, y) => x.file.localeCompare(y.file))) {
    const from = site.variants.find((v) => v.lang === a.lang);
    if (!from) continue;
    for (const to of site.variants) {
      if (to.lang === a.lang) continue;
      const c = scriptConverter(from, to, [...site.glossary, ...a.glossary]);
      const texts = [a.title, a.summary, ...convertedTexts(a.html)];
      // One line per word and reading, however often the article has it.
      const seen = new Map<string, { g: Guess; n: number }>();
      const mixed: string[] = [];
      for (const t of texts) {
        for (const g of guessesIn(c, t)) {
          const key = `${g.word}\0${g.printed}`;
          const s = seen.get(key);
          if (s) s.n++;
          else seen.set(key, { g, n: 1 });
        }
        for (const m of mixedFormsIn(c, t)) {
          mixed.push(`  -{${m.kept}}- keeps ${m.char} beside ${m.converted} (${m.twin}): readers take it for a typo. If the name is written so in every script, keep the word beside it too, or give the name's ${to.lang} form in the glossary.`);
        }
      }
      if (seen.size === 0 && mixed.length === 0) continue;
      articles++;
      total += seen.size;
      print(`${relative(root, a.file) || a.file} → ${to.lang}: ${seen.size} guess${seen.size === 1 ? "" : "es"}`);
      for (const { g, n } of seen.values()) {
        const other = g.others[0];
        const fix = other ? `   fix: ${glossaryFix(c, g, other)} (glossary) or ${markupFix(c, g, other)}` : "";
        print(`  ${g.word} → ${g.printed}${n > 1 ? ` ×${n}` : ""}   ${g.char}: ${g.chosen} by ${g.by}, also ${g.others.join(" ")}${fix}`);
      }
      for (const line of mixed) print(line);
    }
  }
  print(`${total} guess${total === 1 ? "" : "es"} in ${articles} twin${articles === 1 ? "" : "s"}. Check each; paste the fix of a wrong one into content/_data/glossary.json (or the article's glossary: front matter), or write -{…}- in the text.`);
  return total;
}
