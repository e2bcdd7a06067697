import type * as pulumi from "@pulumi/pulumi";
import { BrandReverseDns, ReverseDnsArgs } from "../gigahost/reverseDns";

/** Reverse DNS of a Terrahost IPv4 address or IPv6 subnet (the Gigahost implementation, bound to Terrahost). */
export class ReverseDns extends BrandReverseDns {
  constructor(name: string, args: ReverseDnsArgs, opts?: pulumi.CustomResourceOptions) {
    super("terrahost", name, args, opts);
  }
}
