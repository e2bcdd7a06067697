/** Gigahost (gigahost.no): `import * as gigahost from "pulumi-euro-hosting/gigahost"`. */
export { DnsZone, DnsZoneArgs, ZoneState, ZoneType, ZONE_TYPES } from "./dnsZone";
export { DnsRecord, DnsRecordArgs, RecordState, RecordType, RECORD_TYPES } from "./dnsRecord";
export { getZones, getZone, getRecords } from "./lookups";
