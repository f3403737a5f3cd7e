import { defineResource } from '../resourceTable';
import * as addServiceOwnerLabel from './addServiceOwnerLabel.operation';
import * as bulkSetSystemLabels from './bulkSetSystemLabels.operation';
import * as getLabelLog from './getLabelLog.operation';
import * as getServiceOwnerLabels from './getServiceOwnerLabels.operation';
import * as removeServiceOwnerLabel from './removeServiceOwnerLabel.operation';
import * as searchEndUserContexts from './searchEndUserContexts.operation';
import * as setSystemLabels from './setSystemLabels.operation';

export const label = defineResource({
	name: 'Label',
	description: 'System labels (inbox, archive, bin…) and service owner labels',
	default: 'setSystemLabels',
	operations: {
		addServiceOwnerLabel: {
			name: 'Add Service Owner Label',
			action: 'Add a service owner label',
			description: 'Add a label that only the service owner sees (searchable)',
			apis: ['serviceowner'],
			operation: addServiceOwnerLabel,
		},
		bulkSetSystemLabels: {
			name: 'Bulk Set System Labels',
			action: 'Bulk set system labels',
			description:
				'Add or remove system labels (archive, bin, mark unopened…) on many dialogs at once',
			operation: bulkSetSystemLabels,
		},
		getLabelLog: {
			name: 'Get Label Log',
			action: 'Get the label log of a dialog',
			description: 'List the history of system label changes of a dialog',
			apis: ['enduser'],
			operation: getLabelLog,
		},
		getServiceOwnerLabels: {
			name: 'Get Service Owner Labels',
			action: 'Get service owner labels',
			description: 'List the service owner labels of a dialog',
			apis: ['serviceowner'],
			operation: getServiceOwnerLabels,
		},
		removeServiceOwnerLabel: {
			name: 'Remove Service Owner Label',
			action: 'Remove a service owner label',
			description: 'Remove a service owner label from a dialog',
			apis: ['serviceowner'],
			operation: removeServiceOwnerLabel,
		},
		searchEndUserContexts: {
			name: 'Search End-User Contexts',
			action: 'Search end user contexts',
			description: 'List the system labels and context revisions of the dialogs of given parties',
			apis: ['serviceowner'],
			operation: searchEndUserContexts,
		},
		setSystemLabels: {
			name: 'Set System Labels',
			action: 'Set system labels of a dialog',
			description:
				'Add or remove system labels of one dialog: archive it, move it to the bin, mark it unopened, or back to the inbox',
			operation: setSystemLabels,
		},
	},
});
