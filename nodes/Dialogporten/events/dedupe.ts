import type { IDataObject } from 'n8n-workflow';

/** Upper bound on remembered ids, so the node's static data stays small whatever the traffic. */
export const MAX_REMEMBERED_IDS = 1000;

/** [event id, epoch milliseconds when it was first emitted], oldest first. */
type Seen = Array<[string, number]>;

/**
 * Ids remembered in this process, by workflow and node. n8n (2.41) does not save static data that
 * webhook() changed when the same request starts an execution: starting the run resets the
 * "changed" mark before n8n checks it. Static data alone would therefore forget every emitted id,
 * so the ids are also kept here; static data still carries them where n8n does save it.
 */
const memory = new Map<string, Seen>();

function readSeen(value: unknown): Seen {
	if (!Array.isArray(value)) return [];
	return value.filter(
		(entry): entry is [string, number] =>
			Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
	);
}

function merge(a: Seen, b: Seen): Seen {
	const first = new Map<string, number>();
	for (const [id, at] of [...a, ...b]) {
		const known = first.get(id);
		if (known === undefined || at < known) first.set(id, at);
	}
	return [...first.entries()].sort((x, y) => x[1] - y[1]);
}

/**
 * Remembers event ids for a bounded time (and count) in the node's static data and in this
 * process. Altinn Events and Dialogporten both retry with the same CloudEvent `id`, Events for up
 * to about 1.5 days, so the default window is two days.
 */
export class EventIdWindow {
	private seen: Seen;

	constructor(
		private readonly staticData: IDataObject,
		private readonly windowMs: number,
		private readonly now: number,
		private readonly memoryKey?: string,
		private readonly maxIds = MAX_REMEMBERED_IDS,
	) {
		const oldest = now - windowMs;
		const remembered = memoryKey === undefined ? [] : (memory.get(memoryKey) ?? []);
		this.seen = merge(readSeen(staticData.seenEventIds), remembered).filter(
			([, at]) => at >= oldest,
		);
	}

	get enabled(): boolean {
		return this.windowMs > 0;
	}

	has(id: string): boolean {
		return this.enabled && this.seen.some(([seenId]) => seenId === id);
	}

	add(id: string): void {
		if (!this.enabled) return;
		this.seen.push([id, this.now]);
		if (this.seen.length > this.maxIds) this.seen = this.seen.slice(this.seen.length - this.maxIds);
	}

	/** Writes the pruned list back; removes it entirely when deduplication is off. */
	save(): void {
		if (!this.enabled || this.seen.length === 0) {
			delete this.staticData.seenEventIds;
			if (this.memoryKey !== undefined) memory.delete(this.memoryKey);
			return;
		}
		this.staticData.seenEventIds = this.seen as unknown as IDataObject[];
		if (this.memoryKey !== undefined) memory.set(this.memoryKey, [...this.seen]);
	}
}

/** Forgets the ids remembered in this process for one workflow node (on deactivation). */
export function forgetRememberedIds(memoryKey: string): void {
	memory.delete(memoryKey);
}

export function dedupeMemoryKey(workflowId: string | undefined, nodeName: string): string {
	return `${workflowId ?? ''}\u0000${nodeName}`;
}
