import type { INodeProperties } from 'n8n-workflow';

import * as execute from './execute.operation';
import * as fetchContent from './fetchContent.operation';
import * as getMany from './getMany.operation';

export { execute, fetchContent, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				description:
					'Call one of a dialog’s API actions on the service owner’s system (e.g. get message content, confirm read) with its documented method, and output the response. GUI actions are output as URL and details instead.',
				action: 'Execute a dialog action',
			},
			{
				name: 'Fetch Content',
				value: 'fetchContent',
				description:
					'Download the main content, an attachment or a transmission’s content of a dialog from the service owner’s system, as JSON, text or a file',
				action: 'Fetch dialog content',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the GUI actions (browser buttons) and API actions (system endpoints) of a dialog',
				action: 'Get many dialog actions',
			},
		],
		default: 'execute',
	},
	...getMany.description,
	...execute.description,
	...fetchContent.description,
];
