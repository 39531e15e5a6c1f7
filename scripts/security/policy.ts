// The security headers of the published site, from site data: a strict Content-Security-Policy
// (nothing from other hosts, no inline script or style), for hosts that read _headers, and
// the same policy as a meta tag for hosts that cannot set headers (GitHub Pages).
import type { SiteConfig } from "../site/site-config.ts";

export interface SecurityPolicy {
  /** For the Content-Security-Policy header. */
  header: string;
  /** For <meta http-equiv>: without the directives browsers ignore there. */
  meta: string;
  /** Other headers for every file. */
  headers: Record<string, string>;
}

export function securityPolicy(site: Pick<SiteConfig, "iframeHosts">): SecurityPolicy {
  const frames = site.iframeHosts.length ? site.iframeHosts.map((h) => `https://${h}`).join(" ") : "'none'";
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "media-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    `frame-src ${frames}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  return {
    // frame-ancestors only works as a header.
    header: [...directives, "frame-ancestors 'none'"].join("; "),
    meta: directives.join("; "),
    headers: {
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
      "Cross-Origin-Opener-Policy": "same-origin",
    },
  };
}
