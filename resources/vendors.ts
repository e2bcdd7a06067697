import type { ResourceDefinition } from "../provider/dynamic";

/** What one vendor declares in `resources/<vendor>/definitions.ts`. */
export interface VendorRegistry {
  /** Resource kind ("gigas:Disk") → its definition, loaded lazily. */
  definitions: Record<string, () => ResourceDefinition<any, any>>;
  /** Every stack config key the vendor's client reads (`apiKey` → `gigahost:apiKey`, GIGAHOST_API_KEY). */
  settingsKeys: readonly string[];
}

/**
 * The vendors, by the namespace of their kinds and settings ("gigahost" in
 * `gigahost:DnsRecord` and `gigahost:apiKey`). Adding a vendor is one line
 * here and its own definitions file; the shared layer names none of them.
 */
export const vendorRegistries: Record<string, () => VendorRegistry> = {
  gigahost: () => require("./gigahost/definitions"),
  terrahost: () => require("./terrahost/definitions"),
  zoneid: () => require("./zoneid/definitions"),
  gigas: () => require("./gigas/definitions"),
  gandi: () => require("./gandi/definitions"),
};
