import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { sslCertificateWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { sortedSet, sortedUnique } from "./hostingFields";
import { importByServiceItem } from "./serviceImportIds";

/** PEM text with line endings and surrounding blank space normalized. */
export function normalizePem(text: string): string {
  const trimmed = text.replace(/\r\n?/g, "\n").trim();
  return trimmed === "" ? "" : `${trimmed}\n`;
}

const pem = (label: RegExp, example: string) =>
  z
    .string({ error: `is required (PEM text starting with ${example})` })
    .transform(normalizePem)
    .refine((text) => label.test(text), `must be PEM text starting with ${example}`);

/** What a `SslCertificate` adds to its inputs in state; each property is an output. */
export const sslCertificateState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The certificate's name. */
  name: z.string(),
  /** The certificate as ZoneID holds it (PEM, line endings normalized). */
  certificate: z.string(),
  /** The private key as last set by the program (secret; the API never returns it). */
  privateKey: z.string(),
  /** The intermediate chain (PEM), or `""`. */
  caCertificate: z.string(),
  /** The host names that use the certificate, sorted. */
  hosts: z.array(z.string()),
  /** The certificate's common name as ZoneID reads it; null when ZoneID's answer omits it. */
  commonName: z.string().nullable(),
  /** When the certificate expires, as ZoneID reports it; null when ZoneID's answer omits it. */
  expires: z.string().nullable(),
  /** Whether ZoneID issued it through Let's Encrypt (false when its answer omits it). */
  letsEncrypt: z.boolean(),
});

const sslCertificate = hostingCollection({
  kind: "zoneid:SslCertificate",
  state: sslCertificateState,
  noun: "SSL certificate",
  collection: "ssl",
  wire: sslCertificateWire,
  fields: {
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "may be at most 100 characters"),
    certificate: pem(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/, "-----BEGIN CERTIFICATE-----"),
    privateKey: pem(/^-----BEGIN ((RSA|EC) )?PRIVATE KEY-----\n[\s\S]+-----END ((RSA|EC) )?PRIVATE KEY-----\n$/, "-----BEGIN PRIVATE KEY-----"),
    caCertificate: z
      .string()
      .transform(normalizePem)
      .refine((text) => text === "" || text.startsWith("-----BEGIN CERTIFICATE-----"), "must be PEM certificates or empty")
      .default(""),
    hosts: sortedSet(
      z
        .string()
        .refine((host) => isHostname(host.trim()), { error: (issue) => `"${issue.input}" is not a host name` })
        .transform(normalizeHostname),
    ).default([]),
  },
  idOf: (wire) => wire.id,
  key: { input: "name", ofWire: (wire) => wire.name },
  replaceOnChanges: [],
  // The PUT takes the whole VServerSSLCerificate, which requires private_key (ZoneID's OpenAPI spec).
  secrets: [{ input: "privateKey", wire: "private_key", everyUpdate: true }],
  updatable: true,
  toWire: (args) => ({ name: args.name, certificate: args.certificate, private_key: args.privateKey, ca_certificate: args.caCertificate, hosts: args.hosts }),
  fromWire: (wire) => ({
    name: wire.name,
    certificate: normalizePem(wire.certificate),
    caCertificate: normalizePem(wire.ca_certificate),
    hosts: sortedUnique(wire.hosts.map(normalizeHostname)),
    commonName: wire.cn,
    expires: wire.expires,
    letsEncrypt: wire.letsencrypt,
  }),
});

export const sslCertificateArgs = sslCertificate.args;

/** The arguments of an `SslCertificate` (`/vserver/{service}/ssl`); see docs/zoneid.md. Every field changes in place. */
export interface SslCertificateArgs extends HostingServiceArgs {
  /**
   * A name for the certificate, unique in the service (1-100 characters), e.g.
   * `"www-2026"`; it is how an existing one is found for adoption. Changes in place.
   */
  name: pulumi.Input<string>;
  /**
   * The certificate, PEM text starting with `-----BEGIN CERTIFICATE-----` (line
   * endings normalized), e.g. `fs.readFileSync("cert.pem", "utf8")`. Changes in place.
   */
  certificate: pulumi.Input<string>;
  /**
   * The private key, PEM text starting with `-----BEGIN PRIVATE KEY-----` (or RSA/EC
   * PRIVATE KEY). Secret, and write-only at the API: a change made elsewhere cannot
   * be seen. Changes in place.
   */
  privateKey: pulumi.Input<string>;
  /** The intermediate chain as PEM certificates, or `""` (default) for none. Changes in place. */
  caCertificate?: pulumi.Input<string>;
  /**
   * Host names of this service that use the certificate, e.g. `["example.com",
   * "www.example.com"]` (default none), compared as a set. Changes in place.
   */
  hosts?: pulumi.Input<string[]>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SslCertificateArgs, typeof sslCertificateArgs>>;
export const sslCertificateDefinition: typeof sslCertificate.definition = {
  ...sslCertificate.definition,
  /**
   * `service/id`: the web hosting service and the certificate's `id` as
   * `GET /vserver/{service}/ssl` lists it, e.g. `example.com/1234`. The private
   * key is write-only: an imported certificate has none until the next `pulumi up`
   * sets the program's.
   */
  importId: importByServiceItem("service", "id", "example.com/1234"),
};

/**
 * A certificate and private key installed on a ZoneID web hosting service
 * (`/vserver/{service}/ssl`). Everything updates in place; the private key
 * is secret and write-only (a change made elsewhere cannot be seen).
 */
export class SslCertificate extends resourceClass<SslCertificateArgs>()(sslCertificateDefinition) {}
