// Gigahost DNS data: zones and their records, the validation the API applies,
// and the wire shapes GET answers with (docs/vendor-documents.md,
// "Gigahost: DNS"). Used by the HTTP routes and directly by tests for seeding
// and out-of-band changes; errors are EmulatorError so both can report them.
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { domainToUnicode } from "node:url";
import { EmulatorError, type EmulatorClock } from "../core";

export type ZoneType = "NATIVE" | "MASTER" | "SLAVE";
export type Flag = "0" | "1";

/** A zone as GET /dns/zones lists it: ids and flags as strings, counters as numbers. */
export interface ZoneView {
  zone_id: string;
  cust_id: string;
  zone_name: string;
  zone_name_display: string;
  zone_type: ZoneType;
  zone_active: Flag;
  zone_protected: Flag;
  zone_is_registered: Flag;
  domain_registrar: string | null;
  domain_status: string | null;
  domain_expiry_date: string | null;
  domain_auto_renew: Flag;
  external_dns: Flag;
  record_count: number;
  zone_updated: number;
}

/** A record as GET /dns/zones/{id}/records lists it. */
export interface RecordView {
  record_id: string;
  record_name: string;
  record_type: string;
  record_value: string;
  /** A number for some records and a string for others (verified live: docs/gigahost-dns.md, "DNS quirks handled"). */
  record_ttl: number | string;
  record_priority: number | null;
}

export interface NewZone {
  name: string;
  type?: ZoneType;
  protected?: boolean;
  registered?: boolean;
  autoRenew?: boolean;
  externalDns?: boolean;
}

export interface RecordFields {
  name: string;
  type: string;
  value: string;
  ttl: number;
  priority: number | null;
}

interface StoredZone {
  id: string;
  name: string;
  type: ZoneType;
  protected: boolean;
  registered: boolean;
  autoRenew: boolean;
  externalDns: boolean;
  expiryDate: string | null;
  /** Unix seconds of the last change. */
  updated: number;
  records: RecordFields[];
}

export interface DnsSnapshot {
  nextZoneId: number;
  zones: StoredZone[];
}

export const ZONE_TYPES: readonly ZoneType[] = ["NATIVE", "MASTER", "SLAVE"];
const RECORD_TYPES = new Set(["A", "AAAA", "ALIAS", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS", "PTR", "SPF", "SRV", "SSHFP", "TLSA", "TXT"]);
/** Types whose record_priority means something; others store null whatever the client sends. */
const PRIORITY_TYPES = new Set(["MX", "SRV"]);
const LABEL = "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?";
const RECORD_NAME = new RegExp(`^(@|\\*|(\\*\\.)?${LABEL}(\\.${LABEL})*)$`);
const ZONE_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const FIRST_ZONE_ID = 1001;

/** Model choice: the records create_default_records adds (the docs do not list them). */
export const DEFAULT_ZONE_RECORDS: readonly RecordFields[] = [
  { name: "@", type: "NS", value: "ns1.gigahost.no", ttl: 86400, priority: null },
  { name: "@", type: "NS", value: "ns2.gigahost.no", ttl: 86400, priority: null },
];

export class GigahostDnsState {
  private zonesById = new Map<string, StoredZone>();
  private nextZoneId = FIRST_ZONE_ID;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly customerId: string,
  ) {}

  zones(): ZoneView[] {
    return [...this.zonesById.values()].map((zone) => this.zoneView(zone));
  }

  zoneByName(name: string): ZoneView | undefined {
    const wanted = normalizeZoneName(name);
    const zone = [...this.zonesById.values()].find((z) => z.name === wanted);
    return zone && this.zoneView(zone);
  }

  zone(zoneId: string): ZoneView {
    return this.zoneView(this.storedZone(zoneId));
  }

  /** Validates and adds a zone with `records` (already validated by the caller). Zone ids are increasing numeric strings. */
  /** Test hook: the auth code a domain's transfer needs; a domain without one takes any code (guess). */
  private readonly transferCodes = new Map<string, string>();

  setTransferCode(domain: string, code: string): void {
    this.transferCodes.set(normalizeZoneName(domain), code);
  }

  acceptsTransferCode(domain: string, code: string): boolean {
    const expected = this.transferCodes.get(normalizeZoneName(domain));
    return expected === undefined || expected === code;
  }

  addZone(input: NewZone, records: readonly RecordFields[] = []): ZoneView {
    const name = typeof input.name === "string" ? normalizeZoneName(input.name) : "";
    if (!ZONE_NAME.test(name)) throw new EmulatorError(400, "Invalid zone name.");
    const type = input.type ?? "NATIVE";
    if (!ZONE_TYPES.includes(type)) throw new EmulatorError(400, "Invalid zone type.");
    if (this.zoneByName(name)) throw new EmulatorError(400, "Zone already exists.");
    const registered = input.registered ?? false;
    const zone: StoredZone = {
      id: String(this.nextZoneId++),
      name,
      type,
      protected: input.protected ?? registered,
      registered,
      autoRenew: input.autoRenew ?? registered,
      externalDns: input.externalDns ?? false,
      expiryDate: registered ? formatDateTime(this.clock.now() + 365 * 86_400_000) : null,
      updated: this.unixNow(),
      records: [],
    };
    for (const record of records) {
      if (!zone.records.some((existing) => sameContent(existing, record))) zone.records.push({ ...record });
    }
    this.zonesById.set(zone.id, zone);
    return this.zoneView(zone);
  }

  /** Removes a zone whatever its protection; the route refuses protected zones itself. */
  removeZone(zoneId: string): void {
    this.storedZone(zoneId);
    this.zonesById.delete(zoneId);
  }

  records(zoneId: string): RecordView[] {
    const zone = this.storedZone(zoneId);
    return zone.records.map((record) => recordView(zone.id, record));
  }

  addRecord(zoneId: string, fields: RecordFields): RecordView {
    const zone = this.storedZone(zoneId);
    const record = validateRecord(fields);
    if (zone.records.some((existing) => sameContent(existing, record))) throw new EmulatorError(400, "Record already exists.");
    zone.records.push(record);
    this.touch(zone);
    return recordView(zone.id, record);
  }

  /** Replaces every field of a record; its id changes with its content. */
  replaceRecord(zoneId: string, recordId: string, fields: RecordFields): RecordView {
    const zone = this.storedZone(zoneId);
    const index = this.recordIndex(zone, recordId);
    const record = validateRecord(fields);
    if (zone.records.some((existing, i) => i !== index && sameContent(existing, record))) {
      throw new EmulatorError(400, "Record already exists.");
    }
    zone.records[index] = record;
    this.touch(zone);
    return recordView(zone.id, record);
  }

  recordFields(zoneId: string, recordId: string): RecordFields {
    const zone = this.storedZone(zoneId);
    return { ...zone.records[this.recordIndex(zone, recordId)] };
  }

  removeRecord(zoneId: string, recordId: string): void {
    const zone = this.storedZone(zoneId);
    zone.records.splice(this.recordIndex(zone, recordId), 1);
    this.touch(zone);
  }

  /**
   * Removes the records of one name and type — the whole RRset, or only those
   * `matchesValue` accepts. Throws 404 when nothing matched.
   */
  removeRecordSet(zoneId: string, name: string, type: string, matchesValue?: (record: RecordFields) => boolean): void {
    const zone = this.storedZone(zoneId);
    const wantedName = normalizeRecordName(name);
    const wantedType = type.trim().toUpperCase();
    const doomed = zone.records.filter(
      (r) => r.name === wantedName && r.type === wantedType && (matchesValue === undefined || matchesValue(r)),
    );
    if (doomed.length === 0) throw new EmulatorError(404, "Record not found.");
    zone.records = zone.records.filter((r) => !doomed.includes(r));
    this.touch(zone);
  }

  /** Registered-domain flags the domain endpoints change (auto-renew, external name servers). */
  setZoneFlags(zoneId: string, flags: { autoRenew?: boolean; externalDns?: boolean }): void {
    const zone = this.storedZone(zoneId);
    if (flags.autoRenew !== undefined) zone.autoRenew = flags.autoRenew;
    if (flags.externalDns !== undefined) zone.externalDns = flags.externalDns;
    this.touch(zone);
  }

  /** A registration extended (a registrant change "extends domain by 1 year"). */
  extendRegistration(zoneId: string, byMs: number): void {
    const zone = this.storedZone(zoneId);
    const from = zone.expiryDate ? Date.parse(zone.expiryDate.replace(" ", "T") + (zone.expiryDate.endsWith("Z") ? "" : "Z")) : this.clock.now();
    zone.expiryDate = formatDateTime((Number.isFinite(from) ? from : this.clock.now()) + byMs);
    this.touch(zone);
  }

  isRegistered(zoneId: string): boolean {
    return this.storedZone(zoneId).registered;
  }

  isProtected(zoneId: string): boolean {
    return this.storedZone(zoneId).protected;
  }

  snapshot(): DnsSnapshot {
    return structuredClone({ nextZoneId: this.nextZoneId, zones: [...this.zonesById.values()] });
  }

  restore(snapshot: DnsSnapshot): void {
    this.nextZoneId = snapshot.nextZoneId;
    this.zonesById = new Map(structuredClone(snapshot.zones).map((zone) => [zone.id, zone]));
  }

  private storedZone(zoneId: string): StoredZone {
    const zone = this.zonesById.get(zoneId);
    if (!zone) throw new EmulatorError(404, "Zone not found.");
    return zone;
  }

  private recordIndex(zone: StoredZone, recordId: string): number {
    const index = zone.records.findIndex((record) => recordId === contentHash(zone.id, record));
    if (index < 0) throw new EmulatorError(404, "Record not found.");
    return index;
  }

  private touch(zone: StoredZone): void {
    zone.updated = this.unixNow();
  }

  private unixNow(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  private zoneView(zone: StoredZone): ZoneView {
    return {
      zone_id: zone.id,
      cust_id: this.customerId,
      zone_name: zone.name,
      zone_name_display: domainToUnicode(zone.name) || zone.name,
      zone_type: zone.type,
      zone_active: "1",
      zone_protected: flag(zone.protected),
      zone_is_registered: flag(zone.registered),
      domain_registrar: zone.registered ? "norid" : null,
      domain_status: zone.registered ? "active" : null,
      domain_expiry_date: zone.expiryDate,
      domain_auto_renew: flag(zone.autoRenew),
      external_dns: flag(zone.externalDns),
      record_count: zone.records.length,
      zone_updated: zone.updated,
    };
  }
}

/**
 * Checks one record the way POST/PUT do and returns it normalised (name
 * lowercase, type uppercase, priority only for MX/SRV). Throws 400.
 */
export function validateRecord(fields: RecordFields): RecordFields {
  const value = typeof fields.value === "string" ? fields.value.trim() : "";
  if (value === "") throw new EmulatorError(400, "Record value is required.");
  const type = typeof fields.type === "string" ? fields.type.trim().toUpperCase() : "";
  if (!RECORD_TYPES.has(type)) throw new EmulatorError(400, "Invalid record type.");
  if (typeof fields.name !== "string") throw new EmulatorError(400, "Invalid record name.");
  const name = normalizeRecordName(fields.name);
  if (!RECORD_NAME.test(name)) throw new EmulatorError(400, "Invalid record name.");
  if (!Number.isInteger(fields.ttl) || fields.ttl < 1 || fields.ttl > 2_147_483_647) throw new EmulatorError(400, "Invalid TTL.");
  const priority = fields.priority ?? null;
  if (priority !== null && (!Number.isInteger(priority) || priority < 0 || priority > 65535)) {
    throw new EmulatorError(400, "Invalid priority.");
  }
  if (type === "A" && !isIPv4(value)) throw new EmulatorError(400, "Invalid IPv4 address.");
  if (type === "AAAA" && !isIPv6(value)) throw new EmulatorError(400, "Invalid IPv6 address.");
  if (type === "MX" && priority === null) throw new EmulatorError(400, "Priority is required for MX records.");
  return { name, type, value, ttl: fields.ttl, priority: PRIORITY_TYPES.has(type) ? priority : null };
}

/**
 * Record ids are content hashes (verified live: docs/gigahost-dns.md,
 * "DNS quirks handled"): any change to a record gives it a new id, so clients
 * must re-resolve ids after an update.
 */
export function contentHash(zoneId: string, record: RecordFields): string {
  const content = [zoneId, record.name, record.type, record.value, record.ttl, record.priority ?? ""].join("|");
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

function recordView(zoneId: string, record: RecordFields): RecordView {
  const id = contentHash(zoneId, record);
  return {
    record_id: id,
    record_name: record.name,
    record_type: record.type,
    record_value: record.value,
    // Numbers-as-strings quirk, made deterministic: odd ids list their TTL as a string.
    record_ttl: Number.parseInt(id.slice(-1), 16) % 2 === 1 ? String(record.ttl) : record.ttl,
    record_priority: record.priority,
  };
}

/** Duplicate check: same name, type, value and priority (TTL does not count). */
function sameContent(a: RecordFields, b: RecordFields): boolean {
  return a.name === b.name && a.type === b.type && a.value === b.value && a.priority === b.priority;
}

function normalizeRecordName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  return trimmed === "" ? "@" : trimmed;
}

function normalizeZoneName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

function flag(value: boolean): Flag {
  return value ? "1" : "0";
}

/** "2025-12-31 23:59:59", the docs' domain_expiry_date format (UTC assumed). */
function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
