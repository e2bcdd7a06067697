import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";

/**
 * DNS syntax shared by every vendor's record resources: what a value of each
 * record type must look like, checked before any API call.
 */

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * A name with every internationalized label in its ASCII (xn--, Punycode)
 * form, as DNS and the vendors' APIs hold it: "bücher.example" →
 * "xn--bcher-kva.example". ASCII labels ("*", "_dmarc") are kept as they are;
 * undefined when a label cannot be converted.
 */
export function asciiName(text: string): string | undefined {
  const labels = text.split(".").map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : domainToASCII(label) || undefined));
  return labels.every((label) => label !== undefined) ? labels.join(".") : undefined;
}

/** A host name such as "mail.example.no" or "bücher.example" (an optional trailing dot is allowed). */
export function isHostname(text: string): boolean {
  const name = asciiName(text.endsWith(".") ? text.slice(0, -1) : text);
  if (name === undefined || name.length === 0 || name.length > 253) return false;
  return name.toLowerCase().split(".").every((label) => LABEL.test(label));
}

/** Lower case, no trailing dot, internationalized labels in xn-- form: the form vendors list host names in. */
export function normalizeHostname(text: string): string {
  const name = text.trim().toLowerCase().replace(/\.$/, "");
  return asciiName(name) ?? name;
}

/**
 * The whitespace the vendors strip from the ends of a value (the emulators
 * do; the live APIs are assumed to: see docs/<vendor>.md). Trimming it at
 * check makes what we send equal to what the vendor lists.
 */
const VENDOR_TRIMMED = /^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g;

/**
 * A record value as the vendor stores it: surrounding ASCII whitespace
 * (a newline from a file, a stray space) removed. Other space characters at
 * the ends (U+00A0 and the like) are refused by `valueEdgeProblem` instead:
 * whether a vendor keeps or strips them is unknown.
 */
export function trimRecordValue(value: string): string {
  return value.replace(VENDOR_TRIMMED, "");
}

/** Why a (trimmed) value cannot be stored as written, or undefined. */
export function valueEdgeProblem(value: string): string | undefined {
  const edge = value.match(/^\s|\s$/u);
  if (edge) {
    const code = edge[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `begins or ends with the space character U+${code}, which the vendor may strip; remove it`;
  }
  return undefined;
}

/**
 * A record name relative to its zone: "@" for the apex, or labels such as
 * "www", "_dmarc", "*.dev". Returns a reason when invalid.
 */
export function relativeNameProblem(name: string): string | undefined {
  if (name === "@") return undefined;
  if (name.endsWith(".")) {
    return `"${name}" ends with a dot; give the name relative to the zone ("www", or "@" for the apex)`;
  }
  const labels = name.split(".");
  const valid = labels.every((label, index) => (index === 0 && label === "*") || LABEL.test(label));
  if (!valid || name.length > 253) {
    return `"${name}" is not a valid record name: use "@" or labels of letters, digits, "-" and "_" (a leading "*." is allowed)`;
  }
  return undefined;
}

/**
 * A record name as the user may write it, made relative to its zone:
 * "www" → www; "@" or "" → @; "Www.Example.No" or "www.example.no." in zone
 * example.no → www; "example.no" → @; "bücher" → xn--bcher-kva. Compared
 * case-insensitively and in ASCII form, so a full name is never doubled into
 * "www.example.no.example.no". A name ending in a dot must lie inside the
 * zone; one without a trailing dot that does not end in the zone is taken as
 * relative ("www.dev" → www.dev.example.no).
 */
export function recordNameInZone(name: string, zone: string): { relative: string; fqdn: string } | { problem: string } {
  const zoneName = normalizeHostname(zone);
  const text = name.trim().toLowerCase();
  const ascii = asciiName(text);
  if (ascii === undefined) return { problem: `"${name}" is not a valid internationalized name` };
  let relative: string;
  if (ascii === "" || ascii === "@" || ascii === zoneName || ascii === `${zoneName}.`) relative = "@";
  else if (ascii.endsWith(`.${zoneName}`) || ascii.endsWith(`.${zoneName}.`)) relative = ascii.replace(/\.$/, "").slice(0, -(zoneName.length + 1));
  else if (ascii.endsWith(".")) return { problem: `"${name}" is fully qualified but not inside zone ${zoneName}` };
  else relative = ascii;
  const problem = relativeNameProblem(relative);
  if (problem) return { problem };
  return { relative, fqdn: relative === "@" ? zoneName : `${relative}.${zoneName}` };
}

export const PRIORITY_TYPES = new Set(["MX", "SRV"]);
export const HOSTNAME_TYPES = new Set(["CNAME", "NS", "PTR", "MX"]);

const uint = (text: string, max: number) => /^\d+$/.test(text) && Number(text) <= max;

/** Why `value` is not valid for a record of `type`, or undefined when it is. */
export function recordValueProblem(type: string, value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  switch (type) {
    case "A":
      return isIPv4(value) ? undefined : `"${value}" is not an IPv4 address (an A record needs one, e.g. 192.0.2.10)`;
    case "AAAA":
      return isIPv6(value) ? undefined : `"${value}" is not an IPv6 address (an AAAA record needs one, e.g. 2001:db8::10)`;
    case "CNAME":
    case "NS":
    case "PTR":
    case "MX":
      return isHostname(value) ? undefined : `"${value}" is not a host name (a ${type} record points to one, e.g. host.example.no)`;
    case "SRV":
      return parts.length === 3 && uint(parts[0], 65535) && uint(parts[1], 65535) && (parts[2] === "." || isHostname(parts[2]))
        ? undefined
        : `"${value}" is not an SRV value: write "<weight> <port> <target>", e.g. "5 5060 sip.example.no" (the priority goes in \`priority\`)`;
    case "CAA":
      return /^\d{1,3}\s+[a-z0-9]+\s+\S.*$/i.test(value.trim()) && Number(parts[0]) <= 255
        ? undefined
        : `"${value}" is not a CAA value: write "<flag> <tag> <value>", e.g. '0 issue "letsencrypt.org"'`;
    case "TLSA":
      return parts.length === 4 && uint(parts[0], 3) && uint(parts[1], 1) && uint(parts[2], 2) && /^[0-9a-f]+$/i.test(parts[3])
        ? undefined
        : `"${value}" is not a TLSA value: write "<usage 0-3> <selector 0-1> <matching type 0-2> <hex data>"`;
    case "SSHFP":
      return parts.length === 3 && /^[1-46]$/.test(parts[0]) && /^[12]$/.test(parts[1]) && /^[0-9a-f]+$/i.test(parts[2])
        ? undefined
        : `"${value}" is not an SSHFP value: write "<algorithm 1-4 or 6> <fingerprint type 1-2> <hex fingerprint>"`;
    case "TXT":
      return value.length === 0 ? "a TXT record needs a value" : value.length > 4096 ? "a TXT value may be at most 4096 characters" : undefined;
    default:
      return undefined;
  }
}

/** The canonical form of a value, so that what the vendor lists compares equal to what the user wrote. */
export function normalizeRecordValue(type: string, value: string): string {
  if (HOSTNAME_TYPES.has(type)) return normalizeHostname(value);
  if (type === "SRV") {
    const [weight, port, target] = value.trim().split(/\s+/);
    return `${Number(weight)} ${Number(port)} ${target === "." ? "." : normalizeHostname(target)}`;
  }
  if (type === "A") return value.trim();
  if (type === "AAAA") return canonicalIPv6(value.trim());
  if (type === "TLSA" || type === "SSHFP") return value.trim().split(/\s+/).join(" ").toLowerCase();
  return trimRecordValue(value);
}

/** RFC 5952 form (lower case, longest zero run compressed), so "2001:DB8:0:0::1" equals "2001:db8::1". */
export function canonicalIPv6(address: string): string {
  if (!isIPv6(address) || address.includes(".")) return address.toLowerCase();
  const [head, tail] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill("0"), ...tailGroups].map((group) =>
    group.replace(/^0+(?=.)/, ""),
  );
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === "0") length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  if (bestStart < 0) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}
