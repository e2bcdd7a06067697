/**
 * Credentials and secret inputs must never reach a log line or an error
 * message. Every one is registered here when it is resolved (settings) or
 * before an operation uses it (the bridge registers a resource's secret
 * properties); `redact` removes the registered values, in every form a vendor
 * could echo them in, and anything that looks like an auth header, a password
 * field or a private key from free text.
 */

const REDACTED = "[REDACTED]";
/** Shorter values would redact ordinary words; they are not credentials. */
const MIN_SECRET_LENGTH = 6;

const registered = new Set<string>();
/** Every form of every registered secret, longest first (a form may contain a shorter one). */
let forms: string[] = [];

/**
 * Remember a secret value so that every later `redact` call hides it, and
 * hides it as a vendor would echo it: encoded once here, so `redact` stays a
 * plain search.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || registered.has(value)) return;
  registered.add(value);
  const next = new Set(forms);
  for (const form of echoedForms(value)) if (form.length >= MIN_SECRET_LENGTH) next.add(form);
  forms = [...next].sort((a, b) => b.length - a.length);
}

/**
 * The forms in which a vendor's error can carry a value we sent: as is, in
 * base64 (padded, unpadded as a prefix of a longer base64 text, base64url),
 * escaped inside a JSON string (a PEM key becomes `\n`-separated, quotes
 * become `\"`), escaped twice (the request body echoed as a JSON string inside
 * a JSON message), URL-encoded and form-encoded (spaces as `+`).
 */
export function echoedForms(value: string): string[] {
  const jsonEscaped = JSON.stringify(value).slice(1, -1);
  const base64 = Buffer.from(value, "utf8").toString("base64");
  return [
    value,
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(value, "utf8").toString("base64url"),
    jsonEscaped,
    JSON.stringify(jsonEscaped).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
  ];
}

/**
 * The credentials of an HTTP Basic `Authorization` header (base64 of
 * `user:password`). Registers the password and the combined credential: the
 * base64 of the pair does not contain the base64 of the password alone.
 */
export function basicCredentials(username: string, password: string): string {
  registerSecret(password);
  const encoded = Buffer.from(`${username}:${password}`, "utf8").toString("base64");
  registerSecret(encoded);
  return encoded;
}

const PATTERNS: [RegExp, string][] = [
  // An Authorization header's credentials. Not `apiKey` (camel case) followed by a word: that is a setting's name.
  [/\b([Bb]earer|[Bb]asic|[Aa]pikey|BEARER|BASIC|APIKEY)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`],
  [
    // A quoted value may contain escaped quotes (`"pass\"word"`): the whole string goes.
    /("?(?:password|passwd|root_passwd|token|api_?key|secret|auth_code|personal_?access_?token)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,&}]+)/gi,
    `$1${REDACTED}`,
  ],
  // A private key, also when cut short: everything from its first line to its last, or to the end of the text.
  [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(-----END ([A-Z0-9]+ )*PRIVATE KEY-----|$)/g, REDACTED],
  [/\bflux_live_[0-9a-f]+/gi, REDACTED],
];

export function redact(text: string): string {
  let result = text;
  for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
