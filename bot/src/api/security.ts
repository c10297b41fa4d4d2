import helmet from "helmet";

/**
 * Security headers that still let Teams frame the tab: `frame-ancestors` names the Teams
 * and Microsoft 365 hosts, and X-Frame-Options is off (it cannot express an allow-list).
 */
export function securityHeaders(options: { allowHttp: boolean }) {
  return helmet({
    frameguard: false,
    strictTransportSecurity: options.allowHttp ? false : { maxAge: 31536000 },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // Fluent UI (Griffel) inserts its styles at run time.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", "data:", "https://res-1.cdn.office.net", "https://res.cdn.office.net"],
        // teams-js fetches its list of valid Teams domains from the Office CDN.
        "connect-src": ["'self'", "https://login.microsoftonline.com", "https://res.cdn.office.net"],
        "frame-src": ["'self'", "https://login.microsoftonline.com"],
        "frame-ancestors": [
          "'self'",
          "https://teams.microsoft.com",
          "https://*.teams.microsoft.com",
          "https://*.teams.microsoft.us",
          "https://teams.cloud.microsoft",
          "https://*.cloud.microsoft",
          "https://*.office.com",
          "https://outlook.office.com",
          // Outlook on the web for work accounts, where the personal tab also runs (Microsoft's tab requirements list it).
          "https://outlook.office365.com",
          "https://*.microsoft365.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: "same-site" },
  });
}
