// The admin page's own headers. The public site's policy (security/policy.ts) allows no inline
// style and no eval; Decap CMS needs both (emotion writes <style> elements; ajv compiles the
// config's schema with new Function), so the admin page is never part of the public site:
// it is served by `npm run cms` alone, or by the admin folder `--export` writes, with these.
import type { CmsBackend } from "./cms-config.ts";

export function adminPolicy(backend: CmsBackend): string {
  // GitHub's API, and the avatars Decap shows for the signed-in editor.
  const github = backend.kind === "github" ? ["https://api.github.com", ...(backend.baseUrl ? [new URL(backend.baseUrl).origin] : [])] : [];
  const images = backend.kind === "github" ? ["https://avatars.githubusercontent.com", "https://raw.githubusercontent.com"] : [];
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    // Photos chosen but not saved yet are blob: URLs; Decap draws some icons as data: URLs.
    `img-src 'self' blob: data: ${images.join(" ")}`.trim(),
    "font-src 'self' data:",
    // Decap reads a photo being uploaded back from its blob: URL.
    `connect-src 'self' blob: ${github.join(" ")}`.trim(),
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

export function adminHeaders(backend: CmsBackend): Record<string, string> {
  return {
    "Content-Security-Policy": adminPolicy(backend),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    // Never indexed, wherever it is served.
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
  };
}
