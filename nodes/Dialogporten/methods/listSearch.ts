import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type {
	AuthorizedParty,
	DialogportenApi,
	PaginatedList,
	PartiesResponse,
} from '../helpers/interfaces';
import { pickLocalized, statusInWords } from '../helpers/simplify';
import { apiBase, ENDUSER, getApi } from '../helpers/utils';
import { searchHints } from '../helpers/errorMessages';
import { apiRequest, resolveRequestTarget } from '../transport';
import { flattenParties } from '../actions/party/getMany.operation';

function partyLabel(party: IDataObject): string {
	const id = String(party.party ?? '')
		.split(':')
		.pop();
	const parent = party.parentParty ? ' – sub-unit' : '';
	return `${party.name ?? id} (${id}${parent})`;
}

/** Parties the end user may act for, sub-units included, filtered by name or number. */
export async function searchParties(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	if (getApi.call(this) !== 'enduser') return { results: [] };
	const response = (await apiRequest.call(this, {
		api: 'enduser',
		method: 'GET',
		path: `${ENDUSER}/parties`,
	})) as PartiesResponse;
	const query = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = flattenParties(
		(response.authorizedParties ?? []) as AuthorizedParty[],
		true,
	)
		.filter((party) => !party.isDeleted)
		.filter((party) => !query || `${party.name} ${party.party}`.toLowerCase().includes(query))
		.map((party) => ({ name: partyLabel(party), value: String(party.party) }));
	return { results };
}

interface SearchItem {
	id: string;
	status?: string;
	updatedAt?: string;
	content?: {
		title?: { value?: Array<{ languageCode: string; value: string }> | null } | null;
	} | null;
}

/** Dialogs matching the typed text (free-text search), newest first, page by page. */
export async function searchDialogs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const api: DialogportenApi = getApi.call(this);
	const qs: IDataObject = { limit: 50 };
	if (paginationToken) qs.continuationToken = paginationToken;
	if (filter && filter.trim()) qs.search = filter.trim();
	const page = (await apiRequest.call(this, {
		api,
		method: 'GET',
		path: `${apiBase(api)}/dialogs`,
		qs: qs as Record<string, string>,
		errorHints: searchHints(qs),
	})) as PaginatedList<SearchItem>;
	const { url, endpoints } = await resolveRequestTarget.call(this, {
		api,
		path: `${apiBase(api)}/dialogs`,
	});
	// The inbox shows a person the dialog; without one (a Custom environment naming none), the API.
	const linkBase = endpoints?.inbox ? `${endpoints.inbox}/inbox` : url;
	const results = (page.items ?? []).map((dialog) => {
		const title = pickLocalized(dialog.content?.title?.value ?? null, 'nb') ?? '(no title)';
		const date = dialog.updatedAt ? dialog.updatedAt.slice(0, 10) : '';
		return {
			name: `${title}${dialog.status ? ` – ${statusInWords(dialog.status)}` : ''}${date ? ` – ${date}` : ''}`,
			value: dialog.id,
			url: `${linkBase}/${dialog.id}`,
		};
	});
	return {
		results,
		paginationToken: page.hasNextPage ? (page.continuationToken ?? undefined) : undefined,
	};
}
