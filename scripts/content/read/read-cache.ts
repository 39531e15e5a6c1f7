// The dev server rebuilds on every save: a file is read again only when something its reading
// depends on changed: its time and size, the site settings its rules use, the blocklist, or
// a file it publishes (a replaced photo may have new dimensions). A file that could not be
// read, or had errors, is always read again: what it lacked (a photo, say) may exist now.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MediaCopy } from "../../markdown/photos.ts";
import type { SiteConfig } from "../../site/site-config.ts";
import { Problems, type Problem } from "../problems.ts";
import type { Blocklist } from "../spam-guard.ts";
import { readDocument, type DocumentKind } from "./document.ts";

export interface CachedRead<S> {
  /** What the read depended on besides the photos: the file's time and size, the settings. */
  key: string;
  /** The times and sizes of the files it publishes, when it was read. */
  photos: string;
  source: S | null;
  problems: Problem[];
}

export class ReadCache<F, S extends { copies: Map<string, MediaCopy> }> {
  private readonly entries = new Map<string, CachedRead<S>>();

  constructor(private readonly kind: DocumentKind<F, S>) {}

  /** Whether nothing has been read yet in this process. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The file read (or as read last time, if nothing it depends on changed). */
  read(site: SiteConfig, file: string, blocklist: Blocklist): CachedRead<S> {
    const abs = join(site.root, file);
    const key = readKey(site, abs, blocklist);
    const hit = this.entries.get(abs);
    if (hit && hit.key === key && hit.source && !hit.problems.some((p) => p.severity === "error") && photosKey(hit.source) === hit.photos) return hit;
    const problems = new Problems();
    const source = readDocument(site, file, readFileSync(abs), this.kind, blocklist, problems);
    const entry = { key, photos: photosKey(source), source, problems: problems.list };
    this.entries.set(abs, entry);
    return entry;
  }

  /** A file read elsewhere (another thread), as if `read` had read it. */
  prime(site: SiteConfig, file: string, entry: CachedRead<S>): void {
    this.entries.set(join(site.root, file), entry);
  }
}

const settingsKeys = new WeakMap<SiteConfig, string>();

/** The site settings that field rules and bodies use (site data may change while the dev server runs). */
function settingsKey(site: SiteConfig): string {
  let key = settingsKeys.get(site);
  if (key === undefined) {
    const { timeZone, defaultLang, maxTitleLength, iframeHosts, sections, variants } = site;
    key = JSON.stringify([timeZone, defaultLang, maxTitleLength, iframeHosts, sections, variants.map((v) => [v.lang, v.opencc])]);
    settingsKeys.set(site, key);
  }
  return key;
}

function readKey(site: SiteConfig, abs: string, blocklist: Blocklist): string {
  const st = statSync(abs);
  return `${st.mtimeMs}:${st.size}:${blocklist.version}:${settingsKey(site)}`;
}

function photosKey(source: { copies: Map<string, MediaCopy> } | null): string {
  if (!source) return "";
  let key = "";
  for (const src of source.copies.keys()) {
    try {
      const st = statSync(src);
      key += `${st.mtimeMs}:${st.size};`;
    } catch {
      key += "gone;";
    }
  }
  return key;
}
