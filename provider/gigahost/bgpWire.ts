import { z } from "zod";
import { flag, idString, optionalText } from "../lenient";
import { envelope } from "./envelope";

// ---- BGP (Gigahost's API documentation, "bgp") ----

export const asnWire = z.object({
  id: idString,
  asn: idString,
  asn_name: optionalText,
  asn_country: optionalText,
  status: z.string(),
  rejected_reason: optionalText,
});
export type AsnWire = z.infer<typeof asnWire>;

export const sessionWire = z.object({
  id: idString,
  asn_id: idString,
  srv_id: idString.nullish(),
  router_id: idString.nullish(),
  ip_id: idString,
  ip_type: z.string(),
  defaultroute: flag.nullish(),
  status: z.string(),
  neighbor_ipv4: optionalText,
  neighbor_ipv6: optionalText,
  router_asn: idString.nullish(),
  ip_address: optionalText,
});
export type SessionWire = z.infer<typeof sessionWire>;

export const bgpOverview = envelope(
  z.object({
    asn: z.array(asnWire).nullish().transform((list) => list ?? []),
    prefix_lists: z.array(z.unknown()).nullish().transform((list) => list ?? []),
    sessions: z.array(sessionWire).nullish().transform((list) => list ?? []),
  }),
);
export type BgpOverview = z.infer<typeof bgpOverview>["data"];

export interface SessionBody {
  redundant: 0 | 1;
  defaultroute: 0 | 1;
  ip_id_v4?: number;
  ip_id_v6?: number;
}

