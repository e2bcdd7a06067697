import * as fs from "node:fs";
import * as path from "node:path";
import { implementationFor, qualifiedSettingsKeys } from "../../provider/dispatch";

test("a kind this version does not know fails with advice to upgrade", () => {
  expect(() => implementationFor("gigahost:Teleporter")).toThrow(/no resource kind "gigahost:Teleporter".*newer/);
  expect(() => implementationFor("acme:Thing")).toThrow(/no resource kind "acme:Thing"/);
});

test("known kinds resolve to one implementation each, reused across calls", () => {
  const first = implementationFor("gigahost:DnsRecord");
  expect(typeof first.create).toBe("function");
  expect(implementationFor("gigahost:DnsRecord")).toBe(first);
});

test("stack config reaches every setting a vendor's client reads: the keys come from each vendor's own declaration", () => {
  const declared = qualifiedSettingsKeys();
  const brands: Record<string, string> = { gigahost: "gigahost", terrahost: "gigahost", zoneid: "zoneid", gigas: "gigas", gandi: "gandi" };
  for (const [namespace, client] of Object.entries(brands)) {
    const source = fs.readFileSync(path.resolve(__dirname, `../../provider/${client}/client.ts`), "utf8");
    const read = new Set([...source.matchAll(/settings\.get\("([A-Za-z]+)"\)/g)].map((match) => match[1]));
    // apiUrlSetting reads apiUrl for every client.
    read.add("apiUrl");
    expect(read.size).toBeGreaterThan(1);
    for (const key of read) expect(declared).toContain(`${namespace}:${key}`);
  }
});

test("the shared layer names no vendor: dispatch reads the vendors from resources/vendors.ts", () => {
  const source = fs.readFileSync(path.resolve(__dirname, "../../provider/dispatch.ts"), "utf8");
  for (const vendor of ["gigahost", "terrahost", "zoneid", "gigas", "gandi"]) {
    // Only the example kind in a comment may mention one.
    const code = source.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
    expect(code).not.toMatch(new RegExp(vendor, "i"));
  }
});
