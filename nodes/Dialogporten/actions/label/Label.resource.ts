import type { INodeProperties } from 'n8n-workflow';

import * as addServiceOwnerLabel from './addServiceOwnerLabel.operation';
import * as bulkSetSystemLabels from './bulkSetSystemLabels.operation';
import * as getLabelLog from './getLabelLog.operation';
import * as getServiceOwnerLabels from './getServiceOwnerLabels.operation';
import * as removeServiceOwnerLabel from './removeServiceOwnerLabel.operation';
import * as searchEndUserContexts from './searchEndUserContexts.operation';
import * as setSystemLabels from './setSystemLabels.operation';

export {
	addServiceOwnerLabel,
	bulkSetSystemLabels,
	getLabelLog,
	getServiceOwnerLabels,
	removeServiceOwnerLabel,
	searchEndUserContexts,
	setSystemLabels,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['label'] } },
		options: [
			{
				name: 'Bulk Set System Labels',
				value: 'bulkSetSystemLabels',
				description:
					'Add or remove system labels (archive, bin, mark unopened…) on many dialogs at once',
				action: 'Bulk set system labels',
			},
			{
				name: 'Get Label Log',
				value: 'getLabelLog',
				description: 'List the history of system label changes of a dialog',
				action: 'Get the label log of a dialog',
			},
			{
				name: 'Set System Labels',
				value: 'setSystemLabels',
				description:
					'Add or remove system labels of one dialog: archive it, move it to the bin, mark it unopened, or back to the inbox',
				action: 'Set system labels of a dialog',
			},
		],
		default: 'setSystemLabels',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['serviceowner'], resource: ['label'] } },
		options: [
			{
				name: 'Add Service Owner Label',
				value: 'addServiceOwnerLabel',
				description: 'Add a label that only the service owner sees (searchable)',
				action: 'Add a service owner label',
			},
			{
				name: 'Bulk Set System Labels',
				value: 'bulkSetSystemLabels',
				description:
					'Add or remove system labels (archive, bin, mark unopened…) on many dialogs at once',
				action: 'Bulk set system labels',
			},
			{
				name: 'Get Service Owner Labels',
				value: 'getServiceOwnerLabels',
				description: 'List the service owner labels of a dialog',
				action: 'Get service owner labels',
			},
			{
				name: 'Remove Service Owner Label',
				value: 'removeServiceOwnerLabel',
				description: 'Remove a service owner label from a dialog',
				action: 'Remove a service owner label',
			},
			{
				name: 'Search End-User Contexts',
				value: 'searchEndUserContexts',
				description: 'List the system labels and context revisions of the dialogs of given parties',
				action: 'Search end user contexts',
			},
			{
				name: 'Set System Labels',
				value: 'setSystemLabels',
				description:
					'Add or remove system labels of one dialog: archive it, move it to the bin, mark it unopened, or back to the inbox',
				action: 'Set system labels of a dialog',
			},
		],
		default: 'setSystemLabels',
	},
	...setSystemLabels.description,
	...bulkSetSystemLabels.description,
	...getLabelLog.description,
	...searchEndUserContexts.description,
	...getServiceOwnerLabels.description,
	...addServiceOwnerLabel.description,
	...removeServiceOwnerLabel.description,
];
