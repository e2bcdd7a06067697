/** Gigahost (gigahost.no): `import * as gigahost from "pulumi-euro-hosting/gigahost"`. */
export { DnsZone, DnsZoneArgs, ZoneState, ZoneType, ZONE_TYPES } from "./dnsZone";
export { DnsRecord, DnsRecordArgs, RecordState, RecordType, RECORD_TYPES } from "./dnsRecord";
export { DnsZoneRecords, DnsZoneRecordsArgs, ZoneRecordSetArgs } from "./dnsZoneRecords";
export { Server, ServerArgs, ServerOsArgs, ServerState } from "./server";
export { DeployedServer, DeployedServerState } from "./deployedServer";
export { DeployedServerArgs, BILLING_PERIODS } from "./deployedServerArgs";
export { DomainSettings, DomainSettingsArgs, DsRecordArgs, DomainSettingsState, DS_ALGORITHMS } from "./domainSettings";
export { DnsRedirect, DnsRedirectArgs, DnsRedirectState } from "./dnsRedirect";
export { PtrZone, PtrZoneArgs, PtrZoneState } from "./ptrZone";
export { NoDomain, NoDomainArgs, RegistrantArgs, NoDomainState } from "./noDomain";
export { ServerSnapshot, ServerSnapshotArgs, SnapshotState } from "./serverSnapshot";
export { ReverseDns, ReverseDnsArgs, ReverseDnsState } from "./reverseDns";
export { ServerIpv4, ServerIpv4Args, ServerIpv4State } from "./serverIpv4";
export { BgpAsn, BgpAsnArgs, AsnState } from "./bgpAsn";
export { BgpSession, BgpSessionArgs, BgpSessionState } from "./bgpSession";
export { SshKey, SshKeyArgs, SshKeyState, sshKeyFingerprint } from "./sshKey";
export {
  getZones,
  getZone,
  getRecords,
  getServers,
  getServer,
  getOperatingSystems,
  getUpgradePackages,
  getIsos,
  getTrafficGraphs,
  openIpmiSession,
  getDeployCatalog,
  getBgp,
  checkDomainAvailability,
  lookupOrganization,
} from "./lookups";
export type { IpmiSession, Iso, OperatingSystem, TrafficGraphs, UpgradePackage, DeployCatalog, DeployProduct } from "./lookups";
export { getAccount, getMyAccount, getMyInvoices, getDeployWaitlist, cancelDeployWaitlistEntry, updateDynDns } from "./accountLookups";
export type { Account, MyAccount, Invoice, WaitlistEntry, DynDnsAnswer } from "./accountLookups";
