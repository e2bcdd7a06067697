import { Findings } from "./mixedStack";

/** The counting behind the fault suites' verdicts: it must see every way a vendor can differ from the program. */
describe("Findings", () => {
  const declared = new Map([
    ["zone", "gigahost zone a.example.no"],
    ["r1", "gigahost record a.example.no pool A 10.0.0.1"],
    ["r2", "gigahost record a.example.no pool A 10.0.0.2"],
  ]);
  const all = new Set(declared.keys());

  it.each([
    ["exactly what is declared", ["gigahost zone a.example.no", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.2"], all, {}],
    [
      "a declared object twice",
      ["gigahost zone a.example.no", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.2"],
      all,
      { duplicates: ["gigahost record a.example.no pool A 10.0.0.1 ×2 (after up)"] },
    ],
    [
      "an object nobody declared",
      ["gigahost zone a.example.no", "gigahost zone b.example.no", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.2"],
      all,
      { orphans: ["gigahost zone b.example.no (not declared, after up)"] },
    ],
    [
      "a declared object no state holds",
      ["gigahost zone a.example.no", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.2"],
      new Set(["zone", "r1"]),
      { orphans: ["gigahost record a.example.no pool A 10.0.0.2 (r2 not in state, after up)"] },
    ],
    [
      "an object the state holds but the vendor lost",
      ["gigahost zone a.example.no", "gigahost record a.example.no pool A 10.0.0.2"],
      all,
      { lostSiblings: ["gigahost record a.example.no pool A 10.0.0.1 (r1 in state, after up)"] },
    ],
    ["a resource neither created nor in state (a failed up: its error tells)", ["gigahost zone a.example.no"], new Set(["zone"]), {}],
  ])("%s", (_name, live, inState, expected) => {
    const findings = new Findings();
    findings.check("after up", live, declared, inState);
    expect({
      duplicates: [...findings.duplicates.values()],
      orphans: [...findings.orphans.values()],
      lostSiblings: [...findings.lostSiblings.values()],
    }).toEqual({ duplicates: [], orphans: [], lostSiblings: [], ...expected });
  });

  it("counts everything left after destroy as an orphan, each object once across stages", () => {
    const findings = new Findings();
    const twice = ["gigahost zone a.example.no", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.1", "gigahost record a.example.no pool A 10.0.0.2"];
    findings.check("after up", twice, declared, all);
    findings.check("after refresh", twice, declared, all);
    findings.check("after destroy", ["gigahost record a.example.no pool A 10.0.0.1"], declared, new Set());
    expect([...findings.duplicates.values()]).toEqual(["gigahost record a.example.no pool A 10.0.0.1 ×2 (after up)"]);
    expect([...findings.orphans.values()]).toEqual(["gigahost record a.example.no pool A 10.0.0.1 (r1 not in state, after destroy)"]);
  });
});
