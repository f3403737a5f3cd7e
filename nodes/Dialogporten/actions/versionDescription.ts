import type { INodeProperties } from 'n8n-workflow';

import * as action from './action/Action.resource';
import * as activity from './activity/Activity.resource';
import * as dialog from './dialog/Dialog.resource';
import * as label from './label/Label.resource';
import * as metadata from './metadata/Metadata.resource';
import * as party from './party/Party.resource';
import * as seenLog from './seenLog/SeenLog.resource';
import * as serviceResource from './serviceResource/ServiceResource.resource';
import * as transmission from './transmission/Transmission.resource';

/** The node's parameters (version 1): API, authentication, resource, and each resource's operations. */
export const properties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		noDataExpression: true,
		default: 'enduser',
		options: [
			{
				name: 'End User',
				value: 'enduser',
				description:
					'Act as a person (ID-porten) or a system user (Maskinporten): read dialogs and act on them',
			},
			{
				name: 'Service Owner',
				value: 'serviceowner',
				description:
					'Act as the service owner (Maskinporten): create, update and delete dialogs of your services',
			},
		],
	},
	// One authentication parameter that does not depend on `api`: n8n's editor hides every
	// parameter the credential choice depends on, which would have hidden the API selector.
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'maskinportenApi',
		options: [
			{
				name: 'Maskinporten',
				value: 'maskinportenApi',
				description:
					'An organization: service owner (client or supplier grant) or, in the end user API, a system user',
			},
			{
				name: 'ID-Porten',
				value: 'idPortenOAuth2Api',
				description: 'A person logged in with ID-porten; end user API only',
			},
		],
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'dialog',
		displayOptions: { show: { api: ['enduser'] } },
		options: [
			{
				name: 'Action',
				value: 'action',
				description:
					'A dialog’s GUI and API actions: list them, call an API action, fetch content and attachments',
			},
			{ name: 'Activity', value: 'activity', description: 'The activity history of a dialog' },
			{ name: 'Dialog', value: 'dialog', description: 'A message or case in the Altinn inbox' },
			{
				name: 'Label',
				value: 'label',
				description: 'System labels (inbox, archive, bin…) and service owner labels',
			},
			{
				name: 'Metadata',
				value: 'metadata',
				description: 'Public Dialogporten information; needs no login',
			},
			{
				name: 'Party',
				value: 'party',
				description: 'People and organizations the user may act for',
			},
			{ name: 'Seen Log', value: 'seenLog', description: 'Who has seen a dialog, and when' },
			{
				name: 'Service Resource',
				value: 'serviceResource',
				description: 'Services the user is authorized for',
			},
			{
				name: 'Transmission',
				value: 'transmission',
				description: 'Messages sent to or from the party within a dialog',
			},
		],
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'dialog',
		displayOptions: { show: { api: ['serviceowner'] } },
		options: [
			{
				name: 'Action',
				value: 'action',
				description:
					'A dialog’s GUI and API actions: list them, call an API action, fetch content and attachments',
			},
			{ name: 'Activity', value: 'activity', description: 'The activity history of a dialog' },
			{ name: 'Dialog', value: 'dialog', description: 'A message or case in the Altinn inbox' },
			{
				name: 'Label',
				value: 'label',
				description: 'System labels (inbox, archive, bin…) and service owner labels',
			},
			{
				name: 'Metadata',
				value: 'metadata',
				description: 'Public Dialogporten information; needs no login',
			},
			{ name: 'Seen Log', value: 'seenLog', description: 'Who has seen a dialog, and when' },
			{
				name: 'Transmission',
				value: 'transmission',
				description: 'Messages sent to or from the party within a dialog',
			},
		],
	},
	...party.description,
	...serviceResource.description,
	...dialog.description,
	...activity.description,
	...transmission.description,
	...seenLog.description,
	...label.description,
	...action.description,
	...metadata.description,
];
