import type { ResourceDefinition } from "../../provider/dynamic";
/** The Gigahost platform's settings, read under `terrahost:`. */
export { SETTINGS_KEYS as settingsKeys } from "../../provider/gigahost/client";

/**
 * Terrahost resource kinds. Terrahost runs the Gigahost platform, so each
 * kind is the Gigahost implementation bound to the "terrahost" brand (its own
 * base URL and `terrahost:*` credentials). Kinds are never renamed or removed.
 */
export const definitions: Record<string, () => ResourceDefinition<any, any>> = {
  "terrahost:Server": () => require("../gigahost/server").serverDefinition("terrahost"),
  "terrahost:ServerSnapshot": () => require("../gigahost/serverSnapshot").serverSnapshotDefinition("terrahost"),
  "terrahost:ReverseDns": () => require("../gigahost/reverseDns").reverseDnsDefinition("terrahost"),
  "terrahost:ServerIpv4": () => require("../gigahost/serverIpv4").serverIpv4Definition("terrahost"),
};
