import { Construct } from "constructs";
import type { SiteFile } from "../spec/types";
import { FacilityObject } from "./facility-object";

export interface RoomInventoryProps {
  /** The site spec: rooms, racks, syslog targets. */
  readonly site: SiteFile;
}

/**
 * The physical rooms and racks of a site and its log collectors, as facility objects in the facility
 * stack. The backup room, power and cooling come with their own constructs.
 */
export class RoomInventory extends Construct {
  constructor(scope: Construct, id: string, { site }: RoomInventoryProps) {
    super(scope, id);
    const s = site.site;
    for (const room of site.rooms) {
      new FacilityObject(this, s, "room", room.id, {
        roomType: room.type,
        building: room.building,
        fireCell: room.fireCell,
        epoZone: room.epoZone,
        protectionClass: room.protectionClass,
        fireSuppression: room.fireSuppression,
      });
    }
    for (const rack of site.racks) new FacilityObject(this, s, "rack", rack.id, { roomId: rack.room, designKw: rack.designKw });
    for (const target of site.syslog) {
      new FacilityObject(this, s, "log-collector", target.host, { port: target.port, tls: target.protocol === "tls", protocol: target.protocol, retentionMonths: target.retentionMonths });
    }
  }
}
