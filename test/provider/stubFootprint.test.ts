import * as pulumi from "@pulumi/pulumi";
import { providerStub } from "../../provider/dynamic";
import * as gandi from "../../resources/gandi";
import * as gigahost from "../../resources/gigahost";
import * as gigas from "../../resources/gigas";
import * as terrahost from "../../resources/terrahost";
import * as zoneid from "../../resources/zoneid";
import { REPO_ROOT, registeredKinds } from "../compat/fixtures";
import { runProgram } from "../harness/engine";

/**
 * The provider stub is stored twice per resource (inputs and outputs), so its
 * size is most of a small resource's state (issue 17: at most 1.5 KB; the
 * closure-serialized stubs of 0.1.0 and 0.2.0 were 3,421–3,438 bytes).
 */
const STUB_BOUND_BYTES = 1536;

type AnyResourceClass = new (name: string, args: object) => pulumi.Resource;

const VENDORS: Record<string, Record<string, unknown>> = { gandi, gigahost, gigas, terrahost, zoneid };

test("every kind's class registers its stub, of at most 1,536 bytes, naming only its kind", async () => {
  const classes = Object.entries(VENDORS).flatMap(([vendor, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => typeof value === "function" && (value as Function).prototype instanceof pulumi.CustomResource)
      .map(([name, value]) => ({ name: `${vendor}-${name}`, constructor: value as AnyResourceClass })),
  );
  const registered = await runProgram(() => classes.map(({ name, constructor }) => new constructor(name, {})));
  expect([...new Set(registered.map((resource) => resource.type))].sort()).toEqual(registeredKinds(REPO_ROOT).map((kind) => `pulumi-nodejs:dynamic/${kind}`));
  const sizes = registered.map((resource) => {
    const kind = resource.type.replace("pulumi-nodejs:dynamic/", "");
    const stub = resource.inputs.__provider as string;
    // Nothing of the program is in it: the same text for every resource of a kind, whatever its inputs or settings.
    expect({ kind, stub }).toEqual({ kind, stub: providerStub(kind) });
    return { kind, bytes: Buffer.byteLength(stub) };
  });
  expect(sizes).toHaveLength(classes.length);
  expect(sizes.filter(({ bytes }) => bytes > STUB_BOUND_BYTES)).toEqual([]);
});

test("the stub's text depends on the kind alone: another kind's stub differs only in the kind", () => {
  const one = providerStub("gigahost:DnsRecord");
  expect(providerStub("zoneid:DnsRecord")).toBe(one.replace("'gigahost:DnsRecord'", "'zoneid:DnsRecord'"));
  expect(one.split("gigahost").length - 1).toBe(1);
  // Stored JSON-escaped in state: nothing in it needs escaping.
  expect(JSON.stringify(one)).toBe(`"${one}"`);
  expect(() => providerStub("gigahost:Dns'Record")).toThrow(`resource kind "gigahost:Dns'Record" is not of the form vendor:Resource`);
});

test("a resource given __provider is refused, as pulumi.dynamic.Resource refuses it", async () => {
  expect(() => new gigahost.DnsZone("zone", { name: "example.no", __provider: "mine" } as never)).toThrow(
    'gigahost:DnsZone "zone": __provider is reserved for the provider stub',
  );
});
