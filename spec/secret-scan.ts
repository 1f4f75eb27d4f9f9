import { pointerOf, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

/** Keys that name a credential. Such a value in a spec file would end up in git and in synthesized JSON. */
const SECRET_KEY = /(^|[-_])?(pass(word|wd|phrase)?|secret|token|api-?key|private-?key|credentials?)$/i;
/** user:password@ inside a URL. */
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;
/** password=... as a URL parameter or in a keyword=value connection string. */
const SECRET_PARAMETER = /(^|[?&;\s])(pass(word|wd)?|pwd|secret|token|api-?key|access-?key|secret-?key)=[^&;\s]/i;

const HOW =
  "credentials are supplied at plan time (sensitive Terraform variables or the provider's environment variables), never written in spec files";

/**
 * Finds passwords and tokens written into a spec file. The value is never echoed back.
 * Returns the pointers it flagged so schema errors about the same keys can be dropped.
 */
export function findSecrets(file: SpecFile): { errors: SpecError[]; pointers: Set<string> } {
  const errors: SpecError[] = [];
  const pointers = new Set<string>();
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, [...path, i]));
    if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const here = [...path, key];
        if (SECRET_KEY.test(key) && child !== null && child !== "" && typeof child !== "boolean") {
          const pointer = pointerOf(here);
          pointers.add(pointer);
          errors.push(file.error(pointer, `found a credential in field "${key}"; ${HOW}`, true));
        } else {
          visit(child, here);
        }
      }
      return;
    }
    if (typeof value === "string" && (URL_USERINFO.test(value) || SECRET_PARAMETER.test(value))) {
      const pointer = pointerOf(path);
      pointers.add(pointer);
      const what = URL_USERINFO.test(value)
        ? "a user name and password inside a URL"
        : "a credential written as a parameter (password=..., token=...)";
      errors.push(file.error(pointer, `found ${what}; ${HOW}`));
    }
  };
  visit(file.data, []);
  return { errors, pointers };
}
