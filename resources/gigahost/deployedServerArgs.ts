// The inputs of a gigahost.DeployedServer: what a program writes, checked at `check`.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { timeoutsInput } from "../../provider/dynamic";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { vendorId } from "../vendorId";

export const BILLING_PERIODS = ["hourly", "monthly", "quarterly", "annual"] as const;

/** OpenSSH public key: type, base64 body, optional comment. */
export const SSH_PUBLIC_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]{16,}={0,3}( [^\r\n]*)?$/;

export const deployedServerArgs = z
  .object({
    productId: vendorId("the product id", "2058 (see getDeployCatalog)"),
    priceId: vendorId("the price id", "311 (see getDeployCatalog)"),
    regionId: vendorId("the region id", "1 (see getDeployCatalog)"),
    billingPeriod: z.enum(BILLING_PERIODS, { error: `must be one of ${BILLING_PERIODS.join(", ")}` }).default("monthly"),
    hostname: z
      .string()
      .transform(normalizeHostname)
      .refine((name) => isHostname(name), "must be a host name such as web1.example.no"),
    osId: vendorId("the operating system id", "101 (see getOperatingSystems)").optional(),
    isoId: vendorId("the ISO id", "12").optional(),
    rescue: z.boolean().optional(),
    sshKeys: z
      .array(z.string().trim().regex(SSH_PUBLIC_KEY, 'must be an OpenSSH public key such as "ssh-ed25519 AAAA… user@host"'))
      .default([]),
    backups: z.boolean().default(false),
    name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    const installs = [args.osId !== undefined, args.isoId !== undefined, args.rescue === true].filter(Boolean).length;
    if (installs !== 1) {
      context.addIssue({
        code: "custom",
        path: ["osId"],
        message: installs === 0 ? "set exactly one of osId, isoId or rescue: true (none is set)" : "set exactly one of osId, isoId or rescue: true (more than one is set)",
      });
    }
  });

/**
 * The arguments of a `DeployedServer`; see docs/gigahost.md, "DeployedServer (Gigahost)".
 * Set exactly one of `osId`, `isoId` and `rescue: true`. Every input but
 * `name` and `timeouts` replaces the server when changed: a new server is
 * ordered, then the old one is cancelled.
 */
export interface DeployedServerArgs {
  /** The product to order: a `productId` from `getDeployCatalog()`, digits, e.g. `"2058"`. Changing it replaces the server. */
  productId: pulumi.Input<string | number>;
  /** The product's price: its `priceId` from `getDeployCatalog()`, e.g. `"311"`. Changing it replaces the server. */
  priceId: pulumi.Input<string | number>;
  /** The datacenter region: one of the product's `regionIds` from `getDeployCatalog()`, e.g. `"1"`. Changing it replaces the server. */
  regionId: pulumi.Input<string | number>;
  /**
   * How the server is billed: `"hourly"` (where the product `allowsHourly`),
   * `"monthly"` (default), `"quarterly"` or `"annual"`. Changing it replaces the server.
   */
  billingPeriod?: pulumi.Input<(typeof BILLING_PERIODS)[number]>;
  /** The server's host name, e.g. `"web1.example.no"`; lower-cased. Changing it replaces the server. */
  hostname: pulumi.Input<string>;
  /**
   * Install this operating system: an `osId` from `getOperatingSystems()`,
   * e.g. `"101"`. Exactly one of `osId`, `isoId`, `rescue`. Changing it replaces the server.
   */
  osId?: pulumi.Input<string | number>;
  /** Boot this uploaded ISO instead of installing a system: its id, e.g. `"12"`. Changing it replaces the server. */
  isoId?: pulumi.Input<string | number>;
  /** `true` to boot the rescue system instead of installing a system. Changing it replaces the server. */
  rescue?: pulumi.Input<boolean>;
  /**
   * OpenSSH public keys to install for root, e.g. `["ssh-ed25519 AAAA… ops@example.no"]`
   * or an account key's `publicKey` output (`[deployKey.publicKey]`, see `SshKey`);
   * default none. Changing them replaces the server.
   */
  sshKeys?: pulumi.Input<pulumi.Input<string>[]>;
  /** Order backups with the server; default false. Changing it replaces the server. */
  backups?: pulumi.Input<boolean>;
  /**
   * The descriptive name shown in the control panel (`srv_label`), 1 to 255
   * characters, e.g. `"web-1"`. Unmanaged when unset. Changes in place.
   */
  name?: pulumi.Input<string>;
  /**
   * Deadlines for create (default 60m: the order and the installation),
   * update (60m) and delete (5m), e.g. `{ create: "2h" }`. Never causes a diff.
   */
  timeouts?: pulumi.Input<Timeouts>;
}
// `sshKeys` also takes outputs inside the list (`[deployKey.publicKey]`): Pulumi resolves them before check sees a string[].
type ArgsAreTheSchema = Assert<ArgsMatchSchema<Omit<DeployedServerArgs, "sshKeys"> & { sshKeys?: pulumi.Input<string[]> }, typeof deployedServerArgs>>;
export type DeployInputs = z.output<typeof deployedServerArgs>;
