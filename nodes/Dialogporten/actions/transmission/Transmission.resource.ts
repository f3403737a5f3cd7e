import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['transmission'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one transmission (message) of a dialog with its content, attachments and sender',
				action: 'Get a transmission',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the transmissions (messages sent to or from the party) of a dialog',
				action: 'Get many transmissions',
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['serviceowner'], resource: ['transmission'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Send a new transmission (message, decision, request…) in a dialog',
				action: 'Create a transmission',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one transmission (message) of a dialog with its content, attachments and sender',
				action: 'Get a transmission',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the transmissions (messages sent to or from the party) of a dialog',
				action: 'Get many transmissions',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Replace a transmission (needs the changetransmissions scope)',
				action: 'Update a transmission',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
	...update.description,
];
