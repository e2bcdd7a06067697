// The provider's configuration as the engine hands it to the plugin
// (CheckConfig, Configure). The engine passes only the package's own
// namespace, without it: `euro-hosting:gigahost` arrives as `gigahost`. So
// the configuration is one object per vendor holding the settings that
// vendor declares (resources/vendors.ts): `euro-hosting:gigahost` =
// `{ apiUrl, apiKey, … }`, read as the qualified settings `gigahost:apiUrl`,
// `gigahost:apiKey` every vendor client reads (provider/settings.ts), with
// the environment variables (GIGAHOST_API_KEY) still the fallback.
import type { CheckFailure } from "../inputs";
import { ConfigurationError } from "../errors";
import { registerSecret } from "../redact";
import type { SettingsSource } from "../settings";
import type { VendorRegistry } from "../../resources/vendors";
import { vendorRegistries } from "../../resources/vendors";
import { Properties, UNKNOWN, containsSecret, isSecret, plain } from "./marshal";
import { PACKAGE } from "./names";

export type Vendors = Record<string, () => VendorRegistry>;

/** Inputs the engine adds to every provider's configuration itself. */
const ENGINE_KEYS = new Set(["version"]);

/**
 * One vendor's configuration value: an object, or the JSON text of one
 * (stack config set with `--path` reaches a provider as text, and SDKs send
 * object-typed provider inputs as JSON). Values may be marked secret.
 */
type VendorValue = { kind: "settings"; settings: Properties } | { kind: "unknown" } | { kind: "invalid"; reason: string };

function vendorValue(vendor: string, value: unknown): VendorValue {
  const unwrapped = plain(value);
  if (unwrapped === UNKNOWN) return { kind: "unknown" };
  // The value is never quoted in a reason: it may hold a credential.
  const invalid: VendorValue = {
    kind: "invalid",
    reason: `must be an object of ${vendor}'s settings, e.g. {"apiKey": "…"} (set with \`pulumi config set --path ${PACKAGE}:${vendor}.apiKey --secret …\`)`,
  };
  if (typeof unwrapped === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(unwrapped);
    } catch {
      return invalid;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return invalid;
    return { kind: "settings", settings: parsed as Properties };
  }
  if (unwrapped === null || typeof unwrapped !== "object" || Array.isArray(unwrapped)) return invalid;
  // Keep each setting as sent (with its secret mark) when the object itself came unwrapped.
  const settings = isSecret(value) ? (unwrapped as Properties) : (value as Properties);
  return { kind: "settings", settings };
}

const isSettingValue = (value: unknown) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/**
 * The problems of a configuration, each naming the key (`gigahost`,
 * `gigahost.apiKy`) and saying what is allowed; never a value. Values not
 * known yet (a preview) pass.
 */
export function checkProviderConfig(config: Properties, vendors: Vendors = vendorRegistries): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const vendorNames = Object.keys(vendors);
  for (const [key, value] of Object.entries(config)) {
    if (ENGINE_KEYS.has(key) || value === null || value === undefined) continue;
    const registry = vendors[key];
    if (!registry) {
      failures.push({
        property: key,
        reason:
          `${PACKAGE}:${key} is not a configuration key of ${PACKAGE}: its configuration is one object per vendor, ` +
          `${vendorNames.map((vendor) => `${PACKAGE}:${vendor}`).join(", ")}`,
      });
      continue;
    }
    const parsed = vendorValue(key, value);
    if (parsed.kind === "unknown") continue;
    if (parsed.kind === "invalid") {
      failures.push({ property: key, reason: parsed.reason });
      continue;
    }
    const allowed = registry().settingsKeys;
    for (const [setting, settingValue] of Object.entries(parsed.settings)) {
      const unwrapped = plain(settingValue);
      if (!allowed.includes(setting)) {
        failures.push({ property: `${key}.${setting}`, reason: `${PACKAGE}:${key} has no setting "${setting}"; its settings are ${allowed.join(", ")}` });
      } else if (unwrapped !== null && unwrapped !== UNKNOWN && !isSettingValue(unwrapped)) {
        failures.push({ property: `${key}.${setting}`, reason: "must be a string" });
      }
    }
  }
  return failures;
}

/**
 * The settings source of a checked configuration: qualified key
 * (`gigahost:apiKey`) → value. Settings sent as secrets are registered for
 * redaction here, before any code can log them. A vendor's object that is
 * secret as a whole (stack config makes the whole object secret as soon as
 * one setting in it is) says nothing of which setting is: there the
 * credentials are registered as the vendor clients read them
 * (provider/settings.ts), and the endpoint stays readable in messages.
 * Throws a ConfigurationError listing the problems of a configuration that
 * does not pass `checkProviderConfig`.
 */
export function providerSettings(config: Properties, vendors: Vendors = vendorRegistries): SettingsSource {
  const failures = checkProviderConfig(config, vendors);
  if (failures.length > 0) {
    throw new ConfigurationError(`invalid ${PACKAGE} configuration: ${failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ")}`);
  }
  const values = new Map<string, string>();
  for (const [vendor, value] of Object.entries(config)) {
    if (!(vendor in vendors) || value === null || value === undefined) continue;
    const parsed = vendorValue(vendor, value);
    if (parsed.kind !== "settings") continue;
    for (const [setting, settingValue] of Object.entries(parsed.settings)) {
      const unwrapped = plain(settingValue);
      if (unwrapped === null || unwrapped === UNKNOWN || !isSettingValue(unwrapped)) continue;
      const text = String(unwrapped);
      if (containsSecret(settingValue)) registerSecret(text);
      values.set(`${vendor}:${setting}`, text);
    }
  }
  return (qualifiedKey) => values.get(qualifiedKey);
}

/** The configuration of the deprecated `variables` map (`euro-hosting:config:gigahost` → JSON text), for engines that send no `args`. */
export function configFromVariables(variables: Iterable<[string, string]>): Properties {
  const prefix = `${PACKAGE}:config:`;
  const config: Properties = {};
  for (const [key, value] of variables) if (key.startsWith(prefix)) config[key.slice(prefix.length)] = value;
  return config;
}

/** The top-level keys whose settings differ between two configurations (DiffConfig). */
export function changedConfigKeys(olds: Properties, news: Properties, vendors: Vendors = vendorRegistries): string[] {
  const canonical = (config: Properties, key: string) => {
    const value = config[key];
    if (!(key in vendors) || value === null || value === undefined) return JSON.stringify(plain(value) ?? null);
    const parsed = vendorValue(key, value);
    if (parsed.kind !== "settings") return parsed.kind === "unknown" ? UNKNOWN : JSON.stringify(plain(value));
    const settings = plain(parsed.settings) as Properties;
    return JSON.stringify(Object.keys(settings).sort().map((setting) => [setting, settings[setting]]));
  };
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((key) => !ENGINE_KEYS.has(key));
  return keys.filter((key) => canonical(news, key) === UNKNOWN || canonical(olds, key) !== canonical(news, key)).sort();
}
