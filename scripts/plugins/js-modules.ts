// Content-hashed names for browser ES modules. A hashed file is cached for a year, so a module
// must import its dependencies by their hashed names too (or a cached module could run with
// another build's dependency): each dependency is named first, its name is written into the
// importing module, and the importer's hash then covers it. Only the static forms our modules
// use are recognised: `import … from "./x.js"`, `import "./x.js"` and `import("./x.js")` (loaded
// when needed: named like the others, but not among the scripts a page lists), relative, no cycles.
import { basename } from "node:path";

export interface Fingerprinted {
  /** The file's URL under its hashed name. */
  url: string;
  /** What is published under that name (imports rewritten to hashed names). */
  content: Buffer;
  /** Site URLs (unhashed) of the modules it imports. */
  imports: string[];
  /** Site URLs (unhashed) of the modules it imports only when needed (`import("./x.js")`). */
  lazy: string[];
}

const IMPORT = /(\b(?:from|import)\s*(\(\s*)?)(["'])(\.\.?\/[^"'\n]+?\.js)\3/g;

/** Every file under its hashed name; `name(url, content)` makes a name from the final content. */
export function fingerprintAll(files: ReadonlyMap<string, Buffer>, name: (url: string, content: Buffer) => string): Map<string, Fingerprinted> {
  const done = new Map<string, Fingerprinted>();
  const open = new Set<string>();
  const visit = (url: string, from: string | null): Fingerprinted => {
    const hit = done.get(url);
    if (hit) return hit;
    const source = files.get(url);
    if (!source) throw new Error(`${from} imports ${url}, which is not an asset`);
    if (open.has(url)) throw new Error(`${url} imports itself through ${[...open].join(" → ")}`);
    open.add(url);
    const imports: string[] = [];
    const lazy: string[] = [];
    let content = source;
    if (url.endsWith(".js")) {
      const text = source.toString("utf8");
      const linked = text.replace(IMPORT, (_all, lead: string, call: string | undefined, quote: string, spec: string) => {
        const dep = new URL(spec, `https://site${url}`).pathname;
        (call ? lazy : imports).push(dep);
        return `${lead}${quote}${spec.slice(0, -basename(spec).length)}${basename(visit(dep, url).url)}${quote}`;
      });
      // A module without imports is published as it is.
      if (linked !== text) content = Buffer.from(linked, "utf8");
    }
    open.delete(url);
    const file = { url: name(url, content), content, imports, lazy };
    done.set(url, file);
    return file;
  };
  for (const url of files.keys()) visit(url, null);
  return done;
}

/** Hashed URLs of a module and of every module it imports, at any depth: the module first. */
export function moduleGraph(files: ReadonlyMap<string, Fingerprinted>, url: string): string[] {
  const seen = new Set<string>();
  const walk = (at: string): void => {
    if (seen.has(at)) return;
    seen.add(at);
    const file = files.get(at);
    if (!file) throw new Error(`No asset ${at}`);
    file.imports.forEach(walk);
  };
  walk(url);
  return [...seen].map((u) => files.get(u)!.url);
}
