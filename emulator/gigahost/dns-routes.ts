// The Gigahost DNS endpoints (docs/vendor-documents.md, "Gigahost: DNS"):
// request decoding, per-zone write serialisation and the live quirks
// (docs/gigahost-dns.md, "DNS quirks handled"), over GigahostDnsState.
import { EmulatorError, type EmulatorRequest, type Route, bodyFields } from "../core";
import { DEFAULT_ZONE_RECORDS, type GigahostDnsState, type RecordFields, type ZoneType, ZONE_TYPES, validateRecord } from "./dns-state";
import { envelope, zoneBusy } from "./envelope";
import { ZoneFileError, parseZoneFile } from "./zone-file";

export interface DnsRouteOptions {
  /** Older live behaviour: DELETE ignores `value` and removes the whole RRset. */
  deleteIgnoresValue: boolean;
  /** "live": `POST /dns/zones` answers `data: []` (verified live: docs/gigahost-dns.md, "DNS quirks handled"); "documented": `data: { zone_id }`. */
  zoneCreateAnswer: "live" | "documented";
}

const MAX_ZONE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Concurrent record writes to one zone intermittently fail with 500 on the live
 * API (verified live: docs/gigahost-dns.md, "DNS quirks handled"). Modelled
 * deterministically: a mutation holds its zone for `holdMs` before answering,
 * and any other mutation of that zone arriving meanwhile is refused with 500
 * and changes nothing. Sequential clients never see it, because the answer
 * only leaves once the zone is free.
 */
export class ZoneWriteLock {
  private readonly busy = new Set<string>();

  constructor(private readonly holdMs: number) {}

  async mutate<T>(zoneId: string, apply: () => T): Promise<T> {
    if (this.busy.has(zoneId)) throw zoneBusy();
    this.busy.add(zoneId);
    try {
      const result = apply();
      await this.hold();
      return result;
    } finally {
      this.busy.delete(zoneId);
    }
  }

  /** For zone creation: the zone id exists only once `apply` has run. */
  async mutateNew<T extends { zone_id: string }>(apply: () => T): Promise<T> {
    const result = apply();
    this.busy.add(result.zone_id);
    try {
      await this.hold();
      return result;
    } finally {
      this.busy.delete(result.zone_id);
    }
  }

  private hold(): Promise<void> {
    return this.holdMs > 0 ? new Promise((resolve) => setTimeout(resolve, this.holdMs)) : Promise.resolve();
  }
}

export function dnsRoutes(dns: GigahostDnsState, lock: ZoneWriteLock, options: DnsRouteOptions): Route[] {
  return [
    { method: "GET", pattern: "/dns/zones", handler: () => envelope(200, { data: dns.zones() }) },
    { method: "POST", pattern: "/dns/zones", handler: (req) => createZone(dns, lock, req, options.zoneCreateAnswer) },
    {
      method: "DELETE",
      pattern: "/dns/zones/:zoneId",
      handler: async (req) => {
        const zoneId = req.params.zoneId;
        if (dns.isProtected(zoneId)) throw new EmulatorError(403, "Protected zones (registered domains) cannot be deleted.");
        await lock.mutate(zoneId, () => dns.removeZone(zoneId));
        return envelope(200, { message: "Zone deleted successfully." });
      },
    },
    {
      method: "GET",
      pattern: "/dns/zones/:zoneId/records",
      handler: (req) => envelope(200, { data: dns.records(req.params.zoneId) }),
    },
    {
      method: "POST",
      pattern: "/dns/zones/:zoneId/records",
      handler: async (req) => {
        const zoneId = req.params.zoneId;
        dns.zone(zoneId);
        const fields = recordFieldsFrom(req.body);
        await lock.mutate(zoneId, () => dns.addRecord(zoneId, fields));
        // Live and documented: 201 without data — the client must list records to learn the id.
        return envelope(201, { message: "Record created successfully." });
      },
    },
    {
      method: "PUT",
      pattern: "/dns/zones/:zoneId/records/:recordId",
      handler: async (req) => {
        const { zoneId, recordId } = req.params;
        dns.zone(zoneId);
        // The docs give PUT the same defaults as POST: omitted fields fall back to
        // "@", "A", 3600 rather than keeping the record's current values.
        const fields = recordFieldsFrom(req.body);
        await lock.mutate(zoneId, () => dns.replaceRecord(zoneId, recordId, fields));
        return envelope(200, { message: "Record updated successfully." });
      },
    },
    {
      method: "DELETE",
      pattern: "/dns/zones/:zoneId/records/:recordId",
      handler: async (req) => {
        const zoneId = req.params.zoneId;
        dns.zone(zoneId);
        // Verified live (docs/gigahost-dns.md, "DNS quirks handled"): the record id in the path is ignored; name and type select the RRset.
        const { name, type, value } = req.query;
        if (!name || !type) throw new EmulatorError(400, "Parameters name and type are required.");
        const matchesValue = value === undefined || options.deleteIgnoresValue ? undefined : (r: RecordFields) => deleteValueForm(r) === value;
        await lock.mutate(zoneId, () => dns.removeRecordSet(zoneId, name, type, matchesValue));
        return envelope(200, { message: "Record deleted successfully." });
      },
    },
  ];
}

/**
 * How the undocumented DELETE `value` parameter must spell a record (verified
 * live: docs/gigahost-dns.md, "DNS quirks handled"): MX as
 * "<priority> <host>." — the backend's own content form — every other type
 * exactly as listed.
 */
export function deleteValueForm(record: RecordFields): string {
  return record.type === "MX" ? `${record.priority} ${record.value.replace(/\.$/, "")}.` : record.value;
}

async function createZone(dns: GigahostDnsState, lock: ZoneWriteLock, req: EmulatorRequest, answer: DnsRouteOptions["zoneCreateAnswer"]) {
  const body = bodyFields(req.body);
  const zoneName = optionalString(body.zone_name) ?? "";
  const zoneType = optionalString(body.zone_type) ?? "NATIVE";
  if (!ZONE_TYPES.includes(zoneType as ZoneType)) throw new EmulatorError(400, "Invalid value for zone_type.");
  const transfer = booleanField(body.transfer_domain);
  if (transfer && !optionalString(body.auth_code)) {
    throw new EmulatorError(400, "Auth code is required for domain transfers.");
  }
  // "initiate .no domain transfer" (reference): other domains, and a wrong code where the test set one, are refused (guesses).
  if (transfer && !/\.no$/i.test(zoneName.trim().replace(/\.$/, ""))) throw new EmulatorError(400, "Only .no domains can be transferred.");
  if (transfer && !dns.acceptsTransferCode(zoneName, optionalString(body.auth_code)!)) throw new EmulatorError(400, "Invalid auth code.");

  const records: RecordFields[] = booleanField(body.create_default_records) ? [...DEFAULT_ZONE_RECORDS] : [];
  const zoneFile = optionalString(body.zone_file);
  if (zoneFile !== undefined) {
    if (Buffer.byteLength(zoneFile) > MAX_ZONE_FILE_BYTES) throw new EmulatorError(400, "Zone file is too large (max 2 MB).");
    records.push(...importZoneFile(zoneFile, zoneName));
  }

  // A transfer makes the zone a domain registered through Gigahost (protected); `use_existing_ns` keeps the
  // domain's current name servers (external DNS). Both effects are the emulator's guesses (docs/gigahost.md).
  const transferred = transfer ? { registered: true, externalDns: booleanField(body.use_existing_ns) } : {};
  const zone = await lock.mutateNew(() => dns.addZone({ name: zoneName, type: zoneType as ZoneType, ...transferred }, records));
  // Documented: `data.zone_id`. Verified live (docs/gigahost-dns.md, "DNS quirks handled"): `data: []` — clients must list zones and match by name.
  return envelope(201, { message: "Zone created successfully.", data: answer === "documented" ? { zone_id: zone.zone_id } : [] });
}

function importZoneFile(text: string, zoneName: string): RecordFields[] {
  try {
    return parseZoneFile(text, zoneName).map(validateRecord);
  } catch (error) {
    if (error instanceof ZoneFileError || error instanceof EmulatorError) throw new EmulatorError(400, "Invalid zone file.");
    throw error;
  }
}

/** Decodes POST/PUT record fields with the documented defaults; numbers may arrive as strings. */
function recordFieldsFrom(body: unknown): RecordFields {
  const fields = bodyFields(body);
  const value = optionalString(fields.record_value);
  if (value === undefined || value.trim() === "") throw new EmulatorError(400, "Record value is required.");
  return {
    name: optionalString(fields.record_name) ?? "@",
    type: optionalString(fields.record_type) ?? "A",
    value,
    ttl: integerField(fields.record_ttl, "Invalid TTL.") ?? 3600,
    priority: integerField(fields.record_priority, "Invalid priority.") ?? null,
  };
}


function optionalString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function integerField(value: unknown, invalidMessage: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number)) throw new EmulatorError(400, invalidMessage);
  return number;
}

/** PHP-style truthiness as JSON and form fields send it: true, 1, "1", "true", "on". */
function booleanField(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return ["1", "true", "on", "yes"].includes(value.trim().toLowerCase());
  return false;
}
