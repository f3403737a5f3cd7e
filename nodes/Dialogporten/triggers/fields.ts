/** The fields both triggers show: what to watch, how long to remember events, the dialog to add. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { ALL_EVENT_TYPES, eventTypeOptions } from '../events/eventTypes';

export const DEFAULT_DEDUPE_WINDOW_HOURS = 48;

export const serviceResourceProperty: INodeProperties = {
	displayName: 'Service Resource',
	name: 'serviceResource',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'urn:altinn:resource:my-service',
	description:
		'The service resource whose dialogs to watch, as urn:altinn:resource:&lt;identifier&gt; or just the identifier',
};

export const partyProperty: INodeProperties = {
	displayName: 'Party',
	name: 'party',
	type: 'string',
	default: '',
	placeholder: '991825827',
	description:
		'Only events for this party: an organization number, a national identity number, or a party URN. Leave empty for all parties; only service owners (scope altinn:serviceowner) may do that.',
};

export const eventTypesProperty: INodeProperties = {
	// "Events" is the label n8n's node creator looks for to list a trigger's choices.
	displayName: 'Events',
	name: 'eventTypes',
	type: 'multiOptions',
	options: eventTypeOptions,
	default: [ALL_EVENT_TYPES],
	description:
		'Which Dialogporten events start the workflow. Dialog Updated is also sent together with every activity and transmission event.',
};

export const dedupeWindowProperty: INodeProperties = {
	displayName: 'Ignore Repeated Events For (Hours)',
	name: 'dedupeWindowHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	// A literal, so the scan of the compiled code sees a default (must equal DEFAULT_DEDUPE_WINDOW_HOURS).
	default: 48,
	description:
		'An event whose ID was already emitted within this many hours is not emitted again (Altinn retries deliveries for up to about 1.5 days). The last 1000 IDs are remembered. 0 turns this off.',
};

export const fetchDialogProperty: INodeProperties = {
	displayName: 'Fetch Dialog',
	name: 'fetchDialog',
	type: 'options',
	default: 'none',
	description:
		'Add the current dialog to each event, fetched with the credential. The credential needs the matching Dialogporten scope. If the fetch fails, the event is still emitted, with the error under dialogError.',
	options: [
		{ name: 'No', value: 'none' },
		{
			name: 'As Service Owner',
			value: 'serviceOwner',
			description:
				'GET /api/v1/serviceowner/dialogs/{ID} (scope digdir:dialogporten.serviceprovider)',
		},
		{
			name: 'As End User (System User)',
			value: 'endUser',
			description: 'GET /api/v1/enduser/dialogs/{ID} (scope digdir:dialogporten)',
		},
	],
};

/** What a trigger watches: a service resource, optionally a party, and event types. */
export function watchedProperties(
	eventTypesDisplay?: IDisplayOptions,
	eventTypesShownFor?: IDisplayOptions['show'],
): INodeProperties[] {
	const display =
		eventTypesDisplay && eventTypesShownFor
			? { ...eventTypesDisplay, show: { ...eventTypesDisplay.show, ...eventTypesShownFor } }
			: eventTypesDisplay;
	return [
		serviceResourceProperty,
		partyProperty,
		display ? { ...eventTypesProperty, displayOptions: display } : eventTypesProperty,
	];
}
