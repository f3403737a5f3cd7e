import { defineResource } from '../resourceTable';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const activity = defineResource({
	name: 'Activity',
	description: 'The activity history of a dialog',
	default: 'getMany',
	operations: {
		create: {
			name: 'Create',
			action: 'Create an activity',
			description:
				'Add an entry to a dialog’s activity history (activities cannot be changed or removed)',
			apis: ['serviceowner'],
			operation: create,
		},
		get: {
			name: 'Get',
			action: 'Get an activity',
			description: 'Get one entry of a dialog’s activity history, including who performed it',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			action: 'Get many activities',
			description: 'List the activity history of a dialog (created, opened, signed, payment made…)',
			operation: getMany,
		},
	},
});
