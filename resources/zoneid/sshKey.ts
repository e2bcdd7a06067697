import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { sshPublicKeyWire } from "../../provider/zoneid/serviceWire";
import { ArgsMatchSchema, Assert } from "../types";
import { HostingServiceArgs, hostingCollection } from "./hostingCollection";
import { comment } from "./hostingFields";
import { importByServiceItem, numberedPart } from "./importIds";

/** "type base64 [comment]" with the whitespace collapsed, so a pasted key with a trailing newline is the same key. */
export function normalizePublicKey(key: string): string {
  return key.trim().split(/\s+/).join(" ");
}

/** What a `SshKey` adds to its inputs in state; each property is an output. */
export const sshKeyState = stateSchema({
  /** The web hosting service's name. */
  service: z.string(),
  /** The public key, whitespace normalized. */
  publicKey: z.string(),
  /** The comment, without the creation tag ZoneID keeps on its last line. */
  comment: z.string(),
  /** The key's fingerprint as ZoneID computes it; null when ZoneID's answer omits it. */
  fingerprint: z.string().nullable(),
  /** The key's type as ZoneID reports it, e.g. "ssh-ed25519"; null when ZoneID's answer omits it. */
  keyType: z.string().nullable(),
  /** The key's size in bits; null when ZoneID's answer omits it. */
  size: z.number().nullable(),
});

const sshKey = hostingCollection({
  kind: "zoneid:SshKey",
  state: sshKeyState,
  noun: "SSH public key",
  collection: "ssh/publickey",
  wire: sshPublicKeyWire,
  fields: {
    publicKey: z
      .string({ error: "is required" })
      .transform(normalizePublicKey)
      .refine((key) => /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(key), "must be an OpenSSH public key (ssh-ed25519 AAAA…, ssh-rsa AAAA…, ecdsa-sha2-nistp256 AAAA…)"),
    comment,
  },
  idOf: (wire) => wire.identificator,
  key: { input: "publicKey", ofWire: (wire) => normalizePublicKey(wire.public_key) },
  // The API has no PUT for a key: a change is a new key.
  // The comment carries the creation tag on its last line (stripped on read, kept on update).
  creationTagField: { input: "comment", wire: "comment" },
  replaceOnChanges: ["publicKey", "comment"],
  secrets: [],
  updatable: false,
  toWire: (args) => ({ public_key: args.publicKey, comment: args.comment }),
  fromWire: (wire) => ({ publicKey: normalizePublicKey(wire.public_key), comment: wire.comment, fingerprint: wire.fingerprint, keyType: wire.type, size: wire.size }),
});

export const sshKeyArgs = sshKey.args;

/**
 * The arguments of an `SshKey` (`/vserver/{service}/ssh/publickey`); see
 * docs/zoneid.md. The API has no PUT for a key: changing any input replaces it.
 */
export interface SshKeyArgs extends HostingServiceArgs {
  /**
   * An OpenSSH public key, e.g. `"ssh-ed25519 AAAA… me@laptop"` (whitespace
   * normalized, so a trailing newline from a file is the same key). It identifies
   * the key. Changing it replaces the key.
   */
  publicKey: pulumi.Input<string>;
  /** Free text, at most 255 characters (default `""`). Changing it replaces the key. */
  comment?: pulumi.Input<string>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SshKeyArgs, typeof sshKeyArgs>>;
export const sshKeyDefinition: typeof sshKey.definition = {
  ...sshKey.definition,
  /**
   * `service/identificator`, e.g. `example.com/1234`: the web hosting service
   * and the number `GET /vserver/{service}/ssh/publickey` lists for the key
   * (the resource's id).
   */
  importId: importByServiceItem(numberedPart("identificator"), "example.com/1234"),
};

/** An SSH public key allowed to log in to a ZoneID web hosting service (`/vserver/{service}/ssh/publickey`); any change replaces it. */
export class SshKey extends resourceClass<SshKeyArgs>()(sshKeyDefinition) {}
