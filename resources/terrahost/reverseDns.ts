import { ResourceClass, resourceClass } from "../../provider/resourceClass";
import { ReverseDnsArgs, reverseDnsDefinition, reverseDnsState } from "../gigahost/reverseDns";

// Annotated, because the state schema is declared in another module: the built
// declarations then name it, and editors find its doc comments (an inferred
// base class would inline the schema without them).
const ReverseDnsClass: ResourceClass<ReverseDnsArgs, typeof reverseDnsState> =
  resourceClass<ReverseDnsArgs>()(reverseDnsDefinition("terrahost"));

/** Reverse DNS of a Terrahost IPv4 address or IPv6 subnet (the Gigahost implementation, bound to Terrahost). */
export class ReverseDns extends ReverseDnsClass {}
