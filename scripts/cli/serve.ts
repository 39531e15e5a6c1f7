// npm start [-- --root <site folder> --port 8080]
// The dev server: Eleventy's watch and serve, run in this process (no wrapper in between, so
// a signal to `npm start` reaches it), rendering drafts too into a folder of its own,
// <root>/.cache/dev-site/, never into _site, the folder a deploy publishes. It rebuilds on
// every save, and on a deleted or renamed article too (Eleventy alone ignores deletions).
// SIGINT, SIGTERM and SIGHUP stop it, and so does the end of the process that started it.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine, runCli, siteRoot, wholeNumber } from "./args.ts";
import { Build, BuildSession } from "../build/build.ts";
import { eleventyFor } from "../build/eleventy.ts";
import { buildNow } from "../sitemaps/news-sitemap.ts";

const USAGE = `Usage: npm start [-- --root <site folder>] [--port 8080]
  --root  the site (default: the current folder)
  --port  the port of http://localhost:<port>/ (default 8080)`;

/** Where the dev server renders the site at `root`: under its .cache/, never published. */
export function devOutputFor(root: string): string {
  return join(root, ".cache", "dev-site");
}

async function serve(root: string, port: number): Promise<void> {
  const out = devOutputFor(root);
  // One build a rebuild, each made from the last (what did not change is handed on).
  const session = new BuildSession(new Build({ root, out, mode: "serve" }));
  const eleventy = eleventyFor(session, out, (eleventyConfig) => eleventyConfig.on("eleventy.beforeWatch", () => void session.advance()));
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Dev server stopping (${why}).`);
    // Closing the server and the file watcher ends the process; a hard stop if they hang.
    setTimeout(() => process.exit(0), 2_000).unref();
    void eleventy.stopWatch().then(() => process.exit(0));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  // Started by a process that is gone (npm killed with -9): nothing would ever stop this one.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop("the process that started it ended"), 1_000).unref();

  await eleventy.init();
  const rebuild = await eleventy.watch();
  // A deleted or renamed article: rebuild, so that its page and every link to it go.
  for (const event of ["unlink", "unlinkDir"]) eleventy.watcher?.on(event, (path) => void rebuild(path));
  // A scheduled article whose time has come (content/schedule.ts): rebuild, so its 預定發布 mark
  // goes within a second of its time. One request per build: the rebuild makes a new site.
  let asked: typeof session.current.site | undefined;
  setInterval(() => {
    const site = session.current.site;
    const next = site?.schedule?.scheduled[0];
    if (!site?.model || !next || asked === site || next.date > buildNow(site.model.site.timeZone)) return;
    asked = site;
    void rebuild(join(root, next.file));
  }, 1_000).unref();
  await eleventy.serve(port);
  console.log(`Dev server: http://localhost:${port}/ (rendered into ${out}; stop it with Ctrl+C or kill ${process.pid}).`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(async () => {
    const { values } = readCommandLine(process.argv.slice(2), {
      command: "npm start",
      usage: USAGE,
      flags: { root: { type: "string", value: "site folder" }, port: { type: "string", value: "port" } },
    });
    await serve(siteRoot(values.root), wholeNumber(values.port ?? "8080", "port", 1, 65_535, "a port"));
    return 0;
  });
}
