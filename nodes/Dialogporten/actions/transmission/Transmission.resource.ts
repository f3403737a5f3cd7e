import { defineResource } from '../resourceTable';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const transmission = defineResource({
	name: 'Transmission',
	description: 'Messages sent to or from the party within a dialog',
	default: 'getMany',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a transmission',
			description: 'Send a new transmission (message, decision, request…) in a dialog',
			apis: ['serviceowner'],
			operation: create,
		},
		get: {
			name: 'Get',
			action: 'Get a transmission',
			description:
				'Get one transmission (message) of a dialog with its content, attachments and sender',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			action: 'Get many transmissions',
			description: 'List the transmissions (messages sent to or from the party) of a dialog',
			operation: getMany,
		},
		update: {
			name: 'Update',
			action: 'Update a transmission',
			description: 'Replace a transmission (needs the changetransmissions scope)',
			apis: ['serviceowner'],
			operation: update,
		},
	},
});
