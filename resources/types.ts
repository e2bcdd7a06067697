import type * as pulumi from "@pulumi/pulumi";

/** Resource arguments as a Pulumi program passes them: every property may be an Output. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };
