import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteDialog from './deleteDialog.operation';
import * as freeze from './freeze.operation';
import * as get from './get.operation';
import * as lookup from './lookup.operation';
import * as patch from './patch.operation';
import * as purge from './purge.operation';
import * as restore from './restore.operation';
import * as search from './search.operation';
import * as shouldSendNotification from './shouldSendNotification.operation';
import * as update from './update.operation';

export {
	create,
	deleteDialog as delete,
	freeze,
	get,
	lookup,
	patch,
	purge,
	restore,
	search,
	shouldSendNotification,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['enduser'], resource: ['dialog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one dialog in full: content, attachments, GUI and API actions, transmissions, activities, seen log (end users also get a dialog token for the API actions)',
				action: 'Get a dialog',
			},
			{
				name: 'Look Up by Instance Reference',
				value: 'lookup',
				description:
					'Find the dialog of an Altinn app instance, a correspondence, or a dialog ID URN',
				action: 'Look up a dialog by instance reference',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Search dialogs by party, service, status, dates, labels or free text, newest first; returns one item per dialog (summary fields only)',
				action: 'Search dialogs',
			},
		],
		default: 'search',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { api: ['serviceowner'], resource: ['dialog'] } },
		options: [
			{
				name: 'Check Notification Condition (Internal)',
				value: 'shouldSendNotification',
				description:
					'Internal Altinn Notifications check whether an activity exists on a dialog; needs a special scope',
				action: 'Check a dialog notification condition',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a dialog for a party in a service you own; returns its ID and revision',
				action: 'Create a dialog',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Soft-delete a dialog: end users no longer see it (410 Gone), it can be restored',
				action: 'Delete a dialog',
			},
			{
				name: 'Freeze',
				value: 'freeze',
				description: 'Freeze a dialog so the service owner can no longer change or delete it',
				action: 'Freeze a dialog',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one dialog in full: content, attachments, GUI and API actions, transmissions, activities, seen log (end users also get a dialog token for the API actions)',
				action: 'Get a dialog',
			},
			{
				name: 'Look Up by Instance Reference',
				value: 'lookup',
				description:
					'Find the dialog of an Altinn app instance, a correspondence, or a dialog ID URN',
				action: 'Look up a dialog by instance reference',
			},
			{
				name: 'Patch',
				value: 'patch',
				description: 'Change some fields of a dialog with JSON Patch, e.g. set status to Completed',
				action: 'Patch a dialog',
			},
			{
				name: 'Purge',
				value: 'purge',
				description: 'Delete a dialog permanently; it cannot be restored',
				action: 'Purge a dialog',
			},
			{
				name: 'Restore',
				value: 'restore',
				description: 'Restore a soft-deleted dialog',
				action: 'Restore a dialog',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Search dialogs by party, service, status, dates, labels or free text, newest first; returns one item per dialog (summary fields only)',
				action: 'Search dialogs',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Replace a dialog (PUT): change the given fields and keep the rest, or send a complete body',
				action: 'Update a dialog',
			},
		],
		default: 'search',
	},
	...search.description,
	...get.description,
	...lookup.description,
	...create.description,
	...update.description,
	...patch.description,
	...deleteDialog.description,
	...restore.description,
	...purge.description,
	...freeze.description,
	...shouldSendNotification.description,
];
