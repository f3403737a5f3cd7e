import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['party'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the parties (people and organizations) the authenticated user or system user may act for; use their URNs to search dialogs',
				action: 'Get many parties',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
