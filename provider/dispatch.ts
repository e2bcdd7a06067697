import { ResourceDefinition, bridge } from "./dynamic";
import { rememberProviderConfig } from "./settings";

/**
 * What the serialized provider stub loads at call time (package export
 * `./internal/dispatch`). Maps a resource kind ("gigahost:DnsRecord") to its
 * current implementation. Each vendor lists its kinds in
 * `resources/<vendor>/definitions.ts`; a provider process loads only the
 * vendors it serves.
 */
const VENDOR_DEFINITIONS: Record<string, () => Record<string, () => ResourceDefinition<any, any>>> = {
  gigahost: () => require("../resources/gigahost/definitions").definitions,
  terrahost: () => require("../resources/terrahost/definitions").definitions,
  zoneid: () => require("../resources/zoneid/definitions").definitions,
  gigas: () => require("../resources/gigas/definitions").definitions,
  gandi: () => require("../resources/gandi/definitions").definitions,
};

/**
 * Every stack config key a provider may read, per vendor namespace (the
 * host's Config can only be asked key by key). Environment variables follow
 * from the names: `zoneid:apiKey` → ZONEID_API_KEY.
 */
const SETTINGS_KEYS: Record<string, readonly string[]> = {
  gigahost: ["apiKey", "username", "password", "totpSecret", "apiUrl"],
  terrahost: ["apiKey", "username", "password", "totpSecret", "apiUrl"],
  zoneid: ["username", "apiKey", "apiUrl"],
  gigas: ["apiKey", "username", "password", "totp", "accountId", "apiUrl"],
  gandi: ["personalAccessToken", "apiKey", "sharingId", "apiUrl"],
};

const qualifiedSettingsKeys = Object.entries(SETTINGS_KEYS).flatMap(([vendor, keys]) =>
  keys.map((key) => `${vendor}:${key}`),
);

function definitionFor(kind: string): (() => ResourceDefinition<any, any>) | undefined {
  const vendor = VENDOR_DEFINITIONS[kind.split(":")[0]];
  if (!vendor) return undefined;
  try {
    return vendor()[kind];
  } catch (error) {
    // Only the vendor's own definitions file missing means "not in this version".
    const missing = (error as { code?: string }).code === "MODULE_NOT_FOUND" && /definitions/.test(String(error));
    if (missing) return undefined;
    throw error;
  }
}

type Implementation = ReturnType<typeof bridge> & {
  configure(request: { config: { get(key: string): unknown } }): Promise<void>;
};

const implementations = new Map<string, Implementation>();

export function implementationFor(kind: string): Implementation {
  let implementation = implementations.get(kind);
  if (!implementation) {
    const definition = definitionFor(kind);
    if (!definition) {
      throw new Error(
        `pulumi-euro-hosting has no resource kind "${kind}". The state was probably written by a newer ` +
          "version of the package: install that version in the Pulumi program.",
      );
    }
    implementation = {
      ...bridge(definition()),
      async configure(request) {
        rememberProviderConfig(request?.config, qualifiedSettingsKeys);
      },
    };
    implementations.set(kind, implementation);
  }
  return implementation;
}

