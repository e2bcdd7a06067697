import { isIPv4, isIPv6 } from "node:net";

/**
 * DNS syntax shared by every vendor's record resources: what a value of each
 * record type must look like, checked before any API call.
 */

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A host name such as "mail.example.no" (an optional trailing dot is allowed). */
export function isHostname(text: string): boolean {
  const name = text.endsWith(".") ? text.slice(0, -1) : text;
  if (name.length === 0 || name.length > 253) return false;
  return name.toLowerCase().split(".").every((label) => LABEL.test(label));
}

/** Lower case, no trailing dot: the form Gigahost lists host names in. */
export function normalizeHostname(text: string): string {
  return text.trim().toLowerCase().replace(/\.$/, "");
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
  return value;
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
