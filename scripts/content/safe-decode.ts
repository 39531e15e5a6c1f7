// Percent escapes in paths and URLs an editor writes (./100%.jpg, #%C0): decodeURI throws
// URIError on a malformed one, which would end the whole build with no file named. These
// return null instead, so the caller reports one problem with its file and line.

export function safeDecodeUri(s: string): string | null {
  try {
    return decodeURI(s);
  } catch {
    return null;
  }
}

export function safeDecodeUriComponent(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export const MALFORMED_ESCAPE_HINT = "A % must start an escape such as %20 (two hex digits of UTF-8): write %25 for a percent sign, or rename the file without %.";
