import type { ResourceDefinition } from "../../provider/dynamic";
export { SETTINGS_KEYS as settingsKeys } from "../../provider/gandi/client";

/**
 * Gandi resource kinds, for the provider dispatcher. Each loads lazily.
 * Kinds are never renamed or removed: state written by older versions names them.
 */
export const definitions: Record<string, () => ResourceDefinition<any, any>> = {
  "gandi:SimpleHostingInstance": () => require("./instance").simpleHostingInstanceDefinition,
  "gandi:SimpleHostingVhost": () => require("./vhost").simpleHostingVhostDefinition,
};
