/**
 * What the reliability suite (`*.reliability.test.ts`) survived, counted across its files: each
 * file adds its counts here, and the suite's global teardown (report.ts) sums them and prints one
 * line. The files run in separate Jest workers, so the counts go through a file in the directory
 * the global setup names in the environment.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';

export interface ReliabilityCounts {
	/** Fault scenarios injected through the stand-in. */
	faults: number;
	/** Of those, the ones whose expected outcome held. */
	survived: number;
	/** Bad inputs refused with a clear error and no request. */
	badInputs: number;
	/** Generated cases the property-based tests ran. */
	fuzzCases: number;
	/** Secrets the scan found in what the suite's runs showed (outputs, errors, logs). */
	leaks: number;
}

export const RELIABILITY_DIR_VARIABLE = 'DIALOGPORTEN_RELIABILITY_DIR';
export const COUNTS_FILE = 'counts.jsonl';

export function emptyCounts(): ReliabilityCounts {
	return { faults: 0, survived: 0, badInputs: 0, fuzzCases: 0, leaks: 0 };
}

/** Adds one file's counts to the suite's total (a no-op when the suite's setup did not run). */
export function recordCounts(file: string, counts: Partial<ReliabilityCounts>): void {
	const dir = process.env[RELIABILITY_DIR_VARIABLE];
	if (!dir) return;
	appendFileSync(
		path.join(dir, COUNTS_FILE),
		`${JSON.stringify({ file: path.basename(file), ...counts })}\n`,
	);
}

export function sumCounts(lines: string[]): ReliabilityCounts {
	const total = emptyCounts();
	for (const line of lines) {
		const entry = JSON.parse(line) as Partial<ReliabilityCounts>;
		for (const key of Object.keys(total) as Array<keyof ReliabilityCounts>)
			total[key] += Number(entry[key] ?? 0);
	}
	return total;
}

export function reportLine(total: ReliabilityCounts): string {
	return `reliability: faults=${total.faults} survived=${total.survived} bad_inputs=${total.badInputs} fuzz_cases=${total.fuzzCases} leaks=${total.leaks}`;
}

/**
 * Counts promise rejections nobody handled while a fuzz file runs (Node reports them on the
 * process); `stop()` removes the listener and returns what it saw.
 */
export function watchUnhandledRejections(): { stop: () => unknown[] } {
	const seen: unknown[] = [];
	const listener = (reason: unknown) => seen.push(reason);
	process.on('unhandledRejection', listener);
	return {
		stop: () => {
			process.off('unhandledRejection', listener);
			return seen;
		},
	};
}
