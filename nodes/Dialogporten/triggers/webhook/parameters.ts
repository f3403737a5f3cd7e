import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { normalizeParty, normalizeResource } from '../../events/filters';
import { selectedEventTypes } from '../../events/eventTypes';
import { DEFAULT_DEDUPE_WINDOW_HOURS } from '../fields';

export interface EventsTriggerParameters {
	resource: string;
	party?: string;
	types: 'all' | string[];
	includeSubunits: boolean;
	dedupeWindowHours: number;
	fetchDialog: 'none' | 'serviceOwner' | 'endUser';
}

/** Reads and checks the trigger's parameters; bad input fails here, before any request. */
export function readEventsTriggerParameters(
	this: IHookFunctions | IWebhookFunctions,
): EventsTriggerParameters {
	const node: INode = this.getNode();
	const resource = normalizeResource(node, this.getNodeParameter('serviceResource', ''));
	const party = normalizeParty(node, this.getNodeParameter('party', ''));
	const types = selectedEventTypes(this.getNodeParameter('eventTypes', []));
	const includeSubunits = this.getNodeParameter('includeSubunits', false) === true;
	if (includeSubunits && party === undefined) {
		throw new NodeOperationError(node, 'Include Subunits needs a Party', {
			description:
				'Altinn Events only includes subunits of the organization given in Party. Enter the organization number, or turn Include Subunits off.',
		});
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const hours = options.dedupeWindowHours;
	const dedupeWindowHours =
		typeof hours === 'number' && hours >= 0 ? hours : DEFAULT_DEDUPE_WINDOW_HOURS;
	const fetchDialog =
		options.fetchDialog === 'serviceOwner' || options.fetchDialog === 'endUser'
			? options.fetchDialog
			: 'none';
	return { resource, party, types, includeSubunits, dedupeWindowHours, fetchDialog };
}
