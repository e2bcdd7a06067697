// A small BIND zone file reader (RFC 1035 §5) for Gigahost's zone import
// (POST /dns/zones, multipart `zone_file`). It understands $ORIGIN, $TTL,
// comments, quoted strings, parentheses, blank owners, relative and absolute
// names; SOA records are skipped because Gigahost manages the SOA itself.
import { isIPv4, isIPv6 } from "node:net";

export class ZoneFileError extends Error {}

export interface ZoneFileRecord {
  /** "@" or a label relative to the zone, lowercase. */
  name: string;
  type: string;
  value: string;
  ttl: number;
  priority: number | null;
}

interface Token {
  text: string;
  quoted: boolean;
}

interface Entry {
  tokens: Token[];
  /** The entry's line began with whitespace: it reuses the previous owner. */
  inheritsOwner: boolean;
  line: number;
}

const KNOWN_TYPES = new Set(["A", "AAAA", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "TLSA", "TXT"]);
const HOSTNAME_TYPES = new Set(["CNAME", "NS", "PTR"]);
const CLASSES = new Set(["IN"]);

/** Parses `text` as the zone file of `zoneName`; throws ZoneFileError naming the line at fault. */
export function parseZoneFile(text: string, zoneName: string, defaultTtl = 3600): ZoneFileRecord[] {
  const zone = absolute(zoneName.toLowerCase(), ".");
  let origin = zone;
  let ttlDefault = defaultTtl;
  let previousOwner: string | undefined;
  const records: ZoneFileRecord[] = [];

  for (const entry of tokenize(text)) {
    const fail = (reason: string): never => {
      throw new ZoneFileError(`line ${entry.line}: ${reason}`);
    };
    const tokens = [...entry.tokens];
    const first = tokens[0];
    if (!entry.inheritsOwner && !first.quoted && first.text.startsWith("$")) {
      const directive = first.text.toUpperCase();
      if (directive === "$ORIGIN" && tokens.length === 2) origin = absolute(tokens[1].text.toLowerCase(), origin);
      else if (directive === "$TTL" && tokens.length === 2) ttlDefault = parseTtl(tokens[1].text) ?? fail("invalid $TTL");
      else fail(`unsupported directive ${first.text}`);
      continue;
    }

    let owner: string;
    if (entry.inheritsOwner) {
      owner = previousOwner ?? fail("record without an owner name");
    } else {
      const ownerToken = tokens.shift() as Token;
      if (ownerToken.quoted) fail("quoted owner name");
      owner = absolute(ownerToken.text.toLowerCase(), origin);
    }
    previousOwner = owner;

    let ttl: number | undefined;
    for (;;) {
      const next = tokens[0];
      if (next === undefined) break;
      if (CLASSES.has(next.text.toUpperCase())) tokens.shift();
      else if (ttl === undefined && /^\d/.test(next.text)) ttl = parseTtl((tokens.shift() as Token).text) ?? fail("invalid TTL");
      else break;
    }
    const typeToken = tokens.shift() ?? fail("record without a type");
    const type = typeToken.text.toUpperCase();
    if (!KNOWN_TYPES.has(type)) fail(`unknown record type ${typeToken.text}`);
    if (type === "SOA") continue;
    if (tokens.length === 0) fail(`${type} record without data`);

    const name = relativeToZone(owner, zone) ?? fail(`${owner} is outside the zone ${zone}`);
    const rdata = readRdata(type, tokens, origin);
    if (typeof rdata === "string") fail(rdata);
    else records.push({ name, type, ttl: ttl ?? ttlDefault, ...rdata });
  }
  return records;
}

/** Returns the value and priority of one record, or the reason its data is invalid. */
function readRdata(type: string, tokens: Token[], origin: string): { value: string; priority: number | null } | string {
  const texts = tokens.map((t) => t.text);
  switch (type) {
    case "A":
      return texts.length === 1 && isIPv4(texts[0]) ? { value: texts[0], priority: null } : "invalid IPv4 address";
    case "AAAA":
      return texts.length === 1 && isIPv6(texts[0]) ? { value: texts[0], priority: null } : "invalid IPv6 address";
    case "MX": {
      const priority = texts.length === 2 ? parseUint16(texts[0]) : undefined;
      if (priority === undefined) return "MX needs a priority and a host";
      return { value: hostname(texts[1], origin), priority };
    }
    case "SRV": {
      // Gigahost lists SRV priority in record_priority; the value keeps "weight port target".
      const priority = texts.length === 4 ? parseUint16(texts[0]) : undefined;
      if (priority === undefined) return "SRV needs priority, weight, port and target";
      return { value: `${texts[1]} ${texts[2]} ${hostname(texts[3], origin)}`, priority };
    }
    case "TXT":
    case "SPF":
      // A TXT record is a list of character-strings that consumers concatenate.
      return { value: texts.join(""), priority: null };
    default:
      if (HOSTNAME_TYPES.has(type)) {
        return texts.length === 1 ? { value: hostname(texts[0], origin), priority: null } : `${type} needs one host name`;
      }
      return { value: tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(" "), priority: null };
  }
}

/** A target host as Gigahost lists it: absolute, without the trailing dot. */
function hostname(name: string, origin: string): string {
  return absolute(name.toLowerCase(), origin).replace(/\.$/, "");
}

/** Absolute name with trailing dot ("." is the root). */
function absolute(name: string, origin: string): string {
  if (name === "@") return origin;
  if (name.endsWith(".")) return name;
  return origin === "." ? `${name}.` : `${name}.${origin}`;
}

function relativeToZone(owner: string, zone: string): string | undefined {
  if (owner === zone) return "@";
  if (owner.endsWith(`.${zone}`)) return owner.slice(0, -(zone.length + 1));
  return undefined;
}

/** Seconds, or BIND's unit form such as "1h30m" or "1d". */
function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+[smhdw])+$/i.test(text)) return undefined;
  const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/gi)) total += Number(amount) * unitSeconds[unit.toLowerCase()];
  return total;
}

function parseUint16(text: string): number | undefined {
  return /^\d+$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined;
}

/** Splits the file into logical entries: parentheses join lines, `;` starts a comment outside quotes. */
function tokenize(text: string): Entry[] {
  const entries: Entry[] = [];
  let tokens: Token[] = [];
  let current: Token | undefined;
  let depth = 0;
  let line = 1;
  let entryLine = 1;
  let inheritsOwner = false;
  let atLineStart = true;

  const endToken = () => {
    if (current) tokens.push(current);
    current = undefined;
  };
  const endEntry = () => {
    endToken();
    if (tokens.length > 0) entries.push({ tokens, inheritsOwner, line: entryLine });
    tokens = [];
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (atLineStart && depth === 0) {
      entryLine = line;
      inheritsOwner = char === " " || char === "\t";
    }
    atLineStart = false;

    if (char === "\n") {
      line++;
      atLineStart = true;
      if (depth === 0) endEntry();
      else endToken();
    } else if (char === ";") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (char === '"') {
      endToken();
      let content = "";
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\" && i + 1 < text.length) content += text[i] + text[++i];
        else if (text[i] === "\n") throw new ZoneFileError(`line ${line}: unterminated quoted string`);
        else content += text[i];
      }
      if (i >= text.length) throw new ZoneFileError(`line ${line}: unterminated quoted string`);
      tokens.push({ text: content, quoted: true });
    } else if (char === "(") {
      endToken();
      depth++;
    } else if (char === ")") {
      endToken();
      if (depth === 0) throw new ZoneFileError(`line ${line}: unbalanced ")"`);
      depth--;
    } else if (char === " " || char === "\t" || char === "\r") {
      endToken();
    } else {
      current = current ? { text: current.text + char, quoted: false } : { text: char, quoted: false };
    }
  }
  if (depth !== 0) throw new ZoneFileError(`line ${line}: unbalanced "("`);
  endEntry();
  return entries;
}
