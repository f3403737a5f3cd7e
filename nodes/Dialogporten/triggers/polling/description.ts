import type { INodeProperties } from 'n8n-workflow';
import { LOOP_FREE_EVENT_TYPES } from '../../events/eventTypes';
import {
	dedupeWindowProperty,
	eventTypesProperty,
	fetchDialogProperty,
	watchedProperties,
} from '../fields';
import { collectionField } from '../../helpers/collectionField';

const eventsOnly = { show: { source: ['events'] } };

export const pollingTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		default: 'events',
		options: [
			{
				name: 'Altinn Events',
				value: 'events',
				description:
					'Reads the Altinn Events API (every dialog, activity and transmission event). The credential needs "Exchange to Altinn Token" and scope altinn:events.subscribe.',
			},
			{
				name: 'Dialog Search (Service Owner)',
				value: 'dialogSearch',
				description:
					'Lists dialogs of the service resource changed since the last poll. For service owners without Events access; scope digdir:dialogporten.serviceprovider.search. One item per changed dialog, no activity-level event types.',
			},
		],
	},
	{
		displayName:
			'Polls from n8n, so no public URL is needed. Altinn Events shows an event about 30 seconds after it happened; poll every minute or less often.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	...watchedProperties(eventsOnly, { '@version': [1] }),
	{
		...eventTypesProperty,
		default: [...LOOP_FREE_EVENT_TYPES],
		description:
			'Which Dialogporten events start the workflow. The default, new dialogs and new transmissions, cannot be caused by the workflow reading or confirming them; Dialog Seen, Dialog Updated and the activity events can (Get as end user marks a dialog seen; Dialog Updated comes with every activity), so a workflow acting on the dialogs it is told about would start itself again.',
		displayOptions: { show: { source: ['events'], '@version': [2] } },
	},
	collectionField('options', [
		{
			displayName: 'On First Poll',
			name: 'onFirstPoll',
			type: 'options',
			default: 'skipHistory',
			description: 'What the first poll after activation emits',
			options: [
				{
					name: 'Start From Now',
					value: 'skipHistory',
					description: 'Skip everything that happened before activation',
				},
				{
					name: 'Emit History',
					value: 'replayHistory',
					description:
						'Emit what is already there: up to 90 days of events, or every matching dialog for Dialog Search',
				},
			],
		},
		dedupeWindowProperty,
		{ ...fetchDialogProperty, displayOptions: { show: { '/source': ['events'] } } },
		{
			displayName: 'Include Deleted Dialogs',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether Dialog Search also reports dialogs that were deleted',
			displayOptions: { show: { '/source': ['dialogSearch'] } },
		},
	]),
];
