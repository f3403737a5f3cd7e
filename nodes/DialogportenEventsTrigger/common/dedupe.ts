import type { IDataObject } from 'n8n-workflow';

/** Upper bound on remembered ids, so the node's static data stays small whatever the traffic. */
export const MAX_REMEMBERED_IDS = 1000;

/** [event id, epoch milliseconds when it was first emitted], oldest first. */
type Seen = Array<[string, number]>;

function readSeen(staticData: IDataObject): Seen {
	const value = staticData.seenEventIds;
	if (!Array.isArray(value)) return [];
	return value.filter(
		(entry): entry is [string, number] =>
			Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
	);
}

/**
 * Remembers event ids for a bounded time (and count) in the node's static data. Altinn Events and
 * Dialogporten both retry with the same CloudEvent `id`, Events for up to about 1.5 days, so the
 * default window is two days.
 */
export class EventIdWindow {
	private seen: Seen;

	constructor(
		private readonly staticData: IDataObject,
		private readonly windowMs: number,
		private readonly now: number,
		private readonly maxIds = MAX_REMEMBERED_IDS,
	) {
		const oldest = now - windowMs;
		this.seen = readSeen(staticData).filter(([, at]) => at >= oldest);
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
			return;
		}
		this.staticData.seenEventIds = this.seen as unknown as IDataObject[];
	}
}
