/**
 * Zones one exit away from a zone: the documents a world prefetches so crossing is instant.
 */
import type { Content } from '../../content/schema.ts';
import { compareCodeUnits } from '../../content/canonical.ts';

export function neighbourZones(content: Content, zone: string): string[] {
  const out = new Set<string>();
  for (const loc of content.locations.values()) {
    if (loc.zone !== zone) continue;
    for (const exit of loc.exits) {
      const z = content.locations.get(exit.to)?.zone;
      if (z && z !== zone) out.add(z);
    }
  }
  return [...out].sort(compareCodeUnits);
}
