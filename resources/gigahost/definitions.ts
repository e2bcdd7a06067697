import type { ResourceDefinition } from "../../provider/dynamic";
export { SETTINGS_KEYS as settingsKeys } from "../../provider/gigahost/client";

/**
 * Gigahost resource kinds, for the provider dispatcher. Each loads lazily.
 * Kinds are never renamed or removed: state written by older versions names them.
 */
export const definitions: Record<string, () => ResourceDefinition<any, any>> = {
  "gigahost:DnsZone": () => require("./dnsZone").dnsZoneDefinition,
  "gigahost:DnsRecord": () => require("./dnsRecord").dnsRecordDefinition,
  "gigahost:DnsZoneRecords": () => require("./dnsZoneRecords").dnsZoneRecordsDefinition,
  "gigahost:Server": () => require("./server").serverDefinition("gigahost"),
  "gigahost:ServerSnapshot": () => require("./serverSnapshot").serverSnapshotDefinition("gigahost"),
  "gigahost:ReverseDns": () => require("./reverseDns").reverseDnsDefinition("gigahost"),
  "gigahost:BgpAsn": () => require("./bgpAsn").bgpAsnDefinition,
  "gigahost:BgpSession": () => require("./bgpSession").bgpSessionDefinition,
  "gigahost:DomainSettings": () => require("./domainSettings").domainSettingsDefinition,
  "gigahost:DnsRedirect": () => require("./dnsRedirect").dnsRedirectDefinition,
  "gigahost:PtrZone": () => require("./ptrZone").ptrZoneDefinition,
  "gigahost:NoDomain": () => require("./noDomain").noDomainDefinition,
  "gigahost:DeployedServer": () => require("./deployedServer").deployedServerDefinition,
  "gigahost:ServerIpv4": () => require("./serverIpv4").serverIpv4Definition("gigahost"),
  "gigahost:SshKey": () => require("./sshKey").sshKeyDefinition,
};
