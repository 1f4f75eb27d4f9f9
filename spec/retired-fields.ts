import { pathOf, type SpecError } from "./spec-error";
import type { SpecFile } from "./spec-file";

/** A field that was removed, where it now goes, and what to write instead. */
interface RetiredField {
  pointer: string;
  replacedBy: string;
  message: string;
}

/** Removed because a free connection string had room for a password; its parts have none. */
const RETIRED: readonly RetiredField[] = [
  {
    pointer: "/state/pgHost",
    replacedBy: "/state/pg",
    message:
      'retired field "pgHost": write pg: { host, port, database, sslMode } instead, e.g. pg: { host: tfstate.example.org, database: terraform, sslMode: verify-full }; credentials come from PGUSER/PGPASSWORD at plan time',
  },
];

/** What the check found. */
export interface RetiredFieldCheck {
  /** One error per retired field present, at its key (the value is not shown). */
  errors: SpecError[];
  /** Whether a schema error at `pointer` is about a retired field or its missing replacement, which the error above explains. */
  explains(pointer: string): boolean;
}

function has(data: unknown, pointer: string): boolean {
  let node = data;
  for (const segment of pathOf(pointer)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

/** Reports the retired fields a spec file still uses, each with what to write instead. */
export function findRetiredFields(file: SpecFile): RetiredFieldCheck {
  const present = RETIRED.filter((field) => has(file.data, field.pointer));
  return {
    errors: present.map((field) => file.error(field.pointer, field.message, true)),
    explains: (pointer) => present.some((field) => pointer === field.pointer || pointer === field.replacedBy),
  };
}
