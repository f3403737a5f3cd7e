import { defineResource } from '../resourceTable';
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

export const dialog = defineResource({
	name: 'Dialog',
	description: 'A message or case in the Altinn inbox',
	default: 'search',
	operations: {
		shouldSendNotification: {
			name: 'Check Notification Condition (Internal)',
			action: 'Check a dialog notification condition',
			description:
				'Internal Altinn Notifications check whether an activity exists on a dialog; needs a special scope',
			apis: ['serviceowner'],
			operation: shouldSendNotification,
		},
		create: {
			name: 'Create',
			action: 'Create a dialog',
			description: 'Create a dialog for a party in a service you own; returns its ID and revision',
			apis: ['serviceowner'],
			operation: create,
		},
		delete: {
			name: 'Delete',
			action: 'Delete a dialog',
			description:
				'Soft-delete a dialog: end users no longer see it (410 Gone), it can be restored',
			apis: ['serviceowner'],
			operation: deleteDialog,
		},
		freeze: {
			name: 'Freeze',
			action: 'Freeze a dialog',
			description: 'Freeze a dialog so the service owner can no longer change or delete it',
			apis: ['serviceowner'],
			operation: freeze,
		},
		get: {
			name: 'Get',
			action: 'Get a dialog',
			description:
				'Get one dialog in full: content, attachments, GUI and API actions, transmissions, activities, seen log. As an end user this marks the dialog as seen (a Dialog Seen event) and returns a dialog token for the API actions.',
			operation: get,
		},
		lookup: {
			name: 'Look Up by Instance Reference',
			action: 'Look up a dialog by instance reference',
			description:
				'Find the dialog of an Altinn app instance, a correspondence, or a dialog ID URN',
			operation: lookup,
		},
		patch: {
			name: 'Patch',
			action: 'Patch a dialog',
			description: 'Change some fields of a dialog with JSON Patch, e.g. set status to Completed',
			apis: ['serviceowner'],
			operation: patch,
		},
		purge: {
			name: 'Purge',
			action: 'Purge a dialog',
			description: 'Delete a dialog permanently; it cannot be restored',
			apis: ['serviceowner'],
			operation: purge,
		},
		restore: {
			name: 'Restore',
			action: 'Restore a dialog',
			description: 'Restore a soft-deleted dialog',
			apis: ['serviceowner'],
			operation: restore,
		},
		search: {
			name: 'Search',
			action: 'Search dialogs',
			description:
				'Search dialogs by party, service, status, dates, labels or free text, newest first; returns one item per dialog (summary fields only)',
			operation: search,
		},
		update: {
			name: 'Update',
			action: 'Update a dialog',
			description:
				'Replace a dialog (PUT): change the given fields and keep the rest, or send a complete body',
			apis: ['serviceowner'],
			operation: update,
		},
	},
});
