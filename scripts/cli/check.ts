// npm run check [-- --root <site folder>] [--conversions]
// Checks all content, drafts included, without building: one line per problem
// (path:line: message), then a summary. Exit 1 on any error. The build runs the same checks.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblem, formatSummary } from "../content/problems.ts";
import { checkSite } from "../site/load-site.ts";
import { scheduleLine } from "../content/schedule.ts";
import { readCommandLine, runCli, siteRoot } from "./args.ts";
import { reportConversions } from "./conversion-report.ts";

export async function check(root: string): Promise<number> {
  const started = Date.now();
  const { problems, articles, schedule, timeZone } = await checkSite(root);
  for (const p of problems) console.log(formatProblem(p));
  // Articles dated after now, as the build would say (content/schedule.ts).
  const scheduled = schedule && timeZone && scheduleLine(schedule, timeZone, false);
  if (scheduled) console.log(scheduled);
  const errors = problems.filter((p) => p.severity === "error").length;
  console.log(`${errors ? "✗" : "✓"} ${formatSummary(problems)} in ${articles} articles (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  return errors > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(() => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npm run check",
      usage: "Usage: npm run check [-- --root <site folder>] [--conversions]",
      flags: { root: { type: "string", value: "site folder" }, conversions: { type: "boolean" } },
    });
    // --conversions: the twins' guesses, article by article, with their fixes (never an error).
    if (values.conversions) return (reportConversions(siteRoot(values.root)), 0);
    return check(siteRoot(values.root));
  });
}
