import { sites, SITE } from "../spec-error-matchers";
import { stackJson, synthOk } from "../helpers";

/**
 * facility.defaultSource is the source of the facility section's facts (the power drawing), not of
 * rooms, racks or backup copies (issue 10): each object's source is its own, or its section's default.
 * The tiny site's facility.defaultSource is "Tinyby room drawing E-100 rev 3"; its room and racks and
 * its backup section name no source.
 */
type Json = Record<string, any>;
const inputs = (out: string): Record<string, Json> =>
  Object.fromEntries(Object.entries(stackJson(out, "tiny-facility").resource.terraform_data).map(([k, v]: [string, any]) => [k, v.input]));
const DRAWING = { document: "Tinyby room drawing E-100 rev 3", verified: "2026-09-01" };

test("rooms, racks and backup copies do not take the facility's default source; its boards and devices do", () => {
  const o = inputs(synthOk(sites()));
  expect(o["board_board-a"].source).toEqual(DRAWING);
  expect(o.device_core1.source).toEqual(DRAWING);
  expect(o.device_esx01.source).toEqual(DRAWING);
  expect(o["room_room-a"]).not.toHaveProperty("source");
  expect(o.rack_r1).not.toHaveProperty("source");
  expect(o["backup-copy_gold-local"]).not.toHaveProperty("source");
});

test("a room's own source goes to it and its racks; backup.defaultSource to the copies and repositories", () => {
  const fire = '{ document: "Fire drawing B-1", verified: "2026-04-01" }';
  const concept = '{ document: "Backup concept BK-3", verified: "2026-05-01" }';
  const o = inputs(
    synthOk(
      sites(
        [SITE, "    epoZone: EPO1\n", `    epoZone: EPO1\n    source: ${fire}\n`],
        [
          SITE,
          "backup:\n  room: room-a\n",
          `backup:\n  room: room-a\n  defaultSource: ${concept}\n  repositories:\n    - { id: repo1, rack: r2, model: Dell R760xd2, capacityTb: 200, immutable: true }\n`,
        ],
      ),
    ),
  );
  expect(o["room_room-a"].source).toEqual({ document: "Fire drawing B-1", verified: "2026-04-01" });
  expect(o.rack_r1.source).toEqual({ document: "Fire drawing B-1", verified: "2026-04-01" });
  expect(o["backup-copy_gold-local"].source).toEqual({ document: "Backup concept BK-3", verified: "2026-05-01" });
  expect(o.device_repo1.source).toEqual({ document: "Backup concept BK-3", verified: "2026-05-01" });
  expect(o["board_board-a"].source).toEqual(DRAWING);
});
