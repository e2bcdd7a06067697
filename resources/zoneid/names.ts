import { isHostname, normalizeHostname, recordNameInZone } from "../../provider/dns";

/**
 * ZoneID names records by their full host name ("www.example.com"); users
 * may write names relative to the zone ("www", "@") or fully qualified
 * ("www.example.com", "www.example.com."). Both normalize to the relative
 * form, which the resource stores, and the full name, which the API takes.
 */

/** Why `zone` is not a zone name, or undefined. */
export function zoneNameProblem(zone: string): string | undefined {
  const name = normalizeHostname(zone);
  if (!isHostname(name) || !name.includes(".")) return `"${zone}" is not a DNS zone name such as example.com`;
  return undefined;
}

export type NameResult = ReturnType<typeof recordNameInZone>;

/** See `recordNameInZone` (shared with Gigahost). */
export function normalizeRecordName(name: string, zone: string): NameResult {
  return recordNameInZone(name, zone);
}

/** The relative form of a full host name the API lists. */
export function relativeName(fqdn: string, zone: string): string {
  const result = normalizeRecordName(fqdn.replace(/\.?$/, "."), zone);
  return "relative" in result ? result.relative : fqdn.toLowerCase();
}
