import { createHash } from "node:crypto";
import { ConfigurationError } from "./errors";
import { registerSecret } from "./redact";

/**
 * Where settings come from, in order: stack config (`gigahost:apiKey`), then
 * environment variables (`GIGAHOST_API_KEY`). Settings are read when a call
 * needs them, never at module load and never from resource inputs, so no
 * credential is ever stored in Pulumi state.
 */
export type SettingsSource = (qualifiedKey: string) => string | undefined;

export interface VendorSettings {
  /** Config namespace: "gigahost". */
  readonly vendor: string;
  get(key: string): string | undefined;
  /** The config key and the variable, for error messages: "gigahost:apiKey / GIGAHOST_API_KEY". */
  describe(key: string): string;
  /** Where a set value was read: "stack config gigahost:apiKey" or "environment variable GIGAHOST_API_KEY". */
  origin(key: string): string | undefined;
}

/** "apiKey" → "API_KEY", "personalAccessToken" → "PERSONAL_ACCESS_TOKEN". */
export function environmentName(vendor: string, key: string): string {
  return `${vendor}_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2")}`.toUpperCase();
}

/**
 * The settings keys whose values are credentials (API keys, tokens, passwords, TOTP secrets
 * and codes): registered for redaction when read, and secret in the provider plugin's schema.
 */
export const SECRET_KEYS: readonly string[] = ["apiKey", "password", "totpSecret", "totp", "personalAccessToken"];

export function vendorSettings(
  vendor: string,
  config: SettingsSource,
  env: NodeJS.ProcessEnv = process.env,
): VendorSettings {
  return {
    vendor,
    get(key) {
      const value = nonBlank(config(`${vendor}:${key}`)) ?? nonBlank(env[environmentName(vendor, key)]);
      if (value !== undefined && SECRET_KEYS.includes(key)) registerSecret(value);
      return value;
    },
    describe(key) {
      return `${vendor}:${key} / ${environmentName(vendor, key)}`;
    },
    origin(key) {
      if (nonBlank(config(`${vendor}:${key}`)) !== undefined) return `stack config ${vendor}:${key}`;
      if (nonBlank(env[environmentName(vendor, key)]) !== undefined) return `environment variable ${environmentName(vendor, key)}`;
      return undefined;
    },
  };
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The opt-in for plain-HTTP endpoints beyond this machine (README, "Security"). */
export const ALLOW_INSECURE_HTTP = "EURO_HOSTING_ALLOW_INSECURE_HTTP";

/**
 * A base URL from settings, validated, without a trailing slash. Credentials
 * and API keys travel in every request, so an endpoint must be https, or
 * plain http on this machine (the emulator), or plain http anywhere once
 * EURO_HOSTING_ALLOW_INSECURE_HTTP=1 says so. Credentials inside the URL are
 * refused: they would be sent to whoever answers and printed with the URL.
 */
export function apiUrlSetting(settings: VendorSettings, defaultUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = settings.get("apiUrl") ?? defaultUrl;
  const setting = settings.describe("apiUrl");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${setting} is not a URL: "${withoutCredentials(value)}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`${setting} must be an http(s) URL, got "${withoutCredentials(value)}"`);
  }
  if (url.username !== "" || url.password !== "") {
    registerSecret(url.password);
    registerSecret(decodeURIComponent(url.password));
    throw new ConfigurationError(
      `${setting} must not contain credentials (user:password@), got "${withoutCredentials(value)}": ` +
        `set the vendor's credential settings instead`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !/^(1|true)$/i.test(env[ALLOW_INSECURE_HTTP] ?? "")) {
    throw new ConfigurationError(
      `${setting} is plain http to ${url.hostname}, which would send credentials unencrypted: use https, ` +
        `or set ${ALLOW_INSECURE_HTTP}=1 to allow plain http to hosts other than this machine`,
    );
  }
  return value.replace(/\/+$/, "");
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The URL as written, with anything before an `@` in its authority replaced. */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?[^/?#]*@/i, "$1[credentials hidden]@");
}

/**
 * Stack config as the dynamic-provider host hands it to `configure`: a bag
 * with `get("gigahost:apiKey")`. The host only exposes `get`, so the keys of
 * every vendor are read up front and kept in a plain map.
 */
let providerConfig: Map<string, string> = new Map();

export function rememberProviderConfig(
  config: { get(key: string): unknown } | undefined,
  qualifiedKeys: string[],
): void {
  const next = new Map<string, string>();
  for (const key of qualifiedKeys) {
    let value: unknown;
    try {
      value = config?.get(key);
    } catch {
      // The host's Config throws when the engine sent no configuration at all.
      value = undefined;
    }
    if (typeof value === "string") next.set(key, value);
  }
  providerConfig = next;
}

/** Settings source for code running in the dynamic-provider process. */
export const providerConfigSource: SettingsSource = (key) => providerConfig.get(key);

/**
 * One client per vendor, endpoint and credentials, shared by every resource
 * in the process, so sessions, caches and limits are shared too. Returns a
 * lookup that creates the client on first use; the key is a hash of the
 * settings, so no credential is kept as a map key.
 */
export function clientRegistry<C>(keys: readonly string[]): (settings: VendorSettings, create: () => C) => C {
  const clients = new Map<string, C>();
  return (settings, create) => {
    const identity = [settings.vendor, ...keys.map((key) => settings.get(key) ?? "")].join("\u0000");
    const id = createHash("sha256").update(identity).digest("hex");
    let client = clients.get(id);
    if (!client) {
      client = create();
      clients.set(id, client);
    }
    return client;
  };
}
