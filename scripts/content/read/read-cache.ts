// A file is read again only when something its reading depends on changed: its time and
// size, the site settings its rules use, the blocklist, or a file it publishes (a replaced
// photo may have new dimensions). A file that could not be read, or had errors, is always
// read again: what it lacked (a photo, say) may exist now.
//
// Two layers: this process's readings (the dev server rebuilds on every save), and the last
// build process's, persisted under .cache/read/ (read-index.ts), verified by stat or hash.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MediaCopy } from "../../markdown/photos.ts";
import type { SiteConfig } from "../../site/site-config.ts";
import { Problems, type Problem } from "../problems.ts";
import type { Blocklist } from "../spam-guard.ts";
import { readDocument, type DocumentKind } from "./document.ts";
import { ReadIndex, sha256, statKey, statTrusted, type StoredRead } from "./read-index.ts";

export interface CachedRead<S> {
  /** What the read depended on besides the photos: the file's time and size, the settings. */
  key: string;
  /** The times and sizes of the files it publishes, when it was read. */
  photos: string;
  source: S | null;
  problems: Problem[];
}

/** How a kind's reading is kept on disk (v8's serializer: Maps and Sets as they are; dates as instants). */
export interface ReadCodec<S> {
  /** The persisted index's file name under .cache/read/. */
  name: string;
  encode(source: S): unknown;
  decode(stored: unknown, site: SiteConfig): S;
}

export class ReadCache<F, S extends { copies: Map<string, MediaCopy> }> {
  private readonly entries = new Map<string, CachedRead<S>>();
  /** Per site root: the persisted index, opened on the first read of the process. */
  private readonly indexes = new Map<string, ReadIndex>();
  /** Files taken over unchanged in this process (from its memory or the persisted index), and files read (figures). */
  reused = 0;
  parsed = 0;
  /** The build each file was last counted in (newBuild): each file counts once a build, as read or as unchanged. */
  private readonly counted = new Map<string, number>();
  private build = 0;

  /** A new build starts (the dev server's next rebuild): each file will be counted again. */
  newBuild(): void {
    this.build++;
  }

  constructor(
    private readonly kind: DocumentKind<F, S>,
    private readonly codec: ReadCodec<S> | null = null,
  ) {}

  /** Whether nothing has been read yet in this process. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The persisted index of the site, when this kind keeps one. */
  index(site: SiteConfig): ReadIndex | null {
    if (!this.codec) return null;
    let index = this.indexes.get(site.root);
    if (!index) this.indexes.set(site.root, (index = ReadIndex.open(join(site.root, ".cache", "read", this.codec.name))));
    return index;
  }

  /** The file read (or as read last time, if nothing it depends on changed). */
  read(site: SiteConfig, file: string, blocklist: Blocklist): CachedRead<S> {
    const abs = join(site.root, file);
    const st = statSync(abs);
    // The root too: a reading names its photos by absolute path (a site copied elsewhere is read again).
    const settings = `${blocklist.version}:${settingsKey(site)}:${site.root}`;
    const key = `${st.mtimeMs}:${st.size}:${settings}`;
    const hit = this.entries.get(abs);
    if (hit && hit.key === key && hit.source && !hit.problems.some((p) => p.severity === "error") && photosKey(hit.source) === hit.photos) {
      this.index(site)?.get(file); // still there: kept when the index is written
      // Once a build: a file read (here or by another thread) earlier in this build is not also unchanged.
      if (this.counted.get(abs) !== this.build) this.reused++;
      this.counted.set(abs, this.build);
      return hit;
    }
    const index = this.index(site);
    const stored = index?.get(file);
    let bytes: Buffer | null = null;
    if (index && stored && stored.settings === settings) {
      let same = statTrusted(stored, st);
      if (!same) {
        // In doubt (a new stat, or written in the tick it was read): the bytes decide.
        bytes = readFileSync(abs);
        same = sha256(bytes) === stored.sha256;
        if (same) index.set(file, { ...stored, stat: statKey(st), statAt: Date.now(), mtimeMs: st.mtimeMs });
      }
      if (same) {
        const source = this.codec!.decode(stored.source, site);
        if (photosKey(source) === stored.photos) {
          const entry = { key, photos: stored.photos, source, problems: stored.problems };
          this.entries.set(abs, entry);
          this.counted.set(abs, this.build);
          this.reused++;
          return entry;
        }
      }
    }
    const statAt = Date.now();
    bytes ??= readFileSync(abs);
    const problems = new Problems();
    const source = readDocument(site, file, bytes, this.kind, blocklist, problems);
    const entry = { key, photos: photosKey(source), source, problems: problems.list };
    this.entries.set(abs, entry);
    this.counted.set(abs, this.build);
    this.parsed++;
    if (index) {
      // A file with errors is read again every time (what it lacked may exist now).
      if (!source || problems.list.some((p) => p.severity === "error")) index.drop(file);
      else index.set(file, { stat: statKey(st), statAt, mtimeMs: st.mtimeMs, sha256: sha256(bytes), settings, photos: entry.photos, source: this.codec!.encode(source), problems: entry.problems });
    }
    return entry;
  }

  /** A file read elsewhere (another thread), as if `read` had read it. */
  prime(site: SiteConfig, file: string, entry: CachedRead<S>, stored?: StoredRead): void {
    const abs = join(site.root, file);
    this.entries.set(abs, entry);
    this.counted.set(abs, this.build);
    this.parsed++;
    const index = this.index(site);
    if (!index) return;
    if (stored) index.set(file, stored);
    else index.drop(file);
  }

  private readonly saved = new Set<string>();

  /** Writes the site's persisted index back (if anything changed), the first time only in this process. */
  saveOnce(site: SiteConfig): void {
    if (this.saved.has(site.root)) return;
    this.saved.add(site.root);
    this.indexes.get(site.root)?.save();
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
