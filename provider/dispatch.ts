import { ResourceDefinition, bridge } from "./dynamic";
import { rememberProviderConfig } from "./settings";

/**
 * What the serialized provider stub loads at call time (package export
 * `./internal/dispatch`). Maps a resource kind to its current implementation.
 * Definitions load lazily, so a provider process only loads the vendors it
 * serves. Kinds are never renamed or removed: old state names them.
 */
const DEFINITIONS: Record<string, () => ResourceDefinition<any, any>> = {
  "gigahost:DnsZone": () => require("../resources/gigahost/dnsZone").dnsZoneDefinition,
  "gigahost:DnsRecord": () => require("../resources/gigahost/dnsRecord").dnsRecordDefinition,
};

/** Every stack config key a provider may read, per vendor namespace. */
const SETTINGS_KEYS: Record<string, readonly string[]> = {
  gigahost: ["apiKey", "username", "password", "totpSecret", "apiUrl"],
  terrahost: ["apiKey", "username", "password", "totpSecret", "apiUrl"],
};

const qualifiedSettingsKeys = Object.entries(SETTINGS_KEYS).flatMap(([vendor, keys]) =>
  keys.map((key) => `${vendor}:${key}`),
);

type Implementation = ReturnType<typeof bridge> & {
  configure(request: { config: { get(key: string): unknown } }): Promise<void>;
};

const implementations = new Map<string, Implementation>();

export function implementationFor(kind: string): Implementation {
  let implementation = implementations.get(kind);
  if (!implementation) {
    const definition = DEFINITIONS[kind];
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

export const knownKinds = (): string[] => Object.keys(DEFINITIONS);
