// Global setup of the reliability suite: a fresh directory for the per-file counts (counts.ts).
// Jest starts its workers after this, so they inherit the variable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RELIABILITY_DIR_VARIABLE } from './counts';

export default function setup(): void {
	process.env[RELIABILITY_DIR_VARIABLE] = mkdtempSync(
		path.join(tmpdir(), 'dialogporten-reliability-'),
	);
}
