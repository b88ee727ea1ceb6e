import { rmSync } from 'node:fs';
import { astroBuild, builtSite } from './build';

/** Builds the real site once into tests/.tmp/site, so the output tests read what this code makes. */
export default function setup() {
  rmSync(builtSite, { recursive: true, force: true });
  const { status, output } = astroBuild({ OUT_DIR: builtSite });
  if (status !== 0) throw new Error(`The site does not build:\n${output}`);
}
