/** Text that can stand in YAML as itself: a letter or digit first, then letters, digits, dots, slashes and hyphens. */
const PLAIN = /^[a-z0-9][a-z0-9./-]*$/;

/**
 * What YAML 1.2's core schema would read as something other than text among PLAIN's strings (yaml's
 * schema/core tags: null, booleans, octal, decimal and hexadecimal integers, floats), so that `yaml`
 * writes them quoted.
 */
const NOT_TEXT = [/^(?:null|true|false)$/, /^0o[0-7]+$/, /^[0-9]+$/, /^0x[0-9a-f]+$/, /^[0-9]+\.[0-9]*$/, /^[0-9]+(?:\.[0-9]*)?e-?[0-9]+$/];

/**
 * Whether `yaml`'s stringify writes this value as it is, unquoted, so that text put together by hand
 * is the text it would write (test/spec/lock-text.test.ts compares the two). Anything else: false.
 */
export function isPlainYamlText(value: unknown): value is string {
  return typeof value === "string" && PLAIN.test(value) && !NOT_TEXT.some((pattern) => pattern.test(value));
}
