import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['activity'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one entry of a dialog’s activity history, including who performed it',
				action: 'Get an activity',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the activity history of a dialog (created, opened, signed, payment made…)',
				action: 'Get many activities',
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['serviceowner'], resource: ['activity'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Add an entry to a dialog’s activity history (activities cannot be changed or removed)',
				action: 'Create an activity',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one entry of a dialog’s activity history, including who performed it',
				action: 'Get an activity',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the activity history of a dialog (created, opened, signed, payment made…)',
				action: 'Get many activities',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
];
