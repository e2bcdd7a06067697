import { implementationFor } from "../../provider/dispatch";

test("a kind this version does not know fails with advice to upgrade", () => {
  expect(() => implementationFor("gigahost:Teleporter")).toThrow(/no resource kind "gigahost:Teleporter".*newer/);
  expect(() => implementationFor("acme:Thing")).toThrow(/no resource kind "acme:Thing"/);
});

test("known kinds resolve to one implementation each, reused across calls", () => {
  const first = implementationFor("gigahost:DnsRecord");
  expect(typeof first.create).toBe("function");
  expect(implementationFor("gigahost:DnsRecord")).toBe(first);
});
