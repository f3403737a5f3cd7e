/**
 * When a request is sent again: a 429 or 503 waits as its `Retry-After` says (seconds or an HTTP
 * date), within a bounded number of attempts and a longest single wait, and the wait holds back
 * every request of the same node run.
 */
import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Retries after the first attempt. Default 3. */
	maxRetries?: number;
	/** The longest single wait; a longer `Retry-After` fails at once. Default 30 s. */
	maxWaitSeconds?: number;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_MAX_WAIT_SECONDS = 30;

export function retryLimits(policy: RetryPolicy | undefined): {
	maxRetries: number;
	maxWaitMs: number;
} {
	return {
		maxRetries: policy?.maxRetries ?? DEFAULT_RETRIES,
		maxWaitMs: (policy?.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS) * 1000,
	};
}

/** Seconds or an HTTP date → milliseconds to wait; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Until when the requests of one node run wait (epoch ms). A 429 or 503 with Retry-After sets it, so
 * that items processed at the same time (Concurrency) all hold back, not only the one told to.
 */
const pausedUntil = new WeakMap<object, number>();

export function pauseRequests(context: object, waitMs: number): void {
	pausedUntil.set(context, Math.max(pausedUntil.get(context) ?? 0, Date.now() + waitMs));
}

export async function waitForPause(context: object): Promise<void> {
	const waitMs = (pausedUntil.get(context) ?? 0) - Date.now();
	if (waitMs > 0) await sleep(waitMs);
}
