import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serializableProvider, withSecretOutputs } from "../../provider/dynamic";
import { withCreationTag } from "../../provider/identity";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { sslCertificateWire } from "../../provider/zoneid/serviceWire";
import { Inputs } from "../types";
import { hostingCollection } from "./hostingCollection";
import { sortedSet, sortedUnique } from "./hostingFields";

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

const sslCertificate = hostingCollection({
  kind: "zoneid:SslCertificate",
  noun: "SSL certificate",
  collection: "ssl",
  wire: sslCertificateWire,
  fields: {
    /** A name for the certificate, unique in the service (it is how an existing one is found for adoption). */
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "may be at most 100 characters"),
    certificate: pem(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/, "-----BEGIN CERTIFICATE-----"),
    /** Secret. Write-only at the API. */
    privateKey: pem(/^-----BEGIN ((RSA|EC) )?PRIVATE KEY-----\n[\s\S]+-----END ((RSA|EC) )?PRIVATE KEY-----\n$/, "-----BEGIN PRIVATE KEY-----"),
    /** The intermediate chain, if any. */
    caCertificate: z
      .string()
      .transform(normalizePem)
      .refine((text) => text === "" || text.startsWith("-----BEGIN CERTIFICATE-----"), "must be PEM certificates or empty")
      .default(""),
    /** Host names (of this service) that use the certificate. */
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
export type SslCertificateArgs = Inputs<z.input<typeof sslCertificateArgs>>;
export const sslCertificateDefinition = sslCertificate.definition;

/**
 * A certificate and private key installed on a ZoneID web hosting service
 * (`/vserver/{service}/ssl`). Everything updates in place; the private key
 * is secret and write-only (a change made elsewhere cannot be seen).
 */
export class SslCertificate extends pulumi.dynamic.Resource {
  declare readonly service: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly certificate: pulumi.Output<string>;
  declare readonly privateKey: pulumi.Output<string>;
  declare readonly caCertificate: pulumi.Output<string>;
  declare readonly hosts: pulumi.Output<string[]>;
  declare readonly commonName: pulumi.Output<string | null>;
  declare readonly expires: pulumi.Output<string | null>;
  declare readonly letsEncrypt: pulumi.Output<boolean>;

  constructor(name: string, args: SslCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serializableProvider(sslCertificateDefinition.kind),
      name,
      withCreationTag(sslCertificateDefinition.kind, name, { commonName: undefined, expires: undefined, letsEncrypt: undefined, ...args }, opts),
      withSecretOutputs(sslCertificateDefinition, opts),
      "zoneid",
      "SslCertificate",
    );
  }
}
