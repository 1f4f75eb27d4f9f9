import { lineFinder } from "../../../cli/clone/line-finder";
import { locateNotes } from "../../../cli/clone/review-notes";

const TEXT = [
  "# a comment",
  "tenant: nyby", // 2
  "name: Nyby kommune", // 3
  "legal:", // 4
  "  legalEntity: Nyby kommune", // 5
  '  onboardingUntil: "2027-02-20"', // 6
  "  processingStarted: false", // 7
  "workloads:", // 8
  "  - name: nyb-dc01", // 9
  "    size: dc", // 10
  "  - { name: nyb-dc02, size: dc }", // 11
  "  - name: app", // 12
  '    namePattern: "nyb-app{n:02}"', // 13
  "firewall:", // 14
  "  flows:", // 15
  "    - { id: 4010, from: zone:servere, to: shared:dns }", // 16
  "",
].join("\n");

const lineOfPath = (path: (string | number)[]) => locateNotes(TEXT, [{ path, text: "x" }])[0].line;

describe("locateNotes: the line of each note's path", () => {
  test("a key of a mapping: the line of the key", () => {
    expect(lineOfPath(["tenant"])).toBe(2);
    expect(lineOfPath(["legal", "processingStarted"])).toBe(7);
    expect(lineOfPath(["legal", "onboardingUntil"])).toBe(6);
    expect(lineOfPath(["firewall", "flows"])).toBe(15);
    expect(lineOfPath(["workloads"])).toBe(8);
  });

  test("a string under a sequence names the item whose name it is, block or flow style", () => {
    expect(lineOfPath(["workloads", "nyb-dc01"])).toBe(9);
    expect(lineOfPath(["workloads", "nyb-dc02"])).toBe(11);
    expect(lineOfPath(["workloads", "app"])).toBe(12);
    expect(lineOfPath(["workloads", "nyb-dc01", "size"])).toBe(10);
  });

  test("a number under a sequence is an index", () => {
    expect(lineOfPath(["workloads", 2])).toBe(12);
    expect(lineOfPath(["firewall", "flows", 0])).toBe(16);
  });

  test("a path that is not there points at line 1", () => {
    expect(lineOfPath(["dns"])).toBe(1);
    expect(lineOfPath(["workloads", "nyb-sql01"])).toBe(1);
  });

  test("a note with a line keeps it; the notes come back in line order", () => {
    const notes = locateNotes(TEXT, [
      { path: ["firewall", "flows"], text: "flows" },
      { path: [], line: 340, text: "dropped flow" },
      { path: ["tenant"], text: "tenant" },
    ]);
    expect(notes.map((n) => [n.line, n.text])).toEqual([
      [2, "tenant"],
      [15, "flows"],
      [340, "dropped flow"],
    ]);
  });
});

describe("lineFinder", () => {
  test("the 1-based line of an offset, the first and last character of each line included", () => {
    const line = lineFinder("ab\ncd\n\nef");
    expect([0, 1, 2, 3, 5, 6, 7, 8].map(line)).toEqual([1, 1, 1, 2, 2, 3, 4, 4]);
  });
});
