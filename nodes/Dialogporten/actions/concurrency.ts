/**
 * Opt-in concurrency for the per-item loop: up to MAX_CONCURRENCY items in flight at once, each
 * result kept with its item and output in input order. 1 (the default) is the sequential loop.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const MAX_CONCURRENCY = 16;

export const concurrencyField: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	description: `How many input items to process at the same time, at most ${MAX_CONCURRENCY}. 1 processes them one after another. The output keeps the order of the input items, and a rate limit (429 or 503 with Retry-After) pauses every item.`,
};

/** The Concurrency parameter, checked: a whole number from 1 to MAX_CONCURRENCY. */
export function concurrencyOf(this: IExecuteFunctions): number {
	const value = Number(this.getNodeParameter('concurrency', 0, 1));
	if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
		throw new NodeOperationError(
			this.getNode(),
			`Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`,
		);
	}
	return value;
}

/**
 * Runs `work` for item indexes 0…count-1 with at most `lanes` in flight, resolving to the results in
 * index order. When one item fails, no further item starts; the items in flight finish, and the
 * failure of the lowest failed index is thrown (what a sequential loop would have thrown first).
 */
export async function inLanes<T>(
	count: number,
	lanes: number,
	work: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	// The lowest failed index so far (Infinity while none failed) and its error.
	let failedIndex = Number.POSITIVE_INFINITY;
	let failure: unknown;
	const lane = async (): Promise<void> => {
		while (failedIndex === Number.POSITIVE_INFINITY && next < count) {
			const index = next++;
			try {
				results[index] = await work(index);
			} catch (error) {
				if (index < failedIndex) {
					failedIndex = index;
					failure = error;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(lanes, count) }, lane));
	if (failedIndex !== Number.POSITIVE_INFINITY) throw failure;
	return results;
}
