export { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator, type ZoneidEmulatorOptions } from "./emulator";
export { RECORD_TYPES as ZONEID_RECORD_TYPES, SYSTEM_NAMESERVERS, type RecordType as ZoneidRecordType, type RecordView as ZoneidRecordView, type ZoneView as ZoneidZoneView } from "./dns-state";
export { ZoneidApiError } from "./errors";
