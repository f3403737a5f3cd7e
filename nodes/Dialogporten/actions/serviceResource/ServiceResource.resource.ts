import { defineResource } from '../resourceTable';
import * as getMany from './getMany.operation';

export const serviceResource = defineResource({
	name: 'Service Resource',
	description: 'Services the user is authorized for',
	default: 'getMany',
	operations: {
		getMany: {
			name: 'Get Many',
			action: 'Get many authorized service resources',
			description:
				'List the services (service resources) the user is authorized for, optionally for given parties; use their URNs to filter dialog searches',
			apis: ['enduser'],
			operation: getMany,
		},
	},
});
