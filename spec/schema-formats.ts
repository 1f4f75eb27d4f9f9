import type { Format } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats";
import { isDateInRange } from "./dates";
import { ipv4Problem, type Ipv4Form } from "./ipv4";

/** The schema formats of IPv4 values, all read by the one strict parser in spec/ipv4.ts. */
export const IPV4_FORMATS = new Map<string, Ipv4Form>([
  ["ipv4", "address"],
  ["ipv4-cidr", "network"],
  // An interface address with its prefix: host bits allowed (203.0.113.10/29).
  ["ipv4-cidr-host", "interface"],
]);

/** Our formats, beside (and for ipv4 instead of) ajv-formats' own: ajv-formats lets leading zeros through. */
export const OWN_FORMATS: Record<string, Format> = {
  ...Object.fromEntries(
    [...IPV4_FORMATS].map(([name, form]) => [name, { type: "string", validate: (text: string) => ipv4Problem(form, text) === undefined }]),
  ),
  "lock-date": { type: "string", validate: isDateInRange },
};

/**
 * Every format a schema may name, as the validators were generated with (schema/generate-validators.ts
 * adds ajv-formats' formats, then ours): spec/generated/schema-validators.js calls them from here.
 */
export const SCHEMA_FORMATS: Record<string, Format> = { ...fullFormats, ...OWN_FORMATS };
