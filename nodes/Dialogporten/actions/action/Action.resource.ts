import { defineResource } from '../resourceTable';
import * as execute from './execute.operation';
import * as fetchContent from './fetchContent.operation';
import * as getMany from './getMany.operation';

export const action = defineResource({
	name: 'Action',
	description:
		'A dialog’s GUI and API actions: list them, call an API action, fetch content and attachments',
	default: 'execute',
	operations: {
		execute: {
			name: 'Execute',
			action: 'Execute a dialog action',
			description:
				'Call one of a dialog’s API actions on the service owner’s system (e.g. get message content, confirm read) with its documented method, and output the response. GUI actions are output as URL and details instead.',
			operation: execute,
		},
		fetchContent: {
			name: 'Fetch Content',
			action: 'Fetch dialog content',
			description:
				'Download the main content, an attachment or a transmission’s content of a dialog from the service owner’s system, as JSON, text or a file',
			operation: fetchContent,
		},
		getMany: {
			name: 'Get Many',
			action: 'Get many dialog actions',
			description:
				'List the GUI actions (browser buttons) and API actions (system endpoints) of a dialog',
			operation: getMany,
		},
	},
});
