// aliases: the old URLs of an article (an earlier slug, the old CMS's address), each written
// as a redirect to it (scripts/model/pages/redirect.ts). Read as site-relative paths and
// normalised here, so that the URL a redirect is written at is the one an editor meant.
import { reservedRootFolders } from "../../site/urls.ts";
import type { Reading } from "./document.ts";

const EXAMPLE = "aliases: [/zh-hans/news/media-focus/2024/03/old-slug/, /html/2019/03/art_123.html]";

/** A path as a static host serves it: decoded, a folder ending in /, or a file ending in .html (in lower case). */
export function normaliseAlias(written: string): { path: string } | { error: string; hint: string } {
  const raw = written.trim();
  const hint = "Write the old address's path alone, starting with /, e.g. /news/2019/old-title.html or /zh-hans/news/media-focus/2024/03/old-slug/.";
  if (raw === "") return { error: "is empty.", hint: "Remove the empty line, or write the old path." };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//")) return { error: "names a scheme or a host: an alias is a path on this site.", hint: `${hint} Leave out https:// and the host.` };
  if (!raw.startsWith("/")) return { error: "is not a site-relative path (it must start with /).", hint };
  if (/[?#]/.test(raw)) return { error: "has a query or a fragment (?…, #…), which a static host does not tell apart.", hint };
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return { error: "has a broken percent-encoding (%…).", hint: "Write Chinese characters as they are, or correct the %-codes." };
  }
  if (/[\s\\*:!"'<>|^`{}\u0000-\u001f\u007f]/u.test(path)) return { error: "has a character a path cannot hold as written here (a space, \\, *, :, !, a quote or a bracket).", hint };
  const segments = path.split("/").slice(1);
  if (segments.some((s) => s === "." || s === "..")) return { error: "goes up or sideways with . or .., so it would not name one address.", hint };
  if (segments.slice(0, -1).some((s) => s === "")) return { error: "has an empty folder (//).", hint };
  if (segments.some((s) => s.startsWith("."))) return { error: "has a folder or file whose name starts with a dot, which hosts do not serve.", hint };
  let last = segments[segments.length - 1];
  if (last === "index.html") last = segments[segments.length - 1] = "";
  // Only an .html file is served as a page by every static host (and read back by the output check).
  const file = last.endsWith(".html");
  if (!file && /\.[a-z0-9]{1,6}$/i.test(last)) {
    return {
      error: `ends in a file name that is not .html (${last}): a static host would not serve a redirect page there.`,
      hint: `Write it as a folder (/…/${last}/) if the old address was one; an old .htm, .php or .aspx address can only be redirected by your host's own rules.`,
    };
  }
  const normal = "/" + segments.join("/") + (file || last === "" ? "" : "/");
  if (normal === "/") return { error: "is the site's root, which is the page that chooses a script.", hint };
  if (reservedRootFolders.includes(segments[0])) return { error: `is under /${segments[0]}/, which holds the site's own files.`, hint };
  return { path: normal };
}

/** aliases: a list of old paths (or one), normalised, each once. */
export function aliasesRule({ file, fields, problems }: Reading): string[] {
  const raw = fields.has("aliases") ? fields.data.aliases : undefined;
  if (raw === undefined || raw === null) return [];
  const list = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
    problems.error(file, "must be a list of old paths.", { ...fields.at("aliases"), hint: `Write ${EXAMPLE}.` });
    return [];
  }
  const paths = new Set<string>();
  for (const item of list) {
    const r = normaliseAlias(item);
    if ("error" in r) problems.error(file, `${JSON.stringify(item)} ${r.error}`, { ...fields.at("aliases"), hint: r.hint });
    else paths.add(r.path);
  }
  return [...paths];
}
