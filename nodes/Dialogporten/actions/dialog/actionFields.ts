/** The GUI actions, API actions and attachments of a dialog (Create, and Update with Replace Lists). */
import type { INodeProperties } from 'n8n-workflow';

import { GUI_ACTION_PRIORITIES, HTTP_VERBS } from '../../helpers/validation';
import { attachmentsField } from '../write.descriptions';

const httpMethodOptions = HTTP_VERBS.filter((verb) => verb !== 'CONNECT' && verb !== 'TRACE').map(
	(verb) => ({
		name: verb,
		value: verb,
	}),
);

/** The authorization action (read, write…) an action of the dialog is checked against. */
function authorizationActionField(examples: string): INodeProperties {
	return {
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: 'read',
		description: `Authorization action, e.g. ${examples}`,
	};
}

export const actionFields: INodeProperties[] = [
	{
		displayName: 'GUI Actions',
		name: 'guiActions',
		type: 'fixedCollection',
		placeholder: 'Add GUI Action',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description: 'Buttons shown in the inbox that take the user to your service',
		options: [
			{
				displayName: 'GUI Action',
				name: 'values',
				values: [
					authorizationActionField('read, write, sign'),
					{
						displayName: 'Authorization Attribute',
						name: 'authorizationAttribute',
						type: 'string',
						default: '',
						description: 'Sub-resource or task the action is authorized against',
					},
					{
						displayName: 'HTTP Method',
						name: 'httpMethod',
						type: 'options',
						default: 'GET',
						options: httpMethodOptions,
					},
					{
						displayName: 'Is Delete Action',
						name: 'isDeleteDialogAction',
						type: 'boolean',
						default: false,
						description: 'Whether the action deletes the dialog',
					},
					{
						displayName: 'Priority',
						name: 'priority',
						type: 'options',
						default: 'Primary',
						options: GUI_ACTION_PRIORITIES.map((value) => ({ name: value, value })),
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Button text',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/case/123',
					},
				],
			},
		],
	},
	{
		displayName: 'API Actions',
		name: 'apiActions',
		type: 'fixedCollection',
		placeholder: 'Add API Action',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description:
			'Endpoints of your system that integrations may call for this dialog (e.g. get content, confirm)',
		options: [
			{
				displayName: 'API Action',
				name: 'values',
				values: [
					authorizationActionField('read, write'),
					{
						displayName: 'Authorization Attribute',
						name: 'authorizationAttribute',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Documentation URL',
						name: 'documentationUrl',
						type: 'string',
						default: '',
					},
					{
						displayName: 'HTTP Method',
						name: 'httpMethod',
						type: 'options',
						default: 'GET',
						options: httpMethodOptions,
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Name of the action, e.g. confirm',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/api/case/123/confirm',
					},
					{
						displayName: 'Version',
						name: 'version',
						type: 'string',
						default: '',
						description: 'Endpoint version, e.g. v1',
					},
				],
			},
		],
	},
	attachmentsField,
];
