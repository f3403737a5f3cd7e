import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['serviceResource'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the services (service resources) the user is authorized for, optionally for given parties; use their URNs to filter dialog searches',
				action: 'Get many authorized service resources',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
