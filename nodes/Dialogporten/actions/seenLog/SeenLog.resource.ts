import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['seenLog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one entry of a dialog’s seen log',
				action: 'Get a seen log entry',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List who has seen a dialog and when',
				action: 'Get many seen log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
