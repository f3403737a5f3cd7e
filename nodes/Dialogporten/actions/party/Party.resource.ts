import { defineResource } from '../resourceTable';
import * as getMany from './getMany.operation';

export const party = defineResource({
	name: 'Party',
	description: 'People and organizations the user may act for',
	default: 'getMany',
	operations: {
		getMany: {
			name: 'Get Many',
			action: 'Get many parties',
			description:
				'List the parties (people and organizations) the authenticated user or system user may act for; use their URNs to search dialogs',
			apis: ['enduser'],
			operation: getMany,
		},
	},
});
