import {
  PRIORITY_TYPES,
  normalizeHostname,
  normalizeRecordValue,
  recordNameInZone,
  recordValueProblem,
  trimRecordValue,
  valueEdgeProblem,
} from "./dns";

/**
 * Whole-zone record management shared by every vendor's DnsZoneRecords
 * (issue #17): declared record sets from inputs or a BIND zone file, a plan
 * against the live zone, and the octoDNS-style safety rule that refuses a
 * plan touching too much of a zone. Pure code: no network, no clock. The
 * vendor resources read the live zone, call planZone and safetyProblem, and
 * apply the plan with their own API's calls.
 */

/** One record set: all records of one name and type. Canonical form. */
export interface RecordSet {
  /** Relative to the zone: "@" for the apex, else lower-case ASCII (xn--) labels, e.g. "www", "*.dev". */
  name: string;
  /** Upper case, e.g. "A", "MX". */
  type: string;
  /** Seconds. One TTL per set. */
  ttl: number;
  /**
   * Only on a live set whose records carry different TTLs: each TTL, sorted
   * (`ttl` is then the lowest). Such a set never equals a declared one, so
   * the plan rewrites it to one TTL and a refresh shows it as drift.
   */
  ttls?: number[];
  /**
   * Canonical rdata strings, sorted, no duplicates, in zone-file presentation
   * without trailing dots on host names: A "192.0.2.1"; MX "10 mail.example.no";
   * SRV "10 5 5060 sip.example.no"; TXT the text itself, unquoted and joined;
   * CAA '0 issue "letsencrypt.org"'. Priorities of MX/SRV are the first field.
   */
  values: string[];
}

/** A declared set as the user writes it (before canonicalisation). */
export interface RecordSetInput {
  name: string;
  type: string;
  ttl?: number;
  values: string[];
}

export const DEFAULT_MAX_CHANGE_SHARE = 0.3;
export const MIN_SETS_FOR_THRESHOLD = 10;

/** "name TYPE", e.g. "www A", "@ MX": the key of a set in maps, plans and detailed diffs. */
export function setKey(set: { name: string; type: string }): string {
  return `${set.name} ${set.type}`;
}

const MAX_TTL = 2_147_483_647;

/** Why `ttl` is not a usable TTL, or undefined. */
function ttlProblem(ttl: unknown): string | undefined {
  return Number.isInteger(ttl) && (ttl as number) >= 1 && (ttl as number) <= MAX_TTL
    ? undefined
    : `${JSON.stringify(ttl)} is not a TTL: give whole seconds from 1 to ${MAX_TTL}`;
}

/**
 * One value of a set in canonical form, or why it is invalid. MX and SRV
 * values carry their priority as the first field ("10 mail.example.no"),
 * which is split off for provider/dns.ts's checks and put back in front.
 */
export function canonicalValue(type: string, value: string): { value: string } | { problem: string } {
  if (typeof value !== "string") return { problem: `${JSON.stringify(value)} is not a string` };
  const trimmed = trimRecordValue(value);
  const edge = valueEdgeProblem(trimmed);
  if (edge) return { problem: `"${value}" ${edge}` };
  if (PRIORITY_TYPES.has(type)) {
    const match = trimmed.match(/^(\S+)\s+(.*)$/s);
    if (!match || !/^\d+$/.test(match[1]) || Number(match[1]) > 65535) {
      const example = type === "MX" ? '"10 mail.example.no"' : '"10 5 5060 sip.example.no"';
      return { problem: `"${value}" does not start with a priority (0-65535): write a ${type} value like ${example}` };
    }
    const rest = match[2].trim();
    const problem = recordValueProblem(type, rest);
    if (problem) return { problem: type === "SRV" ? problem.replace("the priority goes in `priority`", "the priority comes first") : problem };
    return { value: `${Number(match[1])} ${normalizeRecordValue(type, rest)}` };
  }
  const problem = recordValueProblem(type, trimmed);
  if (problem) return { problem };
  return { value: normalizeRecordValue(type, trimmed) };
}

/**
 * Canonicalises declared sets: names relative to `zone` (full names in the
 * zone accepted), types upper-cased, values validated and normalised, sorted
 * and deduplicated; ttl defaults to `defaultTtl`. Problems name the entry:
 * `records[3].values[1]: …`. Two entries with one name+type: one problem
 * naming both indexes.
 */
export function canonicalSets(
  inputs: RecordSetInput[],
  zone: string,
  options: { defaultTtl: number; types: readonly string[]; property?: string },
): { sets: RecordSet[]; problems: string[] } {
  const property = options.property ?? "records";
  const problems: string[] = [];
  const byKey = new Map<string, { index: number; set: RecordSet }>();
  inputs.forEach((input, index) => {
    const at = `${property}[${index}]`;
    const before = problems.length;
    const named = typeof input.name === "string" ? recordNameInZone(input.name, zone) : { problem: "a name is required" };
    if ("problem" in named) problems.push(`${at}.name: ${named.problem}`);
    const type = typeof input.type === "string" ? input.type.trim().toUpperCase() : "";
    if (!options.types.includes(type)) {
      problems.push(`${at}.type: ${JSON.stringify(input.type)} is not a supported type; use one of ${options.types.join(", ")}`);
    }
    const ttl = input.ttl ?? options.defaultTtl;
    const ttlIssue = ttlProblem(ttl);
    if (ttlIssue) problems.push(`${at}.ttl: ${ttlIssue}`);
    if (!Array.isArray(input.values) || input.values.length === 0) {
      problems.push(`${at}.values: a record set needs at least one value`);
    }
    if (problems.length > before || "problem" in named) return;
    const values = new Set<string>();
    input.values.forEach((value, valueIndex) => {
      const canonical = canonicalValue(type, value);
      if ("problem" in canonical) problems.push(`${at}.values[${valueIndex}]: ${canonical.problem}`);
      else values.add(canonical.value);
    });
    if (problems.length > before) return;
    if (type === "CNAME" && values.size > 1) {
      problems.push(`${at}.values: a CNAME set holds exactly one value (got ${values.size})`);
      return;
    }
    const set: RecordSet = { name: named.relative, type, ttl, values: [...values].sort() };
    const earlier = byKey.get(setKey(set));
    if (earlier) {
      problems.push(
        `${property}[${earlier.index}] and ${at} are both "${setKey(set)}": give all values of one name and type in one entry`,
      );
      return;
    }
    byKey.set(setKey(set), { index, set });
  });
  problems.push(...cnameConflicts([...byKey.values()].map((entry) => entry.set), (set) => `${property}[${byKey.get(setKey(set))!.index}]`));
  return { sets: sortSets([...byKey.values()].map((entry) => entry.set)), problems };
}

/** A CNAME cannot share its name with any other record (RFC 1034 §3.6.2). */
function cnameConflicts(sets: RecordSet[], label: (set: RecordSet) => string): string[] {
  const problems: string[] = [];
  for (const cname of sets.filter((set) => set.type === "CNAME")) {
    const other = sets.find((set) => set.name === cname.name && set.type !== "CNAME");
    if (other) problems.push(`${label(cname)}: a CNAME at "${cname.name}" cannot coexist with the ${other.type} set of that name (${label(other)})`);
  }
  return problems;
}

function sortSets(sets: RecordSet[]): RecordSet[] {
  return [...sets].sort((a, b) => (setKey(a) < setKey(b) ? -1 : setKey(a) > setKey(b) ? 1 : 0));
}

// ---------------------------------------------------------------------------
// BIND zone files (RFC 1035 §5.1 master file format)

interface Token {
  text: string;
  quoted: boolean;
}

interface Entry {
  line: number;
  /** True when the entry's first line begins with white space: the owner is the previous one. */
  blankOwner: boolean;
  tokens: Token[];
}

/** Splits zone-file text into entries: parentheses join lines, comments dropped, quoted strings kept whole. */
function zoneFileEntries(text: string): { entries: Entry[]; problems: string[] } {
  const entries: Entry[] = [];
  const problems: string[] = [];
  let current: Entry | undefined;
  let depth = 0;
  let line = 1;
  let index = 0;
  let atLineStart = true;
  const finish = () => {
    if (current && current.tokens.length > 0) entries.push(current);
    current = undefined;
  };
  while (index < text.length) {
    const char = text[index];
    if (char === "\n") {
      if (depth === 0) finish();
      line++;
      index++;
      atLineStart = true;
      continue;
    }
    if (atLineStart && depth === 0) {
      current = { line, blankOwner: char === " " || char === "\t", tokens: [] };
    }
    atLineStart = false;
    if (char === " " || char === "\t" || char === "\r") {
      index++;
      continue;
    }
    if (char === ";") {
      while (index < text.length && text[index] !== "\n") index++;
      continue;
    }
    if (char === "(") {
      depth++;
      index++;
      continue;
    }
    if (char === ")") {
      if (depth === 0) problems.push(`zoneFile line ${line}: ")" without "("`);
      else depth--;
      index++;
      continue;
    }
    if (char === '"') {
      const startLine = line;
      let value = "";
      index++;
      let closed = false;
      while (index < text.length) {
        const next = text[index];
        if (next === "\\") {
          const escaped = unescapeAt(text, index + 1);
          value += escaped.text;
          index = escaped.next;
          continue;
        }
        if (next === '"') {
          closed = true;
          index++;
          break;
        }
        if (next === "\n") line++;
        value += next;
        index++;
      }
      if (!closed) problems.push(`zoneFile line ${startLine}: a quoted string is not closed`);
      current!.tokens.push({ text: value, quoted: true });
      continue;
    }
    let word = "";
    while (index < text.length && !/[\s;()"]/.test(text[index])) {
      if (text[index] === "\\") {
        const escaped = unescapeAt(text, index + 1);
        word += escaped.text;
        index = escaped.next;
        continue;
      }
      word += text[index];
      index++;
    }
    current!.tokens.push({ text: word, quoted: false });
  }
  if (depth > 0) problems.push(`zoneFile line ${line}: "(" is not closed`);
  finish();
  return { entries, problems };
}

/** RFC 1035 §5.1 escapes: \DDD is the byte DDD, \X is X. */
function unescapeAt(text: string, index: number): { text: string; next: number } {
  const digits = text.slice(index, index + 3);
  if (/^\d{3}$/.test(digits)) return { text: String.fromCharCode(Number(digits)), next: index + 3 };
  if (index >= text.length) return { text: "\\", next: index };
  return { text: text[index], next: index + 1 };
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** "3600", "1h", "1h30m", "1W" → seconds; undefined when not a TTL. */
export function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+[smhdw])+$/i.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.toLowerCase().matchAll(/(\d+)([smhdw])/g)) total += Number(amount) * TTL_UNITS[unit];
  return total;
}

const CLASSES = new Set(["IN", "CH", "HS", "CS"]);

/**
 * Parses BIND zone-file text: $ORIGIN, $TTL, @, relative and absolute names,
 * blank owner = previous owner, class IN optional, TTL (with units) optional,
 * parentheses spanning lines, comments, quoted TXT strings with escapes,
 * several strings per TXT (joined). A record's TTL is its own, else $TTL's,
 * else `defaultTtl`; the set's TTL is the lowest of its records'. SOA records
 * are skipped (the vendor owns them) and reported in `skipped`. Problems carry
 * the line number: `zoneFile line 12: …`.
 */
export function parseZoneFile(
  text: string,
  zone: string,
  options: { defaultTtl: number; types: readonly string[] },
): { sets: RecordSet[]; problems: string[]; skipped: string[] } {
  const zoneName = normalizeHostname(zone);
  const { entries, problems } = zoneFileEntries(text);
  const skipped: string[] = [];
  const sets = new Map<string, { set: RecordSet; line: number }>();
  let origin = zoneName;
  let defaultTtl: number | undefined;
  let owner: string | undefined;
  /** A name as written (absolute, relative to the origin, or "@") → absolute, without the trailing dot. */
  const absolute = (name: string) => (name === "@" ? origin : name.endsWith(".") ? name.slice(0, -1) : `${name}.${origin}`);
  for (const entry of entries) {
    const at = `zoneFile line ${entry.line}`;
    const tokens = [...entry.tokens];
    const first = tokens[0];
    if (!entry.blankOwner && !first.quoted && first.text.startsWith("$")) {
      const directive = first.text.toUpperCase();
      if (directive === "$ORIGIN" && tokens[1]) origin = normalizeHostname(absolute(tokens[1].text));
      else if (directive === "$TTL" && tokens[1] && parseTtl(tokens[1].text) !== undefined) defaultTtl = parseTtl(tokens[1].text);
      else problems.push(`${at}: ${first.text} is not supported here (only $ORIGIN <name> and $TTL <ttl>)`);
      continue;
    }
    if (!entry.blankOwner) {
      owner = absolute(tokens.shift()!.text);
    } else if (owner === undefined) {
      problems.push(`${at}: the record has no owner name and no record precedes it`);
      continue;
    }
    let ttl: number | undefined;
    while (tokens.length > 0 && !tokens[0].quoted) {
      const word = tokens[0].text;
      if (ttl === undefined && parseTtl(word) !== undefined) ttl = parseTtl(tokens.shift()!.text);
      else if (CLASSES.has(word.toUpperCase())) {
        tokens.shift();
        if (word.toUpperCase() !== "IN") problems.push(`${at}: class ${word} is not supported (only IN)`);
      } else break;
    }
    const typeToken = tokens.shift();
    if (!typeToken) {
      problems.push(`${at}: the record has no type`);
      continue;
    }
    const type = typeToken.text.toUpperCase();
    const named = recordNameInZone(`${owner}.`, zoneName);
    if ("problem" in named) {
      problems.push(`${at}: ${named.problem}`);
      continue;
    }
    if (type === "SOA") {
      skipped.push(`${at}: SOA record of ${named.fqdn} skipped (the vendor owns it)`);
      continue;
    }
    if (!options.types.includes(type)) {
      problems.push(`${at}: type ${typeToken.text} is not supported; use one of ${options.types.join(", ")}`);
      continue;
    }
    const rdata = presentationValue(type, tokens, absolute);
    if ("problem" in rdata) {
      problems.push(`${at}: ${rdata.problem}`);
      continue;
    }
    const canonical = canonicalValue(type, rdata.value);
    if ("problem" in canonical) {
      problems.push(`${at}: ${canonical.problem}`);
      continue;
    }
    const recordTtl = ttl ?? defaultTtl ?? options.defaultTtl;
    const ttlIssue = ttlProblem(recordTtl);
    if (ttlIssue) {
      problems.push(`${at}: ${ttlIssue}`);
      continue;
    }
    const key = setKey({ name: named.relative, type });
    const existing = sets.get(key);
    if (existing) {
      existing.set.ttl = Math.min(existing.set.ttl, recordTtl);
      if (!existing.set.values.includes(canonical.value)) existing.set.values.push(canonical.value);
    } else {
      sets.set(key, { set: { name: named.relative, type, ttl: recordTtl, values: [canonical.value] }, line: entry.line });
    }
  }
  const all = [...sets.values()].map(({ set }) => ({ ...set, values: [...set.values].sort() }));
  for (const set of all) {
    if (set.type === "CNAME" && set.values.length > 1) {
      problems.push(`zoneFile line ${sets.get(setKey(set))!.line}: the CNAME at "${set.name}" has ${set.values.length} values; a CNAME holds exactly one`);
    }
  }
  problems.push(...cnameConflicts(all, (set) => `zoneFile line ${sets.get(setKey(set))!.line}`));
  return { sets: sortSets(all), problems, skipped };
}

/** The rdata tokens of one zone-file record as the value string canonicalValue takes. */
function presentationValue(
  type: string,
  tokens: Token[],
  absolute: (name: string) => string,
): { value: string } | { problem: string } {
  const words = tokens.map((token) => token.text);
  const host = (name: string | undefined) => (name === undefined ? "" : name === "." ? "." : absolute(name));
  if (words.length === 0) return { problem: `the ${type} record has no value` };
  switch (type) {
    case "TXT":
      return { value: words.join("") };
    case "CNAME":
    case "NS":
    case "PTR":
      return words.length === 1 ? { value: host(words[0]) } : { problem: `a ${type} record takes one host name, got "${words.join(" ")}"` };
    case "MX":
      return words.length === 2 ? { value: `${words[0]} ${host(words[1])}` } : { problem: `an MX record takes "<priority> <host>", got "${words.join(" ")}"` };
    case "SRV":
      return words.length === 4
        ? { value: `${words[0]} ${words[1]} ${words[2]} ${host(words[3])}` }
        : { problem: `an SRV record takes "<priority> <weight> <port> <target>", got "${words.join(" ")}"` };
    case "CAA":
      return words.length === 3 ? { value: `${words[0]} ${words[1]} "${words[2]}"` } : { problem: `a CAA record takes "<flag> <tag> <value>", got "${words.join(" ")}"` };
    default:
      return { value: words.join(" ") };
  }
}

/** Declared sets from both sources: `records` entries replace the zone file's set of the same name+type. */
export function mergeSets(fromFile: RecordSet[], declared: RecordSet[]): RecordSet[] {
  const merged = new Map<string, RecordSet>();
  for (const set of fromFile) merged.set(setKey(set), set);
  for (const set of declared) merged.set(setKey(set), set);
  return sortSets([...merged.values()]);
}

// ---------------------------------------------------------------------------
// Plans

/** Names or patterns never touched: "www" (all types), "www/TXT", "*.dev" (glob: * matches any labels), "_acme-challenge*". */
export type IgnoreMatcher = (set: { name: string; type: string }) => boolean;

/** Why an ignore pattern is unusable, or undefined. */
export function ignorePatternProblem(pattern: string): string | undefined {
  if (typeof pattern !== "string" || pattern.trim() === "") return "an ignore pattern must not be empty";
  const [name, type, extra] = pattern.split("/");
  if (extra !== undefined) return `"${pattern}" has more than one "/": write "name" or "name/TYPE"`;
  if (!/^[A-Za-z0-9_.*@-]+$/.test(name)) return `"${pattern}" is not a name pattern: use labels, "@" and "*"`;
  if (type !== undefined && !/^[A-Za-z0-9]+$/.test(type)) return `"${pattern}": "${type}" is not a record type`;
  return undefined;
}

export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const matchers = patterns.map((pattern) => {
    const [name, type] = pattern.split("/");
    const expression = new RegExp(
      `^${name
        .toLowerCase()
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    const wantedType = type?.toUpperCase();
    return (set: { name: string; type: string }) => expression.test(set.name.toLowerCase()) && (wantedType === undefined || wantedType === set.type);
  });
  return (set) => matchers.some((matches) => matches(set));
}

export interface ZonePlan {
  /** Sets absent from the live zone. */
  creates: RecordSet[];
  /** Sets whose values or ttl differ. */
  updates: { before: RecordSet; after: RecordSet }[];
  /** Live sets not declared (purge on, not ignored, not the apex NS/SOA). */
  deletes: RecordSet[];
  unchanged: number;
}

/** The apex NS and SOA sets: the vendor's, never deleted unless declared. */
function isApexAuthority(set: { name: string; type: string }): boolean {
  return set.name === "@" && (set.type === "NS" || set.type === "SOA");
}

function sameSet(a: RecordSet, b: RecordSet): boolean {
  return a.ttl === b.ttl && a.ttls === undefined && b.ttls === undefined && a.values.length === b.values.length && a.values.every((value, index) => value === b.values[index]);
}

/**
 * What must change so that the live zone matches the declared sets. Live
 * sets matched by `ignore` are left alone, and so are declared ones (a check
 * problem elsewhere). With purge=false, live sets not declared are left
 * alone. Undeclared apex NS and SOA sets are never deleted.
 */
export function planZone(live: RecordSet[], declared: RecordSet[], options: { purge: boolean; ignore: IgnoreMatcher }): ZonePlan {
  const liveByKey = new Map(live.map((set) => [setKey(set), set]));
  const declaredKeys = new Set(declared.map(setKey));
  const plan: ZonePlan = { creates: [], updates: [], deletes: [], unchanged: 0 };
  for (const set of sortSets(declared)) {
    if (options.ignore(set)) continue;
    const current = liveByKey.get(setKey(set));
    if (!current) plan.creates.push(set);
    else if (!sameSet(sortedValues(current), set)) plan.updates.push({ before: current, after: set });
    else plan.unchanged++;
  }
  if (options.purge) {
    for (const set of sortSets(live)) {
      if (!declaredKeys.has(setKey(set)) && !options.ignore(set) && !isApexAuthority(set)) plan.deletes.push(set);
    }
  }
  return plan;
}

function sortedValues(set: RecordSet): RecordSet {
  return { ...set, values: [...new Set(set.values)].sort() };
}

/** The part of a live zone a resource manages: not ignored; with purge=false only declared keys; no undeclared apex NS/SOA. */
export function managedView(live: RecordSet[], declared: RecordSet[], options: { purge: boolean; ignore: IgnoreMatcher }): RecordSet[] {
  const declaredKeys = new Set(declared.map(setKey));
  return sortSets(
    live.filter((set) => {
      if (options.ignore(set)) return false;
      if (declaredKeys.has(setKey(set))) return true;
      return options.purge && !isApexAuthority(set);
    }),
  );
}

/**
 * The safety rule (octoDNS's): undefined when the plan may go ahead, else
 * the refusal, which carries the plan and says how to force.
 * - updates + deletes > maxChangeShare × liveManagedCount, when that count
 *   is ≥ MIN_SETS_FOR_THRESHOLD;
 * - any change to the apex NS or SOA set.
 */
export function safetyProblem(
  plan: ZonePlan,
  liveManagedCount: number,
  options: { maxChangeShare: number; force: boolean; resource: string },
): string | undefined {
  if (options.force) return undefined;
  const reasons: string[] = [];
  const changed = plan.updates.length + plan.deletes.length;
  // Compared in whole sets: share × count may carry a binary rounding error (0.3 × 10).
  const allowed = Math.floor(options.maxChangeShare * liveManagedCount + 1e-9);
  if (liveManagedCount >= MIN_SETS_FOR_THRESHOLD && changed > allowed) {
    reasons.push(
      `it would update or delete ${changed} of the ${liveManagedCount} record sets it manages ` +
        `(${Math.round((changed / liveManagedCount) * 1000) / 10} %, more than maxChangeShare ${options.maxChangeShare} allows: ${allowed})`,
    );
  }
  const apex = [...plan.creates, ...plan.updates.map((update) => update.after), ...plan.deletes].filter(isApexAuthority);
  for (const set of apex) reasons.push(`it would change the apex ${set.type} set, which always needs force`);
  if (reasons.length === 0) return undefined;
  return (
    `${options.resource}: refusing to apply: ${reasons.join("; ")}.\nPlan:\n${formatPlan(plan)}\n` +
    `Check the plan; to apply it anyway set \`force: true\` for one \`pulumi up\`` +
    (reasons.length > apex.length ? " (or raise `maxChangeShare`)." : ".")
  );
}

const PLAN_LINES = 50;

/** Human plan, one line per set: "+ www A 300 192.0.2.1", "~ @ MX ttl 3600→300; +10 mx2.example.no; -20 old.example.no", "- old A". */
export function formatPlan(plan: ZonePlan): string {
  const lines = [
    ...plan.creates.map((set) => `+ ${setKey(set)} ${set.ttl} ${set.values.join(", ")}`),
    ...plan.updates.map(({ before, after }) => {
      const change = valueChanges(before, after);
      const parts = [
        ...(change.ttlChanged ? [`ttl ${before.ttls?.join("/") ?? before.ttl}→${after.ttl}`] : []),
        ...change.add.map((value) => `+${value}`),
        ...change.remove.map((value) => `-${value}`),
      ];
      return `~ ${setKey(after)} ${parts.join("; ")}`;
    }),
    ...plan.deletes.map((set) => `- ${setKey(set)}`),
  ];
  if (lines.length === 0) return "(no changes)";
  if (lines.length <= PLAN_LINES) return lines.join("\n");
  return [...lines.slice(0, PLAN_LINES), `… and ${lines.length - PLAN_LINES} more record sets`].join("\n");
}

/** Per-value differences of one set update, for appliers. */
export function valueChanges(before: RecordSet, after: RecordSet): { add: string[]; remove: string[]; keep: string[]; ttlChanged: boolean } {
  const old = new Set(before.values);
  const wanted = new Set(after.values);
  return {
    add: [...wanted].filter((value) => !old.has(value)).sort(),
    remove: [...old].filter((value) => !wanted.has(value)).sort(),
    keep: [...wanted].filter((value) => old.has(value)).sort(),
    ttlChanged: before.ttl !== after.ttl || before.ttls !== undefined || after.ttls !== undefined,
  };
}

/** Sets as a map keyed by setKey: the state and derived-input shape (`ttls` only on a mixed-TTL live set). */
export function setsToMap(sets: RecordSet[]): Record<string, { ttl: number; values: string[]; ttls?: number[] }> {
  const map: Record<string, { ttl: number; values: string[]; ttls?: number[] }> = {};
  for (const set of sortSets(sets)) map[setKey(set)] = { ttl: set.ttl, values: [...set.values], ...(set.ttls ? { ttls: [...set.ttls] } : {}) };
  return map;
}

export function setsFromMap(map: Record<string, { ttl: number; values: string[]; ttls?: number[] }>): RecordSet[] {
  return sortSets(
    Object.entries(map).map(([key, { ttl, values, ttls }]) => {
      const space = key.lastIndexOf(" ");
      return { name: key.slice(0, space), type: key.slice(space + 1), ttl, values: [...values], ...(ttls ? { ttls: [...ttls] } : {}) };
    }),
  );
}
