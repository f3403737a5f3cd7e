import { type IDataObject, type IPollFunctions } from 'n8n-workflow';
import { selectedEventTypes } from '../../events/eventTypes';
import { normalizeParty, normalizeResource } from '../../events/filters';
import { DEFAULT_DEDUPE_WINDOW_HOURS } from '../fields';

export interface PollingParameters {
	source: 'events' | 'dialogSearch';
	resource: string;
	party?: string;
	types: 'all' | string[];
	replayHistory: boolean;
	dedupeWindowHours: number;
	fetchDialog: 'none' | 'serviceOwner' | 'endUser';
	includeDeleted: boolean;
}

/** Reads and checks the parameters; bad input fails here, before any request. */
export function readPollingParameters(this: IPollFunctions): PollingParameters {
	const node = this.getNode();
	const source =
		this.getNodeParameter('source', 'events') === 'dialogSearch' ? 'dialogSearch' : 'events';
	const resource = normalizeResource(node, this.getNodeParameter('serviceResource', ''));
	const party = normalizeParty(node, this.getNodeParameter('party', ''));
	const types =
		source === 'events' ? selectedEventTypes(this.getNodeParameter('eventTypes', [])) : 'all';
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const hours = options.dedupeWindowHours;
	return {
		source,
		resource,
		party,
		types,
		replayHistory: options.onFirstPoll === 'replayHistory',
		dedupeWindowHours:
			typeof hours === 'number' && hours >= 0 ? hours : DEFAULT_DEDUPE_WINDOW_HOURS,
		fetchDialog:
			source === 'events' &&
			(options.fetchDialog === 'serviceOwner' || options.fetchDialog === 'endUser')
				? options.fetchDialog
				: 'none',
		includeDeleted: source === 'dialogSearch' && options.includeDeleted === true,
	};
}
