import { defineResource } from '../resourceTable';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const seenLog = defineResource({
	name: 'Seen Log',
	description: 'Who has seen a dialog, and when',
	default: 'getMany',
	operations: {
		get: {
			name: 'Get',
			action: 'Get a seen log entry',
			description: 'Get one entry of a dialog’s seen log',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			action: 'Get many seen log entries',
			description: 'List who has seen a dialog and when',
			operation: getMany,
		},
	},
});
