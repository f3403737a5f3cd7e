/**
 * Reads every page of Dialogporten's paginated searches, and says so when it cannot. What it holds
 * in memory: the items it will output, the key of each (to output an item once), and a 16-byte
 * hash of each continuation token it used. Every page must add an item, so none of this outgrows
 * the output, and Return All's cap bounds the output.
 */
import { createHash } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { AnyContext } from '../auth';
import type { PaginatedList } from '../helpers/interfaces';
import { apiRequest, type ApiRequest } from './request';

/** Return All's default cap: enough for most searches, and bounded memory for n8n. */
export const RETURN_ALL_CAP = 100_000;

export interface ReturnAllCap {
	/** The most items Return All reads. */
	items: number;
	/** More pages after the cap: fail, or output what was read with a warning. */
	whenReached: 'error' | 'output';
}

export interface AllItemsOptions<T> {
	/** Stop after this many items, as a Limit does (not an error). */
	maxItems?: number;
	/** Return All's cap (default RETURN_ALL_CAP items, then an error); ignored with `maxItems`. */
	cap?: ReturnAllCap;
	/** What identifies an item (default its `id`); an item already read is not output again. */
	keyOf?: (item: T) => unknown;
}

function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('base64').slice(0, 22);
}

function hasHints(context: AnyContext): context is IExecuteFunctions {
	return typeof (context as Partial<IExecuteFunctions>).addExecutionHints === 'function';
}

/**
 * Follows `continuationToken` until `hasNextPage` is false, `maxItems` are read, or the cap is
 * reached. `request.qs.limit` is the page size (default 1000, the API's maximum). A token the
 * server already gave, or a page without a new item that says more follow, ends in an error that
 * says how far it got; nothing is output then.
 */
export async function apiRequestAllItems<T = IDataObject>(
	this: AnyContext,
	request: ApiRequest,
	options: AllItemsOptions<T> | number = {},
): Promise<T[]> {
	const { maxItems, cap, keyOf } = typeof options === 'number' ? { maxItems: options } : options;
	const limit = maxItems ?? cap?.items ?? RETURN_ALL_CAP;
	const key = keyOf ?? ((item: T) => (item as { id?: unknown } | null)?.id);
	const items: T[] = [];
	const keys = new Set<unknown>();
	const usedTokens = new Set<string>();
	const pageSize = Math.min(1000, Math.max(1, Number(request.qs?.limit ?? 1000)));
	let repeated = 0;
	let continuationToken: string | undefined;
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(this.getNode(), message, {
			description,
			itemIndex: request.itemIndex,
		});
	};
	const sofar = (pages: number) =>
		`${items.length} ${items.length === 1 ? 'item was' : 'items were'} read in ${pages} ${pages === 1 ? 'page' : 'pages'}; nothing is output.`;

	for (let page = 1; ; page++) {
		const response = (await apiRequest.call(this, {
			...request,
			qs: { ...request.qs, limit: Math.min(pageSize, limit - items.length), continuationToken },
		})) as PaginatedList<T>;
		let added = 0;
		for (const item of response?.items ?? []) {
			if (items.length >= limit) break;
			const id = key(item);
			if (id !== undefined && id !== null) {
				if (keys.has(id)) {
					repeated++;
					continue;
				}
				keys.add(id);
			}
			items.push(item);
			added++;
		}
		const next = response?.hasNextPage ? response.continuationToken || undefined : undefined;
		if (!next) break;
		if (items.length >= limit) {
			if (maxItems !== undefined) break;
			if (cap?.whenReached === 'output') {
				if (hasHints(this)) {
					this.addExecutionHints({
						message: `Return All stopped at its cap of ${limit} items: Dialogporten has more. Raise "Return All Cap" or narrow the search to get the rest.`,
						type: 'warning',
						location: 'outputPane',
					});
				}
				break;
			}
			fail(
				`Return All reached its cap of ${limit} items, and Dialogporten still has more`,
				`${sofar(page)} Raise "Return All Cap", narrow the search, or set "When the Cap Is Reached" to output the items read.`,
			);
		}
		if (usedTokens.has(tokenHash(next))) {
			fail(
				`Dialogporten repeated a continuation token (page ${page + 1} would be a page read before)`,
				`Return All stops instead of reading the same pages again. ${sofar(page)}`,
			);
		}
		if (added === 0) {
			fail(
				`Dialogporten returned page ${page} with no new items but says more follow`,
				`Return All stops instead of paging without end. ${sofar(page)}`,
			);
		}
		usedTokens.add(tokenHash(next));
		continuationToken = next;
	}
	if (repeated > 0 && hasHints(this)) {
		this.addExecutionHints({
			message: `${repeated} ${repeated === 1 ? 'item' : 'items'} appeared on more than one page (changed while the pages were read) and ${repeated === 1 ? 'is' : 'are'} output once, as first read.`,
			type: 'info',
			location: 'outputPane',
		});
	}
	return items;
}
