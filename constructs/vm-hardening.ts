/**
 * VM isolation settings of the vSphere 8 Security Configuration & Hardening Guide (SCG 803-20260612-01,
 * controls vm-8.*; docs/vm-hardening.md), written into `extra_config` explicitly as audit evidence.
 * Applied with `extra_config_reboot_required = false`, so hardening never reboots a running VM:
 * the values take effect at the VM's next power cycle.
 */
export const VM_HARDENING_EXTRA_CONFIG: Readonly<Record<string, string>> = {
  "isolation.tools.copy.disable": "TRUE", // vm-8.deactivate-console-copy
  "isolation.tools.paste.disable": "TRUE", // vm-8.deactivate-console-paste
  "isolation.tools.dnd.disable": "TRUE", // vm-8.isolation-tools-dnd-deactivate
  "isolation.device.connectable.disable": "TRUE", // vm-8.isolation-device-connectable-deactivate
  "isolation.tools.diskShrink.disable": "TRUE", // vm-8.deactivate-disk-shrinking-shrink
  "isolation.tools.diskWiper.disable": "TRUE", // vm-8.deactivate-disk-shrinking-wiper
  "RemoteDisplay.maxConnections": "1", // vm-8.limit-console-connections
  "tools.guestlib.enableHostInfo": "FALSE", // vm-8.restrict-host-info
  "mks.enable3d": "FALSE", // vm-8.deactivate-non-essential-3d-features
  "log.keepOld": "10", // vm-8.log-retention
  "log.rotateSize": "2048000", // vm-8.log-rotation-size
  "tools.setInfo.sizeLimit": "1048576", // vm-8.limit-setinfo-size
  "tools.guest.desktop.autolock": "TRUE", // vm-8.vmrc-lock
};
