/**
 * Step-by-step progress for long local work (installing n8n, starting it, running workflows).
 * Each step prints when it starts and how long it took; a failing step is rethrown as a
 * `StepError` that names the step, so the demo and the test logs say where things went wrong.
 */

export type Logger = (line: string) => void;

export const defaultLogger: Logger = (line) => process.stdout.write(`${line}\n`);

export class StepError extends Error {
	constructor(
		readonly step: string,
		readonly reason: Error,
	) {
		super(`step "${step}" failed: ${reason.message}`);
		this.name = 'StepError';
	}
}

export function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	if (seconds < 60) return `${seconds.toFixed(1)} s`;
	const minutes = Math.floor(seconds / 60);
	return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export async function step<T>(log: Logger, name: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	log(`▶ ${name}`);
	try {
		const result = await work();
		log(`✔ ${name} (${formatSeconds(Date.now() - started)})`);
		return result;
	} catch (error) {
		log(`✖ ${name} (${formatSeconds(Date.now() - started)})`);
		if (error instanceof StepError) throw error;
		throw new StepError(name, error instanceof Error ? error : new Error(String(error)));
	}
}

/** Prints "still <doing> (elapsed)" every `everyMs` until the returned function is called. */
export function heartbeat(log: Logger, doing: string, everyMs = 30_000): () => void {
	const started = Date.now();
	const timer = setInterval(
		() => log(`  … still ${doing} (${formatSeconds(Date.now() - started)})`),
		everyMs,
	);
	timer.unref();
	return () => clearInterval(timer);
}
