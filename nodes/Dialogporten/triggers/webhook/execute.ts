import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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
	const { processed } = await this.helpers.checkProcessedAndRecord(known, 'node', {
		mode: 'entries',
		maxEntries: SHARED_MAX_EVENT_IDS,
	});
	if (processed.length === 0) return [items];
	const repeated = new Set(processed.map(String));
	return [items.filter((_, i) => ids[i] === undefined || !repeated.has(ids[i]))];
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
