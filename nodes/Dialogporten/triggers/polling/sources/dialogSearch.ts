import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { apiRequest, apiRequestAllItems, type QueryParameters } from '../../../transport';
import { CREDENTIAL_TYPE } from '../../../events/eventsApi';
import type { PollingParameters } from '../parameters';

const SEARCH_PATH = '/api/v1/serviceowner/dialogs';
/**
 * Each poll asks again for this much time before the cursor: a dialog's `updatedAt` is its
 * transaction time, so a change can become visible after a later one was already read.
 * Dialogs seen in that span are remembered by id and `updatedAt` so they are emitted once.
 */
export const OVERLAP_MS = 60_000;
/** Dialogs read in one poll; the rest follow at the next poll (results come oldest first). */
export const MAX_DIALOGS_PER_POLL = 10_000;

interface SearchDialog extends IDataObject {
	id: string;
	updatedAt: string;
}

function isSearchDialog(value: unknown): value is SearchDialog {
	const dialog = value as SearchDialog;
	return (
		typeof dialog === 'object' &&
		dialog !== null &&
		typeof dialog.id === 'string' &&
		typeof dialog.updatedAt === 'string' &&
		!Number.isNaN(Date.parse(dialog.updatedAt))
	);
}

const keyOf = (dialog: SearchDialog) => `${dialog.id}|${dialog.updatedAt}`;

function baseQuery(parameters: PollingParameters): QueryParameters {
	const qs: QueryParameters = { serviceResource: [parameters.resource] };
	if (parameters.party) qs.party = [parameters.party];
	if (parameters.includeDeleted) qs.deleted = 'include';
	return qs;
}

async function newestDialog(
	this: IPollFunctions,
	parameters: PollingParameters,
): Promise<SearchDialog | undefined> {
	const page = (await apiRequest.call(this, {
		api: 'serviceowner',
		auth: CREDENTIAL_TYPE,
		method: 'GET',
		path: SEARCH_PATH,
		qs: { ...baseQuery(parameters), orderBy: 'updatedat_desc', limit: 1 },
	})) as { items?: unknown[] } | undefined;
	const first = page?.items?.[0];
	return isSearchDialog(first) ? first : undefined;
}

function toItem(dialog: SearchDialog): INodeExecutionData {
	return { json: { ...dialog, dialogId: dialog.id } };
}

export async function pollDialogSearch(
	this: IPollFunctions,
	parameters: PollingParameters,
): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') {
		const newest = await newestDialog.call(this, parameters);
		return newest ? [[toItem(newest)]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	let cursor = typeof staticData.updatedAfter === 'string' ? staticData.updatedAfter : undefined;
	let recent = Array.isArray(staticData.recentDialogs)
		? (staticData.recentDialogs as unknown[]).filter((k): k is string => typeof k === 'string')
		: [];

	if (cursor === undefined && !parameters.replayHistory) {
		// First activation: start at the newest change Dialogporten knows (its clock, not ours).
		const newest = await newestDialog.call(this, parameters);
		staticData.updatedAfter = newest?.updatedAt ?? new Date().toISOString();
		staticData.recentDialogs = newest ? [keyOf(newest)] : [];
		return null;
	}

	const from =
		cursor === undefined ? undefined : new Date(Date.parse(cursor) - OVERLAP_MS).toISOString();
	const qs: QueryParameters = { ...baseQuery(parameters), orderBy: 'updatedat_asc', limit: 1000 };
	if (from) qs.updatedAfter = from;
	const dialogs = (
		await apiRequestAllItems.call(
			this,
			{ api: 'serviceowner', auth: CREDENTIAL_TYPE, method: 'GET', path: SEARCH_PATH, qs },
			MAX_DIALOGS_PER_POLL,
		)
	).filter(isSearchDialog);

	const seen = new Set(recent);
	const emit: SearchDialog[] = [];
	for (const dialog of dialogs) {
		const key = keyOf(dialog);
		if (seen.has(key)) continue;
		seen.add(key);
		emit.push(dialog);
		if (cursor === undefined || Date.parse(dialog.updatedAt) > Date.parse(cursor))
			cursor = dialog.updatedAt;
	}
	if (cursor !== undefined) {
		const keepFrom = Date.parse(cursor) - OVERLAP_MS;
		recent = [...seen].filter((key) => Date.parse(key.slice(key.indexOf('|') + 1)) >= keepFrom);
		staticData.updatedAfter = cursor;
		staticData.recentDialogs = recent;
	}
	return emit.length > 0 ? [emit.map(toItem)] : null;
}
