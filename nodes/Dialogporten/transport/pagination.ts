/** Reads every page of Dialogporten's paginated searches. */
import type { IDataObject } from 'n8n-workflow';
import type { AnyContext } from '../auth';
import type { PaginatedList } from '../helpers/interfaces';
import { apiRequest, type ApiRequest } from './request';

/** A guard against a server that never says the last page came. */
const MAX_PAGES = 10_000;

/**
 * Follows `continuationToken` until `hasNextPage` is false (or `maxItems` are collected).
 * `request.qs.limit` is the page size (default 1000, the API's maximum).
 */
export async function apiRequestAllItems<T = IDataObject>(
	this: AnyContext,
	request: ApiRequest,
	maxItems?: number,
): Promise<T[]> {
	const items: T[] = [];
	const pageSize = Math.min(1000, Math.max(1, Number(request.qs?.limit ?? 1000)));
	let continuationToken: string | undefined;
	const seenTokens = new Set<string>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const remaining =
			maxItems === undefined ? pageSize : Math.min(pageSize, maxItems - items.length);
		const response = (await apiRequest.call(this, {
			...request,
			qs: { ...request.qs, limit: remaining, continuationToken },
		})) as PaginatedList<T>;
		items.push(...(response?.items ?? []));
		if (!response?.hasNextPage || !response.continuationToken) break;
		if (maxItems !== undefined && items.length >= maxItems) break;
		if (seenTokens.has(response.continuationToken)) break;
		seenTokens.add(response.continuationToken);
		continuationToken = response.continuationToken;
	}
	return maxItems === undefined ? items : items.slice(0, maxItems);
}
