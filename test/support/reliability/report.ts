// Global teardown of the reliability suite: sums what every file recorded and prints
// `reliability: faults=N survived=N bad_inputs=N fuzz_cases=N leaks=N`. A fault not survived or a
// leak fails its own test; this line is the account of the whole run.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { COUNTS_FILE, RELIABILITY_DIR_VARIABLE, reportLine, sumCounts } from './counts';

export default function report(): void {
	const dir = process.env[RELIABILITY_DIR_VARIABLE];
	if (!dir) return;
	const file = path.join(dir, COUNTS_FILE);
	const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
	console.log(`\n${reportLine(sumCounts(lines))}`);
	rmSync(dir, { recursive: true, force: true });
}
