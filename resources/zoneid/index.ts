/** ZoneID (Zone.eu): `import * as zoneid from "pulumi-euro-hosting/zoneid"`. */
export { DnsZone, DnsZoneArgs, ZoneState } from "./dnsZone";
export { DnsRecord, DnsRecordArgs, RecordState, RECORD_TYPES } from "./dnsRecord";
export { getZone, getRecords } from "./lookups";
