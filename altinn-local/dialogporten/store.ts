// The in-memory dialog store, indexed for search: by id, by party, by service owner, and one sorted
// list per ordering that is rebuilt lazily after changes. Keyset paging (the continuation token
// carries the sort key of the last item) finds its place with a binary search, so a page over
// 100 000 dialogs costs about `limit` predicate checks.
import type { StoredDialog } from './model';

export type OrderField = 'createdAt' | 'updatedAt' | 'contentUpdatedAt' | 'dueAt';
export interface OrderTerm {
	field: OrderField;
	desc: boolean;
}

const FIELD_NAMES: Record<string, OrderField> = {
	createdat: 'createdAt',
	updatedat: 'updatedAt',
	contentupdatedat: 'contentUpdatedAt',
	dueat: 'dueAt',
};

/** Parses `field[_asc|_desc]` terms joined by commas (case-insensitive); default direction is descending. */
export function parseOrderBy(value: string | undefined): OrderTerm[] | string {
	if (value === undefined || value.trim() === '')
		return [{ field: 'contentUpdatedAt', desc: true }];
	const terms: OrderTerm[] = [];
	for (const raw of value.split(',')) {
		const m = /^\s*([a-z]+?)(?:_(asc|desc))?\s*$/i.exec(raw);
		const field = m ? FIELD_NAMES[m[1].toLowerCase()] : undefined;
		if (!m || !field)
			return `Invalid orderBy term '${raw.trim()}'. Valid fields are createdAt, updatedAt, contentUpdatedAt and dueAt, optionally suffixed _asc or _desc`;
		if (terms.some((t) => t.field === field))
			return `orderBy field '${field}' is given more than once`;
		terms.push({ field, desc: (m[2] ?? 'desc').toLowerCase() === 'desc' });
	}
	return terms;
}

export function orderByString(terms: OrderTerm[]): string {
	return [
		...terms.map((t) => `${t.field.toLowerCase()}_${t.desc ? 'desc' : 'asc'}`),
		'id_desc',
	].join(',');
}

type Key = { values: Array<number | null>; id: string };

function value(d: StoredDialog, field: OrderField): number | null {
	const v = d[field];
	return v === undefined ? null : v;
}

/** Postgres semantics: nulls sort last ascending and first descending. */
function compareValues(a: number | null, b: number | null, desc: boolean): number {
	if (a === b) return 0;
	if (a === null) return desc ? -1 : 1;
	if (b === null) return desc ? 1 : -1;
	return desc ? b - a : a - b;
}

function compareKeys(a: Key, b: Key, terms: OrderTerm[]): number {
	for (let i = 0; i < terms.length; i++) {
		const c = compareValues(a.values[i], b.values[i], terms[i].desc);
		if (c !== 0) return c;
	}
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function keyOf(d: StoredDialog, terms: OrderTerm[]): Key {
	return { values: terms.map((t) => value(d, t.field)), id: d.id };
}

export function encodeContinuationToken(d: StoredDialog, terms: OrderTerm[]): string {
	const parts = terms.map((t) => {
		const v = value(d, t.field);
		return `${t.field.toLowerCase()}_${v === null ? 'null' : new Date(v).toISOString()}`;
	});
	return [...parts, `id_${d.id}`].join(',');
}

export function decodeContinuationToken(token: string, terms: OrderTerm[]): Key | undefined {
	const parts = token.split(',');
	if (parts.length !== terms.length + 1) return undefined;
	const values: Array<number | null> = [];
	for (let i = 0; i < terms.length; i++) {
		const prefix = `${terms[i].field.toLowerCase()}_`;
		if (!parts[i].startsWith(prefix)) return undefined;
		const raw = parts[i].slice(prefix.length);
		if (raw === 'null') values.push(null);
		else {
			const ms = Date.parse(raw);
			if (Number.isNaN(ms)) return undefined;
			values.push(ms);
		}
	}
	const last = parts[parts.length - 1];
	if (!last.startsWith('id_')) return undefined;
	return { values, id: last.slice(3) };
}

export interface Page {
	items: StoredDialog[];
	hasNextPage: boolean;
	continuationToken: string | null;
}

export class DialogStore {
	readonly byId = new Map<string, StoredDialog>();
	private readonly byParty = new Map<string, Set<StoredDialog>>();
	private readonly byOrg = new Map<string, Set<StoredDialog>>();
	private readonly byIdempotentKey = new Map<string, StoredDialog>();
	private readonly sorted = new Map<string, StoredDialog[]>();

	get size(): number {
		return this.byId.size;
	}

	add(d: StoredDialog): void {
		this.byId.set(d.id, d);
		index(this.byParty, d.party, d);
		index(this.byOrg, d.org, d);
		if (d.idempotentKey) this.byIdempotentKey.set(`${d.org}\u0000${d.idempotentKey}`, d);
		this.sorted.clear();
	}

	/** Adds many dialogs at once (seeding): one index pass, sorted lists built on first search. */
	addMany(dialogs: StoredDialog[]): void {
		for (const d of dialogs) {
			this.byId.set(d.id, d);
			index(this.byParty, d.party, d);
			index(this.byOrg, d.org, d);
			if (d.idempotentKey) this.byIdempotentKey.set(`${d.org}\u0000${d.idempotentKey}`, d);
		}
		this.sorted.clear();
	}

	remove(d: StoredDialog): void {
		this.byId.delete(d.id);
		this.byParty.get(d.party)?.delete(d);
		this.byOrg.get(d.org)?.delete(d);
		if (d.idempotentKey) this.byIdempotentKey.delete(`${d.org}\u0000${d.idempotentKey}`);
		this.sorted.clear();
	}

	/** Call after changing a field that search orders by. */
	touched(): void {
		this.sorted.clear();
	}

	get(id: string): StoredDialog | undefined {
		return this.byId.get(id);
	}

	byIdempotent(org: string, key: string): StoredDialog | undefined {
		return this.byIdempotentKey.get(`${org}\u0000${key}`);
	}

	partySize(party: string): number {
		return this.byParty.get(party)?.size ?? 0;
	}

	forParty(party: string): Iterable<StoredDialog> {
		return this.byParty.get(party) ?? [];
	}

	forOrg(org: string): Iterable<StoredDialog> {
		return this.byOrg.get(org) ?? [];
	}

	private sortedList(terms: OrderTerm[]): StoredDialog[] {
		const cacheKey = orderByString(terms);
		let list = this.sorted.get(cacheKey);
		if (!list) {
			const keyed = [...this.byId.values()].map((d) => ({ d, k: keyOf(d, terms) }));
			keyed.sort((a, b) => compareKeys(a.k, b.k, terms));
			list = keyed.map((x) => x.d);
			this.sorted.set(cacheKey, list);
		}
		return list;
	}

	/**
	 * One page of the dialogs matching `predicate`, in `terms` order, after `cursor`.
	 * `candidates` narrows the scan when the caller knows a small superset (e.g. a few parties).
	 */
	page(
		terms: OrderTerm[],
		predicate: (d: StoredDialog) => boolean,
		limit: number,
		cursor?: Key,
		candidates?: StoredDialog[],
	): Page {
		let list: StoredDialog[];
		let start = 0;
		if (candidates && candidates.length < 2000) {
			const keyed = candidates.filter(predicate).map((d) => ({ d, k: keyOf(d, terms) }));
			keyed.sort((a, b) => compareKeys(a.k, b.k, terms));
			list = keyed.map((x) => x.d);
			if (cursor) start = lowerBound(list, (d) => compareKeys(keyOf(d, terms), cursor, terms) > 0);
			return slice(list, start, limit, terms, () => true);
		}
		list = this.sortedList(terms);
		if (cursor) start = lowerBound(list, (d) => compareKeys(keyOf(d, terms), cursor, terms) > 0);
		return slice(list, start, limit, terms, predicate);
	}
}

function index(map: Map<string, Set<StoredDialog>>, key: string, d: StoredDialog): void {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(d);
}

/** First index where `after` holds (the list is partitioned: false... then true...). */
function lowerBound(list: StoredDialog[], after: (d: StoredDialog) => boolean): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (after(list[mid])) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function slice(
	list: StoredDialog[],
	start: number,
	limit: number,
	terms: OrderTerm[],
	predicate: (d: StoredDialog) => boolean,
): Page {
	const items: StoredDialog[] = [];
	let i = start;
	for (; i < list.length && items.length < limit; i++) if (predicate(list[i])) items.push(list[i]);
	let hasNextPage = false;
	for (; i < list.length; i++) {
		if (predicate(list[i])) {
			hasNextPage = true;
			break;
		}
	}
	const last = items[items.length - 1];
	return {
		items,
		hasNextPage,
		continuationToken: hasNextPage && last ? encodeContinuationToken(last, terms) : null,
	};
}
