import { z } from "zod";
import { Brand } from "../../provider/gigahost/client";

/**
 * Gigahost and Terrahost run one platform (docs/gigahost.md): resources that
 * apply to both are implemented once, as `<thing>Definition(brand)`, and
 * registered under `gigahost:<Thing>` and `terrahost:<Thing>`.
 */
export type { Brand };

/** An id the vendor hands out: digits, given as a string or a number. */
export function vendorId(what: string, example: string) {
  return z
    .union([z.string(), z.number()], { error: `must be the ${what} (digits), e.g. ${example}` })
    .transform((value) => String(value).trim())
    .pipe(z.string().regex(/^\d+$/, `must be the ${what} (digits), e.g. ${example}`));
}
