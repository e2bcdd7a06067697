import { ResourceDefinition, bridge } from "./dynamic";
import { rememberProviderConfig } from "./settings";
import { vendorRegistries } from "../resources/vendors";

// What the serialized provider stub loads at call time (package export
// `./internal/dispatch`). Maps a resource kind ("gigahost:DnsRecord") to its
// current implementation. The vendors and what each declares (kinds and
// settings keys) come from `resources/vendors.ts`; a provider process loads
// only the resource code of the kinds it serves.

/**
 * Every stack config key a provider may read, per vendor namespace (the
 * host's Config can only be asked key by key), as each vendor declares them.
 */
export function qualifiedSettingsKeys(): string[] {
  return Object.entries(vendorRegistries).flatMap(([vendor, registry]) => registry().settingsKeys.map((key) => `${vendor}:${key}`));
}

/** The definition of a kind ("gigahost:DnsRecord"), loaded on first use; undefined for a kind this version lacks. */
export function definitionFor(kind: string): (() => ResourceDefinition<any, any>) | undefined {
  const vendor = vendorRegistries[kind.split(":")[0]];
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

