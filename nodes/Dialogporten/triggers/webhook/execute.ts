import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_DEDUPE_WINDOW_HOURS } from '../fields';

/** Event ids n8n's de-duplication store keeps for one trigger node (the oldest are dropped first). */
export const SHARED_MAX_EVENT_IDS = 10_000;

/**
 * The trigger's step inside the execution. webhook() runs in the process Altinn's delivery reached
 * and remembers event ids only there; with several webhook processes (n8n's queue mode), or after a
 * restart, a repeated delivery can start a second execution. Here, inside that execution (on a
 * worker in queue mode), n8n's data de-duplication store decides: it is kept in n8n's database,
 * which every process shares, and n8n offers it to a node's execute() but not to webhook(). An
 * event id it already recorded for this trigger is dropped, so the execution ends here and no
 * other node sees the event again.
 *
 * Only executions started by a delivery are checked: a manual test event or a retry of a failed
 * execution runs on as before (a retry must not be dropped because its first attempt recorded it).
 */
export async function passNewEvents(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (this.getMode() !== 'webhook' || !dedupeEnabled(this)) return [items];
	const ids = items.map((item) => eventIdOf(item));
	const known = ids.filter((id): id is string => id !== undefined);
	if (known.length === 0) return [items];
	const repeated = await recordEventIds.call(this, known);
	if (repeated.size === 0) return [items];
	return [items.filter((_, i) => ids[i] === undefined || !repeated.has(ids[i]))];
}

/** Writes to n8n's de-duplication store before the events pass unchecked. */
const STORE_ATTEMPTS = 3;

/**
 * Records the ids in n8n's store and returns those it already held. n8n on Postgres refuses a
 * write that raced another process's (queue mode: two workers recording a trigger's first events
 * at once fail with a duplicate key); written again, it finds the other's list. Should the store
 * keep failing, the events pass unchecked: a repeat may then run twice, where an error would lose
 * an event Altinn has already been told was received.
 */
async function recordEventIds(this: IExecuteFunctions, ids: string[]): Promise<Set<string>> {
	for (let attempt = 1; ; attempt++) {
		try {
			const { processed } = await this.helpers.checkProcessedAndRecord(ids, 'node', {
				mode: 'entries',
				maxEntries: SHARED_MAX_EVENT_IDS,
			});
			return new Set(processed.map(String));
		} catch (error) {
			if (attempt >= STORE_ATTEMPTS) {
				this.logger.warn(
					`Dialogporten Trigger: n8n's de-duplication store failed ${attempt} times (${(error as Error).message}); the events pass unchecked`,
				);
				return new Set();
			}
			// Apart, so that the racing writes do not meet again.
			await sleep(20 * attempt + Math.floor(Math.random() * 30));
		}
	}
}

function dedupeEnabled(context: IExecuteFunctions): boolean {
	const hours = context.getNodeParameter(
		'options.dedupeWindowHours',
		0,
		DEFAULT_DEDUPE_WINDOW_HOURS,
	);
	return !(typeof hours === 'number' && hours <= 0);
}

function eventIdOf(item: INodeExecutionData): string | undefined {
	const id = item.json?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}
