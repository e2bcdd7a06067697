/**
 * Credentials must never reach a log line or an error message. Every
 * credential is registered here when it is resolved; `redact` removes the
 * registered values and anything that looks like an auth header or a
 * password field from free text.
 */

const REDACTED = "[REDACTED]";
const secrets = new Set<string>();

/** Remember a secret value so that every later `redact` call hides it. */
export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; they are not credentials.
  if (value && value.length >= 6) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic|Apikey)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /("?(?:password|passwd|root_passwd|token|api_?key|secret|auth_code|personal_?access_?token)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi,
    `$1${REDACTED}`,
  ],
  [/\bflux_live_[0-9a-f]+/gi, REDACTED],
];

export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
