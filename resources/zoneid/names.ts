import { isHostname, normalizeHostname, relativeNameProblem } from "../../provider/dns";

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

export type NameResult = { relative: string; fqdn: string } | { problem: string };

/**
 * "www" → www; "@" or "" → @; "www.example.com" or "www.example.com." in
 * zone example.com → www; "example.com" → @. A name ending in a dot must lie
 * inside the zone; one without a dot that does not end in the zone is taken
 * as relative ("www.dev" → www.dev.example.com).
 */
export function normalizeRecordName(name: string, zone: string): NameResult {
  const zoneName = normalizeHostname(zone);
  const text = name.trim().toLowerCase();
  let relative: string;
  if (text === "" || text === "@" || text === zoneName || text === `${zoneName}.`) relative = "@";
  else if (text.endsWith(`.${zoneName}`) || text.endsWith(`.${zoneName}.`)) relative = text.replace(/\.$/, "").slice(0, -(zoneName.length + 1));
  else if (text.endsWith(".")) return { problem: `"${name}" is fully qualified but not inside zone ${zoneName}` };
  else relative = text;
  const problem = relativeNameProblem(relative);
  if (problem) return { problem };
  return { relative, fqdn: relative === "@" ? zoneName : `${relative}.${zoneName}` };
}

/** The relative form of a full host name the API lists. */
export function relativeName(fqdn: string, zone: string): string {
  const result = normalizeRecordName(fqdn.replace(/\.?$/, "."), zone);
  return "relative" in result ? result.relative : fqdn.toLowerCase();
}
