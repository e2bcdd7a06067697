import { ResourceDefinition, bridge } from "./dynamic";
import { rememberProviderConfig } from "./settings";

interface VendorRegistry {
  definitions: Record<string, () => ResourceDefinition<any, any>>;
  /** Every stack config key the vendor's client reads (`apiKey` → `gigahost:apiKey`, GIGAHOST_API_KEY). */
  settingsKeys: readonly string[];
}

/**
 * What the serialized provider stub loads at call time (package export
 * `./internal/dispatch`). Maps a resource kind ("gigahost:DnsRecord") to its
 * current implementation. Each vendor declares its kinds and settings keys
 * in `resources/<vendor>/definitions.ts`; a provider process loads only the
 * resource code of the kinds it serves.
 */
const VENDOR_REGISTRIES: Record<string, () => VendorRegistry> = {
  gigahost: () => require("../resources/gigahost/definitions"),
  terrahost: () => require("../resources/terrahost/definitions"),
  zoneid: () => require("../resources/zoneid/definitions"),
  gigas: () => require("../resources/gigas/definitions"),
  gandi: () => require("../resources/gandi/definitions"),
};

/**
 * Every stack config key a provider may read, per vendor namespace (the
 * host's Config can only be asked key by key), as each vendor declares them.
 */
export function qualifiedSettingsKeys(): string[] {
  return Object.entries(VENDOR_REGISTRIES).flatMap(([vendor, registry]) => registry().settingsKeys.map((key) => `${vendor}:${key}`));
}

function definitionFor(kind: string): (() => ResourceDefinition<any, any>) | undefined {
  const vendor = VENDOR_REGISTRIES[kind.split(":")[0]];
  if (!vendor) return undefined;
  try {
    return vendor().definitions[kind];
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
        rememberProviderConfig(request?.config, qualifiedSettingsKeys());
      },
    };
    implementations.set(kind, implementation);
  }
  return implementation;
}

