import {
  DEFAULT_MAX_CHANGE_SHARE,
  MIN_SETS_FOR_THRESHOLD,
  RecordSet,
  canonicalSets,
  formatPlan,
  ignoreMatcher,
  managedView,
  mergeSets,
  parseTtl,
  parseZoneFile,
  planZone,
  safetyProblem,
  setKey,
  setsFromMap,
  setsToMap,
  valueChanges,
} from "../../provider/zoneRecords";

const TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS", "PTR"] as const;
const options = { defaultTtl: 3600, types: TYPES };
const set = (name: string, type: string, values: string[], ttl = 300): RecordSet => ({ name, type, ttl, values });
const noIgnore = ignoreMatcher([]);

describe("canonicalSets", () => {
  test("names become relative, types upper case, values normalised, sorted and deduplicated, ttl defaulted", () => {
    const { sets, problems } = canonicalSets(
      [
        { name: "WWW.Example.no.", type: "a", values: ["192.0.2.2", " 192.0.2.1", "192.0.2.2"] },
        { name: "example.no", type: "mx", ttl: 60, values: ["20 Mail2.Example.NO.", "10 mail.example.no"] },
        { name: "_sip._tcp", type: "SRV", values: ["10 5 5060 SIP.example.no."] },
        { name: "bücher", type: "AAAA", values: ["2001:DB8:0:0::1"] },
      ],
      "example.no",
      options,
    );
    expect(problems).toEqual([]);
    expect(sets).toEqual([
      set("@", "MX", ["10 mail.example.no", "20 mail2.example.no"], 60),
      set("_sip._tcp", "SRV", ["10 5 5060 sip.example.no"], 3600),
      set("www", "A", ["192.0.2.1", "192.0.2.2"], 3600),
      set("xn--bcher-kva", "AAAA", ["2001:db8::1"], 3600),
    ]);
  });

  test("each problem names the entry and value index", () => {
    const { problems } = canonicalSets(
      [
        { name: "ok", type: "A", values: ["192.0.2.1"] },
        { name: "www", type: "A", values: ["192.0.2.1", "x"] },
        { name: "mail", type: "MX", values: ["mail.example.no"] },
        { name: "other.com.", type: "A", values: ["192.0.2.1"] },
        { name: "t", type: "SPF", values: ["v=spf1"] },
        { name: "e", type: "TXT", values: [] },
        { name: "n", type: "A", ttl: 0, values: ["192.0.2.1"] },
      ],
      "example.no",
      options,
    );
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^records\[1\]\.values\[1\]: "x" is not an IPv4 address/);
    expect(problems[1]).toMatch(/^records\[2\]\.values\[0\]: .*does not start with a priority/);
    expect(problems[2]).toMatch(/^records\[3\]\.name: .*not inside zone example\.no/);
    expect(problems[3]).toMatch(/^records\[4\]\.type: "SPF" is not a supported type/);
    expect(problems[4]).toBe("records[5].values: a record set needs at least one value");
    expect(problems[5]).toMatch(/^records\[6\]\.ttl: 0 is not a TTL/);
  });

  test("two entries of one name and type: one problem naming both indexes (names compared after canonicalisation)", () => {
    const { problems } = canonicalSets(
      [
        { name: "www", type: "A", values: ["192.0.2.1"] },
        { name: "x", type: "A", values: ["192.0.2.3"] },
        { name: "WWW.example.no.", type: "a", values: ["192.0.2.2"] },
      ],
      "example.no",
      { ...options, property: "sets" },
    );
    expect(problems).toEqual(['sets[0] and sets[2] are both "www A": give all values of one name and type in one entry']);
  });

  test("a CNAME holds one value and no other type shares its name", () => {
    const { problems } = canonicalSets(
      [
        { name: "a", type: "CNAME", values: ["x.example.no", "y.example.no"] },
        { name: "b", type: "CNAME", values: ["x.example.no"] },
        { name: "b", type: "TXT", values: ["hello"] },
      ],
      "example.no",
      options,
    );
    expect(problems).toEqual([
      "records[0].values: a CNAME set holds exactly one value (got 2)",
      "records[1]: a CNAME at \"b\" cannot coexist with the TXT set of that name (records[2])",
    ]);
  });
});

describe("parseZoneFile", () => {
  const zoneFile = `
$ORIGIN example.no.
$TTL 1h
@       IN SOA ns1.example.no. hostmaster.example.no. (
            2024010101 ; serial
            3600 900 604800 300 )
@          NS   ns1.gigahost.no.
           NS   ns2.gigahost.no.  ; blank owner: the apex again
www   300  IN   A    192.0.2.1
           IN 300 A  192.0.2.2
mail  A 192.0.2.25
@   MX  10 mail
@   MX  20 mx2.example.no.
txt   TXT  "v=spf1 include:_spf.example.no ~all"
multi TXT  ( "first part " "second \\"quoted\\" part" )
semi  TXT  "a;b" ; the ; in quotes is text
_sip._tcp 1d SRV 10 5 5060 sip
caa   CAA  0 issue "letsencrypt.org"
$ORIGIN dev.example.no.
api   CNAME www.example.no.
*     A    192.0.2.9
`;

  test("reads every documented feature", () => {
    const { sets, problems, skipped } = parseZoneFile(zoneFile, "example.no", options);
    expect(problems).toEqual([]);
    expect(skipped).toEqual(["zoneFile line 4: SOA record of example.no skipped (the vendor owns it)"]);
    expect(setsToMap(sets)).toEqual({
      "*.dev A": { ttl: 3600, values: ["192.0.2.9"] },
      "@ MX": { ttl: 3600, values: ["10 mail.example.no", "20 mx2.example.no"] },
      "@ NS": { ttl: 3600, values: ["ns1.gigahost.no", "ns2.gigahost.no"] },
      "_sip._tcp SRV": { ttl: 86400, values: ["10 5 5060 sip.example.no"] },
      "api.dev CNAME": { ttl: 3600, values: ["www.example.no"] },
      "caa CAA": { ttl: 3600, values: ['0 issue "letsencrypt.org"'] },
      "mail A": { ttl: 3600, values: ["192.0.2.25"] },
      "multi TXT": { ttl: 3600, values: ['first part second "quoted" part'] },
      "semi TXT": { ttl: 3600, values: ["a;b"] },
      "txt TXT": { ttl: 3600, values: ["v=spf1 include:_spf.example.no ~all"] },
      "www A": { ttl: 300, values: ["192.0.2.1", "192.0.2.2"] },
    });
  });

  test("without $ORIGIN names are relative to the zone; without $TTL the default applies; a set's TTL is its lowest", () => {
    const { sets, problems } = parseZoneFile("www A 192.0.2.1\nwww 60 A 192.0.2.2\nexample.no. TXT hello\n", "example.no", options);
    expect(problems).toEqual([]);
    expect(sets).toEqual([set("@", "TXT", ["hello"], 3600), set("www", "A", ["192.0.2.1", "192.0.2.2"], 60)]);
  });

  test("\\DDD escapes and TTL units", () => {
    expect(parseZoneFile('t TXT "a\\065b\\\\c"', "example.no", options).sets[0].values).toEqual(["aAb\\c"]);
    expect([parseTtl("3600"), parseTtl("1h30m"), parseTtl("1W"), parseTtl("2d"), parseTtl("1x"), parseTtl("IN")]).toEqual([
      3600, 5400, 604800, 172800, undefined, undefined,
    ]);
  });

  test("an absolute name outside the zone is refused with its line number, owner or $ORIGIN alike", () => {
    const { problems, sets } = parseZoneFile(
      "www A 192.0.2.1\nwww.other.com. A 192.0.2.2\n$ORIGIN other.org.\nx A 192.0.2.3\n",
      "example.no",
      options,
    );
    expect(problems).toEqual([
      'zoneFile line 2: "www.other.com." is fully qualified but not inside zone example.no',
      'zoneFile line 4: "x.other.org." is fully qualified but not inside zone example.no',
    ]);
    expect(sets.map(setKey)).toEqual(["www A"]);
  });

  test("bad values, unsupported types and directives, unbalanced parentheses and quotes: each with its line", () => {
    const { problems } = parseZoneFile(
      ["$INCLUDE other.zone", "a A 300.1.1.1", "b HINFO x y", "c MX mail", "  A 192.0.2.1"].join("\n"),
      "example.no",
      options,
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe("zoneFile line 1: $INCLUDE is not supported here (only $ORIGIN <name> and $TTL <ttl>)");
    expect(problems[1]).toMatch(/^zoneFile line 2: "300\.1\.1\.1" is not an IPv4 address/);
    expect(problems[2]).toMatch(/^zoneFile line 3: type HINFO is not supported/);
    expect(problems[3]).toMatch(/^zoneFile line 4: an MX record takes "<priority> <host>"/);
    expect(parseZoneFile('a A 192.0.2.1\nd TXT "open\n', "example.no", options).problems).toContain("zoneFile line 2: a quoted string is not closed");
    expect(parseZoneFile("a A 192.0.2.1\ne A ( 192.0.2.1\n", "example.no", options).problems).toContain('zoneFile line 3: "(" is not closed');
    expect(parseZoneFile("a A 192.0.2.1 )\n", "example.no", options).problems).toContain('zoneFile line 1: ")" without "("');
  });

  test("a blank owner on the first record is a problem", () => {
    expect(parseZoneFile("  A 192.0.2.1\n", "example.no", options).problems).toEqual([
      "zoneFile line 1: the record has no owner name and no record precedes it",
    ]);
  });
});

describe("mergeSets", () => {
  test("declared sets replace the file's set of the same name and type; others are kept", () => {
    const merged = mergeSets([set("www", "A", ["192.0.2.1"]), set("mail", "A", ["192.0.2.25"])], [set("www", "A", ["192.0.2.7"], 60), set("x", "TXT", ["t"])]);
    expect(merged).toEqual([set("mail", "A", ["192.0.2.25"]), set("www", "A", ["192.0.2.7"], 60), set("x", "TXT", ["t"])]);
  });
});

describe("ignoreMatcher", () => {
  test.each([
    ["www", "www", "A", true],
    ["www", "www", "TXT", true],
    ["www", "www.dev", "A", false],
    ["www/TXT", "www", "TXT", true],
    ["www/txt", "www", "TXT", true],
    ["www/TXT", "www", "A", false],
    ["*.dev", "api.dev", "A", true],
    ["*.dev", "a.b.dev", "A", true],
    ["*.dev", "dev", "A", false],
    ["*.dev", "api.dev2", "A", false],
    ["_acme-challenge*", "_acme-challenge", "TXT", true],
    ["_acme-challenge*", "_acme-challenge.www", "TXT", true],
    ["_acme-challenge*", "x_acme-challenge", "TXT", false],
    ["@/NS", "@", "NS", true],
    ["@/NS", "@", "MX", false],
  ])("%s against %s %s → %s", (pattern, name, type, expected) => {
    expect(ignoreMatcher([pattern])({ name, type })).toBe(expected);
  });

  test("several patterns: any match", () => {
    const ignore = ignoreMatcher(["a", "b/MX"]);
    expect([ignore({ name: "a", type: "A" }), ignore({ name: "b", type: "MX" }), ignore({ name: "b", type: "A" })]).toEqual([true, true, false]);
  });
});

describe("planZone and managedView", () => {
  const live = [
    set("@", "NS", ["ns1.gigahost.no", "ns2.gigahost.no"], 86400),
    set("www", "A", ["192.0.2.1"]),
    set("mail", "A", ["192.0.2.25"]),
    set("old", "A", ["192.0.2.99"]),
    set("_acme-challenge", "TXT", ["token"]),
  ];
  const declared = [set("www", "A", ["192.0.2.1", "192.0.2.2"]), set("mail", "A", ["192.0.2.25"]), set("new", "TXT", ["hi"])];

  test("creates, updates, purge deletes, unchanged; undeclared apex NS kept; ignored sets left alone", () => {
    const plan = planZone(live, declared, { purge: true, ignore: ignoreMatcher(["_acme-challenge*"]) });
    expect(plan.creates).toEqual([set("new", "TXT", ["hi"])]);
    expect(plan.updates).toEqual([{ before: set("www", "A", ["192.0.2.1"]), after: set("www", "A", ["192.0.2.1", "192.0.2.2"]) }]);
    expect(plan.deletes).toEqual([set("old", "A", ["192.0.2.99"])]);
    expect(plan.unchanged).toBe(1);
  });

  test("purge false deletes nothing", () => {
    const plan = planZone(live, declared, { purge: false, ignore: noIgnore });
    expect(plan.deletes).toEqual([]);
    expect(plan.creates).toHaveLength(1);
    expect(plan.updates).toHaveLength(1);
  });

  test("a declared set that is ignored is not planned", () => {
    const plan = planZone(live, [set("_acme-challenge", "TXT", ["other"])], { purge: false, ignore: ignoreMatcher(["_acme-challenge"]) });
    expect(plan).toEqual({ creates: [], updates: [], deletes: [], unchanged: 0 });
  });

  test("a TTL change alone is an update; live values in another order are equal", () => {
    const plan = planZone([set("www", "A", ["192.0.2.2", "192.0.2.1"])], [set("www", "A", ["192.0.2.1", "192.0.2.2"], 60)], { purge: true, ignore: noIgnore });
    expect(plan.updates).toHaveLength(1);
    expect(planZone([set("www", "A", ["192.0.2.2", "192.0.2.1"])], [set("www", "A", ["192.0.2.1", "192.0.2.2"])], { purge: true, ignore: noIgnore }).unchanged).toBe(1);
  });

  test("a live set of mixed TTLs (ttls) is an update even when its lowest TTL is the declared one, shown with every TTL; the map keeps ttls", () => {
    const mixed: RecordSet = { ...set("www", "A", ["192.0.2.1", "192.0.2.2"], 300), ttls: [300, 3600] };
    const plan = planZone([mixed], [set("www", "A", ["192.0.2.1", "192.0.2.2"], 300)], { purge: true, ignore: noIgnore });
    expect(plan.updates).toHaveLength(1);
    expect(plan.unchanged).toBe(0);
    expect(valueChanges(plan.updates[0].before, plan.updates[0].after).ttlChanged).toBe(true);
    expect(formatPlan(plan)).toBe("~ www A ttl 300/3600→300");
    expect(setsFromMap(setsToMap([mixed]))).toEqual([mixed]);
    expect(setsToMap([set("www", "A", ["192.0.2.1"])])["www A"]).not.toHaveProperty("ttls");
  });

  test("a declared apex NS is planned like any set", () => {
    const plan = planZone(live, [set("@", "NS", ["ns1.other.no"])], { purge: false, ignore: noIgnore });
    expect(plan.updates.map((update) => setKey(update.after))).toEqual(["@ NS"]);
  });

  test("managedView: purge true takes every live set but ignored ones and undeclared apex NS/SOA; purge false only declared keys", () => {
    const ignore = ignoreMatcher(["_acme-challenge"]);
    expect(managedView(live, declared, { purge: true, ignore }).map(setKey)).toEqual(["mail A", "old A", "www A"]);
    expect(managedView(live, declared, { purge: false, ignore }).map(setKey)).toEqual(["mail A", "www A"]);
    expect(managedView(live, [set("@", "NS", ["x.example.no"])], { purge: false, ignore }).map(setKey)).toEqual(["@ NS"]);
  });
});

describe("safetyProblem", () => {
  const zoneOf = (count: number) => Array.from({ length: count }, (_, index) => set(`h${index}`, "A", [`192.0.2.${index + 1}`]));
  /** A plan deleting `deletes` and updating `updates` of a zone of `count` sets. */
  const planFor = (count: number, deletes: number, updates = 0) => {
    const live = zoneOf(count);
    const declared = live.slice(deletes).map((entry, index) => (index < updates ? { ...entry, ttl: 60 } : entry));
    return planZone(live, declared, { purge: true, ignore: noIgnore });
  };
  const check = (count: number, deletes: number, updates = 0, extra: Partial<{ maxChangeShare: number; force: boolean }> = {}) =>
    safetyProblem(planFor(count, deletes, updates), count, { maxChangeShare: DEFAULT_MAX_CHANGE_SHARE, force: false, resource: "gigahost:DnsZoneRecords example.no", ...extra });

  test("exactly 30 % passes, just above is refused (10 and 1,000 sets)", () => {
    expect(check(10, 3)).toBeUndefined();
    expect(check(10, 2, 1)).toBeUndefined();
    expect(check(10, 4)).toMatch(/refusing to apply: it would update or delete 4 of the 10 record sets/);
    expect(check(10, 2, 2)).toMatch(/update or delete 4 of the 10/);
    expect(check(1000, 300)).toBeUndefined();
    expect(check(1000, 301)).toMatch(/301 of the 1000/);
  });

  test(`below ${MIN_SETS_FOR_THRESHOLD} sets the share does not apply; at ${MIN_SETS_FOR_THRESHOLD} it does`, () => {
    expect(check(9, 9)).toBeUndefined();
    expect(check(10, 10)).toBeDefined();
  });

  test("creates never count", () => {
    const live = zoneOf(10);
    const plan = planZone(live, [...live, ...zoneOf(50).map((entry) => ({ ...entry, name: `n${entry.name}` }))], { purge: true, ignore: noIgnore });
    expect(safetyProblem(plan, 10, { maxChangeShare: 0.3, force: false, resource: "r" })).toBeUndefined();
  });

  test("the refusal carries the plan and says how to force; force lets it through; maxChangeShare moves the line", () => {
    const message = check(10, 4)!;
    expect(message).toContain("gigahost:DnsZoneRecords example.no");
    expect(message).toContain("- h0 A\n- h1 A\n- h2 A\n- h3 A");
    expect(message).toContain("`force: true`");
    expect(message).toContain("`maxChangeShare`");
    expect(check(10, 4, 0, { force: true })).toBeUndefined();
    expect(check(10, 4, 0, { maxChangeShare: 0.4 })).toBeUndefined();
    expect(check(10, 5, 0, { maxChangeShare: 0.4 })).toBeDefined();
  });

  test("any apex NS or SOA change needs force, in a zone of any size", () => {
    const apex = set("@", "NS", ["ns1.gigahost.no"]);
    for (const plan of [
      { creates: [apex], updates: [], deletes: [], unchanged: 0 },
      { creates: [], updates: [{ before: apex, after: { ...apex, values: ["ns9.other.no"] } }], deletes: [], unchanged: 0 },
      { creates: [], updates: [], deletes: [{ ...apex, type: "SOA" }], unchanged: 0 },
    ]) {
      const message = safetyProblem(plan, 1, { maxChangeShare: 1, force: false, resource: "r" });
      expect(message).toMatch(/it would change the apex (NS|SOA) set, which always needs force/);
      expect(message).not.toContain("maxChangeShare");
      expect(safetyProblem(plan, 1, { maxChangeShare: 1, force: true, resource: "r" })).toBeUndefined();
    }
    expect(safetyProblem({ creates: [set("sub", "NS", ["ns.example.no"])], updates: [], deletes: [], unchanged: 0 }, 1, { maxChangeShare: 0.3, force: false, resource: "r" })).toBeUndefined();
  });
});

describe("formatPlan, valueChanges, map form", () => {
  test("one line per set", () => {
    const plan = {
      creates: [set("www", "A", ["192.0.2.1"])],
      updates: [{ before: set("@", "MX", ["10 mail.example.no", "20 old.example.no"], 3600), after: set("@", "MX", ["10 mail.example.no", "10 mx2.example.no"], 300) }],
      deletes: [set("old", "A", ["192.0.2.9"])],
      unchanged: 3,
    };
    expect(formatPlan(plan)).toBe("+ www A 300 192.0.2.1\n~ @ MX ttl 3600→300; +10 mx2.example.no; -20 old.example.no\n- old A");
    expect(formatPlan({ creates: [], updates: [], deletes: [], unchanged: 2 })).toBe("(no changes)");
  });

  test("truncated after 50 lines with a count", () => {
    const lines = formatPlan({ creates: Array.from({ length: 60 }, (_, index) => set(`h${index}`, "A", ["192.0.2.1"])), updates: [], deletes: [], unchanged: 0 }).split("\n");
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe("… and 10 more record sets");
  });

  test("valueChanges", () => {
    expect(valueChanges(set("a", "A", ["192.0.2.1", "192.0.2.2"]), set("a", "A", ["192.0.2.2", "192.0.2.3"], 60))).toEqual({
      add: ["192.0.2.3"],
      remove: ["192.0.2.1"],
      keep: ["192.0.2.2"],
      ttlChanged: true,
    });
  });

  test("setsToMap and setsFromMap round-trip, names with spaces impossible so the last space splits", () => {
    const sets = [set("@", "MX", ["10 mail.example.no"]), set("*.dev", "A", ["192.0.2.1"])];
    const map = setsToMap(sets);
    expect(Object.keys(map)).toEqual(["*.dev A", "@ MX"]);
    expect(setsFromMap(map)).toEqual([sets[1], sets[0]]);
  });
});
