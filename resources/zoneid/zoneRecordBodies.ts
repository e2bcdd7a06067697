// How a record set's values (zone-file presentation, provider/zoneRecords.ts)
// map to and from ZoneID's record bodies: one record per value, the type's own
// fields split out of the value (ZoneID's OpenAPI spec: MXRecord, SRVRecord,
// CAARecord, SSHFPRecord, TLSARecord). Pure: no network.
import type { RecordBody, RecordType, RecordWire } from "../../provider/zoneid/client";

/**
 * The types a DnsZoneRecords manages: ZoneID's record types that a zone file
 * can hold. URL records (ZoneID's own redirect type) are not DNS data: the
 * zone resource never lists, changes or deletes them.
 */
export const ZONE_RECORD_TYPES = ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "SRV", "SSHFP", "TLSA", "TXT"] as const;
export type ZoneRecordType = (typeof ZONE_RECORD_TYPES)[number];

export function pathTypeOf(type: ZoneRecordType): RecordType {
  return type.toLowerCase() as RecordType;
}

/** The full host name ZoneID takes as `name`: "@" is the zone itself. */
export function fqdnIn(zone: string, name: string): string {
  return name === "@" ? zone : `${name}.${zone}`;
}

/** A CAA value in one form: flag as a number, tag in lower case, the value quoted ('0 issue "letsencrypt.org"'). */
export function canonicalCaa(value: string): string | undefined {
  const match = value.trim().match(/^(\d{1,3})\s+([A-Za-z0-9]+)\s+(.+)$/s);
  if (!match) return undefined;
  return `${Number(match[1])} ${match[2].toLowerCase()} ${quoted(unquoted(match[3].trim()))}`;
}

function unquoted(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, "$1");
  return text;
}

function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** One listed record as a set value (ZoneID lists SSHFP's fingerprint type and TLSA's fields apart from `destination`). */
export function valueFromWire(type: ZoneRecordType, wire: RecordWire): string {
  const destination = wire.destination;
  switch (type) {
    case "MX":
      return `${wire.priority ?? 0} ${destination}`;
    case "SRV":
      return `${wire.priority ?? 0} ${wire.weight ?? 0} ${wire.port ?? 0} ${destination}`;
    case "CAA":
      return `${wire.flag ?? 0} ${wire.tag ?? ""} ${quoted(destination)}`;
    case "SSHFP":
      return `${wire.algorithm ?? ""} ${wire.type ?? ""} ${destination}`;
    case "TLSA":
      return `${wire.certificate_usage ?? ""} ${wire.selector ?? ""} ${wire.matching_type ?? ""} ${destination}`;
    default:
      return destination;
  }
}

/** The body of a POST or PUT that makes a record of `value` (canonical, as check leaves it). */
export function bodyFromValue(zone: string, name: string, type: ZoneRecordType, value: string): RecordBody {
  const base = { name: fqdnIn(zone, name) };
  const words = value.split(/\s+/);
  switch (type) {
    case "MX":
      return { ...base, priority: Number(words[0]), destination: words.slice(1).join(" ") };
    case "SRV":
      return { ...base, priority: Number(words[0]), weight: Number(words[1]), port: Number(words[2]), destination: words[3] };
    case "CAA": {
      const match = value.match(/^(\d+)\s+(\S+)\s+(.+)$/s)!;
      return { ...base, flag: Number(match[1]), tag: match[2], destination: unquoted(match[3]) };
    }
    case "SSHFP":
      return { ...base, algorithm: Number(words[0]), type: Number(words[1]), destination: words[2] };
    case "TLSA":
      return { ...base, certificate_usage: Number(words[0]), selector: Number(words[1]), matching_type: Number(words[2]), destination: words[3] };
    default:
      return { ...base, destination: value };
  }
}

/**
 * Why ZoneID cannot hold `value`, beyond what every vendor's check refuses
 * (provider/dns.ts): ZoneID's own ranges (spec: SSHFP algorithm 1-4, CAA tag
 * issue/issuewild/iodef) and host-name destinations ("." is none).
 */
export function zoneidValueProblem(type: ZoneRecordType, name: string, value: string): string | undefined {
  const words = value.split(/\s+/);
  if (type === "SSHFP" && !/^[1-4]$/.test(words[0])) return `"${value}": ZoneID takes SSHFP algorithms 1-4 (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519)`;
  if (type === "CAA") {
    const tag = words[1];
    if (!["issue", "issuewild", "iodef"].includes(tag)) return `"${value}": ZoneID takes the CAA tags issue, issuewild and iodef`;
    if (Number(words[0]) > 255) return `"${value}": a CAA flag is 0-255`;
  }
  if (type === "SRV" && words[3] === ".") return `"${value}": ZoneID needs a host name as the SRV target ("." is not accepted)`;
  if (type === "CNAME" && name === "@") return 'a CNAME cannot be at the zone apex ("@")';
  return undefined;
}
