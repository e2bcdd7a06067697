// ZoneID DNS zones and records (zoneid-openapi.json, tags "* record" and
// "DNS zone"). Zones cannot be created or deleted through the API: they
// come with domain or hosting services, so tests seed them in-process.
import { isIPv4, isIPv6 } from "node:net";
import { EmulatorError, bodyFields } from "../core";
import { unprocessable } from "./errors";

export const RECORD_TYPES = ["a", "aaaa", "ns", "mx", "cname", "txt", "caa", "sshfp", "srv", "url", "tlsa"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The type-specific fields each record type has on the wire, besides name and destination. */
export const TYPE_FIELDS: Record<RecordType, string[]> = {
  a: [],
  aaaa: [],
  ns: [],
  mx: ["priority"],
  cname: [],
  txt: [],
  caa: ["flag", "tag"],
  sshfp: ["algorithm", "type"],
  srv: ["priority", "weight", "port"],
  url: ["type"],
  tlsa: ["certificate_usage", "selector", "matching_type"],
};

/** Zone.eu's name servers, listed as system records in every zone (modify/delete false). */
export const SYSTEM_NAMESERVERS = ["ns1.zone.eu", "ns2.zone.ee", "ns3.zonedata.net"];

export interface RecordView {
  id: number;
  /** The record type (the path segment); `type` is SSHFP's fingerprint type or URL's redirect status. */
  recordType: RecordType;
  name: string;
  destination: string;
  delete: boolean;
  modify: boolean;
  [field: string]: string | number | boolean;
}

export interface ZoneView {
  identificator: string;
  active: boolean;
  ipv6: boolean;
}

interface ZoneData extends ZoneView {
  records: RecordView[];
}

export interface DnsSnapshot {
  nextId: number;
  zones: ZoneData[];
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

export class ZoneidDnsState {
  private zones = new Map<string, ZoneData>();
  private nextId = 1000;

  constructor(private readonly options: { urlRecordsNeedUpgrade: () => boolean }) {}

  addZone(name: string, settings: { active?: boolean; ipv6?: boolean; systemRecords?: boolean } = {}): ZoneView {
    const zoneName = name.toLowerCase().replace(/\.$/, "");
    if (this.zones.has(zoneName)) throw unprocessable("Zone exists", { identificator: ["zone already exists"] });
    const zone: ZoneData = { identificator: zoneName, active: settings.active ?? true, ipv6: settings.ipv6 ?? true, records: [] };
    this.zones.set(zoneName, zone);
    if (settings.systemRecords ?? true) {
      for (const host of SYSTEM_NAMESERVERS) {
        zone.records.push({ id: this.nextId++, recordType: "ns", name: zoneName, destination: host, delete: false, modify: false });
      }
    }
    return zoneView(zone);
  }

  removeZone(name: string): void {
    this.zones.delete(name.toLowerCase());
  }

  zone(name: string): ZoneView {
    return zoneView(this.zoneData(name));
  }

  zoneNames(): string[] {
    return [...this.zones.keys()];
  }

  updateZone(name: string, body: Record<string, unknown>): ZoneView {
    const zone = this.zoneData(name);
    const errors: Record<string, string[]> = {};
    for (const field of ["active", "ipv6"] as const) {
      if (body[field] === undefined) continue;
      if (typeof body[field] !== "boolean") errors[field] = ["must be a boolean"];
    }
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
    if (body.active !== undefined) zone.active = body.active as boolean;
    if (body.ipv6 !== undefined) zone.ipv6 = body.ipv6 as boolean;
    return zoneView(zone);
  }

  records(zoneName: string, type?: RecordType): RecordView[] {
    return this.zoneData(zoneName)
      .records.filter((record) => type === undefined || record.recordType === type)
      .map((record) => ({ ...record }));
  }

  record(zoneName: string, type: RecordType, id: string): RecordView {
    return { ...this.recordData(zoneName, type, id) };
  }

  createRecord(zoneName: string, type: RecordType, body: unknown, options: { system?: boolean } = {}): RecordView {
    const zone = this.zoneData(zoneName);
    const fields = this.validate(zone, type, body, undefined);
    const record: RecordView = { id: this.nextId++, recordType: type, ...fields, delete: !options.system, modify: !options.system } as RecordView;
    zone.records.push(record);
    return { ...record };
  }

  updateRecord(zoneName: string, type: RecordType, id: string, body: unknown, options: { force?: boolean } = {}): RecordView {
    const zone = this.zoneData(zoneName);
    const record = this.recordData(zoneName, type, id);
    if (!record.modify && !options.force) throw new EmulatorError(400, "Record can not be modified");
    const merged = { ...pickFields(record, type), ...bodyFields(body) };
    const fields = this.validate(zone, type, merged, record.id);
    Object.assign(record, fields);
    return { ...record };
  }

  deleteRecord(zoneName: string, type: RecordType, id: string, options: { force?: boolean } = {}): void {
    const zone = this.zoneData(zoneName);
    const record = this.recordData(zoneName, type, id);
    if (!record.delete && !options.force) throw new EmulatorError(400, "Record can not be deleted");
    zone.records = zone.records.filter((candidate) => candidate !== record);
  }

  snapshot(): DnsSnapshot {
    return { nextId: this.nextId, zones: [...this.zones.values()].map((zone) => ({ ...zone, records: zone.records.map((r) => ({ ...r })) })) };
  }

  restore(snapshot: DnsSnapshot): void {
    this.nextId = snapshot.nextId;
    this.zones = new Map(snapshot.zones.map((zone) => [zone.identificator, { ...zone, records: zone.records.map((r) => ({ ...r })) }]));
  }

  private zoneData(name: string): ZoneData {
    const zone = this.zones.get(name.toLowerCase());
    if (!zone) throw new EmulatorError(404, "Zone not found");
    return zone;
  }

  private recordData(zoneName: string, type: RecordType, id: string): RecordView {
    const record = this.zoneData(zoneName).records.find((candidate) => candidate.recordType === type && String(candidate.id) === id);
    if (!record) throw new EmulatorError(404, "Record not found");
    return record;
  }

  /** Validates a record body; 422 with errors shaped like the record, as the API answers. */
  private validate(zone: ZoneData, type: RecordType, body: unknown, ownId: number | undefined): Record<string, string | number> {
    const input = bodyFields(body);
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
    const name = typeof input.name === "string" ? input.name.toLowerCase().replace(/\.$/, "") : "";
    if (!name) fail("name", "Name is required");
    else if (name !== zone.identificator && !name.endsWith(`.${zone.identificator}`)) fail("name", `Name must be within zone ${zone.identificator}`);
    else if (!name.split(".").every((label, i) => (i === 0 && label === "*") || LABEL.test(label))) fail("name", "Invalid hostname");
    const destination = typeof input.destination === "string" ? input.destination.trim() : "";
    if (!destination) fail("destination", "Destination is required");
    const fields: Record<string, string | number> = { name, destination };
    const integer = (field: string, min: number, max: number, fallback?: number) => {
      const raw = input[field] ?? fallback;
      const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) fail(field, `Must be an integer ${min}-${max}`);
      else fields[field] = value;
    };
    const checkDestination = DESTINATION_CHECKS[type];
    if (destination && checkDestination) checkDestination(destination, fail);
    if (type === "aaaa" && !zone.ipv6) fail("destination", "IPv6 records are not allowed in this zone");
    for (const [field, min, max] of INTEGER_FIELDS[type] ?? []) integer(field, min, max);
    if (type === "caa") {
      if (typeof input.tag !== "string" || !["issue", "issuewild", "iodef"].includes(input.tag)) fail("tag", "Must be issue, issuewild or iodef");
      else fields.tag = input.tag;
    }
    if (type === "url") {
      const redirect = input.type ?? 301;
      if (redirect !== 301 && redirect !== 302) fail("type", "Accepted values are 301 and 302");
      else fields.type = redirect;
      const clash = zone.records.some((r) => ["a", "aaaa", "cname"].includes(r.recordType) && r.name === name);
      if (clash) fail("name", "Name cannot be same as A/AAAA and CNAME records");
    }
    if (type === "a" || type === "aaaa" || type === "cname") {
      const clash = zone.records.some((r) => r.recordType === "url" && r.name === name && r.id !== ownId);
      if (clash) fail("name", "Name is used by an URL record");
    }
    // A CNAME is the only data at its name (RFC 1034 §3.6.2); ZoneID's document says nothing: a guess (docs/zoneid.md).
    if (type === "cname") {
      const clash = zone.records.some((r) => !["cname", "url"].includes(r.recordType) && r.name === name);
      if (clash) fail("name", "Name is used by other records; a CNAME record cannot share it");
    } else if (type !== "url") {
      const clash = zone.records.some((r) => r.recordType === "cname" && r.name === name);
      if (clash) fail("name", "Name is used by a CNAME record");
    }
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
    if (type === "url" && this.options.urlRecordsNeedUpgrade()) throw new EmulatorError(402, "Package upgrade required");
    return fields;
  }
}

type Fail = (field: string, message: string) => void;

const hostnameDestination = (destination: string, fail: Fail) =>
  destination.replace(/\.$/, "").split(".").every((label) => LABEL.test(label.toLowerCase())) || fail("destination", "Invalid hostname");
const hexDestination = (destination: string, fail: Fail) => /^[0-9a-f]+$/i.test(destination) || fail("destination", "Must be hexadecimal");

/** What a type's destination must be (when one is given). */
const DESTINATION_CHECKS: Partial<Record<RecordType, (destination: string, fail: Fail) => unknown>> = {
  a: (destination, fail) => isIPv4(destination) || fail("destination", "Invalid IPv4 address"),
  aaaa: (destination, fail) => isIPv6(destination) || fail("destination", "Invalid IPv6 address"),
  ns: hostnameDestination,
  cname: hostnameDestination,
  mx: hostnameDestination,
  srv: hostnameDestination,
  sshfp: hexDestination,
  tlsa: hexDestination,
  url: (destination, fail) => /^https?:\/\/\S+$/i.test(destination) || fail("destination", "Must be a http(s) URL"),
};

/** The integer fields of each type, with their ranges. */
const INTEGER_FIELDS: Partial<Record<RecordType, [field: string, min: number, max: number][]>> = {
  mx: [["priority", 0, 65535]],
  srv: [
    ["priority", 0, 65535],
    ["weight", 0, 65535],
    ["port", 0, 65535],
  ],
  caa: [["flag", 0, 255]],
  sshfp: [
    ["algorithm", 1, 4],
    ["type", 1, 2],
  ],
  tlsa: [
    ["certificate_usage", 0, 3],
    ["selector", 0, 1],
    ["matching_type", 0, 2],
  ],
};

function pickFields(record: RecordView, type: RecordType): Record<string, unknown> {
  const picked: Record<string, unknown> = { name: record.name, destination: record.destination };
  for (const field of TYPE_FIELDS[type]) if (record[field] !== undefined) picked[field] = record[field];
  return picked;
}

function zoneView(zone: ZoneData): ZoneView {
  return { identificator: zone.identificator, active: zone.active, ipv6: zone.ipv6 };
}


export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}
