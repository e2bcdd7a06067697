import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";

/**
 * A vhost's domain name as Gandi stores it: ASCII (Punycode), lower case, no
 * trailing dot ("The FQDN must be encoded in ASCII form"). "café.example" is
 * accepted and becomes "xn--caf-dma.example" (`normalizeHostname`, shared with
 * the DNS resources).
 */
export const fqdnInput = z
  .string()
  .transform(normalizeHostname)
  .refine((name) => isHostname(name) && name.includes(".") && !name.includes("*"), "must be a fully qualified domain name such as www.example.com");
