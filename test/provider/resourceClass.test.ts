import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../harness/engine";
import { moduleAndType } from "../../provider/resourceClass";
import * as gandi from "../../resources/gandi";
import * as gigahost from "../../resources/gigahost";
import * as gigas from "../../resources/gigas";
import * as terrahost from "../../resources/terrahost";
import * as zoneid from "../../resources/zoneid";

/**
 * The type token of every resource class as version 0.1.0 registered it
 * (`pulumi.dynamic.Resource`'s module and type arguments, as written in each
 * class before classes came from their definitions). A different token is a
 * different resource to the engine: every existing stack would replace it.
 */
const TOKENS_OF_0_1_0 = [
  "gandi:SimpleHostingInstance", "gandi:SimpleHostingVhost",
  "gigahost:BgpAsn", "gigahost:BgpSession", "gigahost:DeployedServer", "gigahost:DnsRecord", "gigahost:DnsRedirect",
  "gigahost:DnsZone", "gigahost:DomainSettings", "gigahost:NoDomain", "gigahost:PtrZone", "gigahost:ReverseDns",
  "gigahost:Server", "gigahost:ServerSnapshot",
  "gigas:Disk", "gigas:FirewallRule", "gigas:VirtualMachine",
  "terrahost:ReverseDns", "terrahost:Server", "terrahost:ServerSnapshot",
  "zoneid:CloudServer", "zoneid:Crontab", "zoneid:DnsRecord", "zoneid:DnsZone", "zoneid:DomainContact",
  "zoneid:DomainNameserver", "zoneid:DomainSettings", "zoneid:FtpUser", "zoneid:MailAccount", "zoneid:MailForwarder",
  "zoneid:MysqlDatabase", "zoneid:MysqlUser", "zoneid:SshKey", "zoneid:SslCertificate",
].map((kind) => `pulumi-nodejs:dynamic/${kind}`);

const VENDORS: Record<string, Record<string, unknown>> = { gandi, gigahost, gigas, terrahost, zoneid };

type AnyResourceClass = new (name: string, args: object, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;

function resourceClasses(): { vendor: string; name: string; constructor: AnyResourceClass }[] {
  return Object.entries(VENDORS).flatMap(([vendor, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => typeof value === "function" && (value as Function).prototype instanceof pulumi.CustomResource)
      .map(([name, value]) => ({ vendor, name, constructor: value as AnyResourceClass })),
  );
}

test("every resource class registers the type token 0.1.0 registered, and classes added since register theirs the same way", async () => {
  const classes = resourceClasses();
  const registered = await runProgram(() => classes.map(({ vendor, name, constructor }) => new constructor(`${vendor}-${name}`, {})));
  const types = registered.map((resource) => resource.type);
  expect(TOKENS_OF_0_1_0.filter((token) => !types.includes(token))).toEqual([]);
  expect(new Set(types).size).toBe(types.length);
  // Each class is registered under its own vendor and name.
  for (const { vendor, name } of classes) {
    expect(registered.find((resource) => resource.name === `${vendor}-${name}`)?.type).toBe(`pulumi-nodejs:dynamic/${vendor}:${name}`);
  }
});

test("a kind names its vendor module and its type; anything else is refused", () => {
  expect(moduleAndType("gigahost:DnsZone")).toEqual({ module: "gigahost", type: "DnsZone" });
  expect(() => moduleAndType("gigahost/DnsZone")).toThrow('resource kind "gigahost/DnsZone" is not of the form vendor:Resource');
});

test("a class lists every state property as an output, and a creating kind's class carries the creation tag", async () => {
  const [zone] = await runProgram(() => [new gigahost.DnsZone("zone", { name: "example.no" })]);
  expect(zone.inputs.name).toBe("example.no");
  expect(zone.inputs.creationTag).toMatch(/^peh-[0-9a-f]{16}$/);
  let server: gigahost.Server | undefined;
  const [registered] = await runProgram(() => [(server = new gigahost.Server("server", { serverId: "3523" }))]);
  // A server is only taken over: no creation tag.
  expect(registered.inputs.creationTag).toBeUndefined();
  // Outputs the program did not give are still outputs (the engine fills them).
  expect(pulumi.Output.isInstance(server!.primaryIp)).toBe(true);
  expect(pulumi.Output.isInstance(server!.installedOs)).toBe(true);
});
