/**
 * The dialog fields shared by Create and Update: the optional fields and the status (the actions
 * and attachments are in actionFields.ts). Their values become the API's body in body.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { dialogStatusInputOptions, systemLabelOptions } from '../common.descriptions';
import { alphabetically } from '../../helpers/sort';

/** Optional dialog fields; `forCreate` adds those that can only be set at creation. */
export function dialogFieldOptions(forCreate: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Additional Info',
			name: 'additionalInfo',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Longer text shown with the dialog (max 1023 characters)',
		},
		{
			displayName: 'Additional Info Is Markdown',
			name: 'additionalInfoMarkdown',
			type: 'boolean',
			default: false,
			description: 'Whether Additional Info is Markdown rather than plain text',
		},
		{
			displayName: 'Due At',
			name: 'dueAt',
			type: 'dateTime',
			default: '',
			description: 'When the party must act by',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'dateTime',
			default: '',
			description: 'After this time the dialog is no longer available to end users',
		},
		{
			displayName: 'Extended Status',
			name: 'extendedStatus',
			type: 'string',
			default: '',
			description: 'Service-specific status code (searchable), e.g. urn:my:status:approved',
		},
		{
			displayName: 'Extended Status Text',
			name: 'extendedStatusText',
			type: 'string',
			default: '',
			description: 'Human-readable extended status shown to the user (max 25 characters)',
		},
		{
			displayName: 'External Reference',
			name: 'externalReference',
			type: 'string',
			default: '',
			description: 'Your own reference for the dialog (e.g. a case number); searchable',
		},
		{
			displayName: 'Is API Only',
			name: 'isApiOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether the dialog is only for system integrations and hidden in the Altinn inbox',
		},
		{
			displayName: 'Main Content Reference',
			name: 'mainContentReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/api/content/123.md',
			description: 'HTTPS URL of Markdown content that the inbox embeds (front-channel embed)',
		},
		{
			displayName: 'Non-Sensitive Summary',
			name: 'nonSensitiveSummary',
			type: 'string',
			default: '',
			description: 'Summary shown where sensitive content must not be shown',
		},
		{
			displayName: 'Non-Sensitive Title',
			name: 'nonSensitiveTitle',
			type: 'string',
			default: '',
			description: 'Title shown where sensitive content must not be shown',
		},
		{
			displayName: 'Preceding Process',
			name: 'precedingProcess',
			type: 'string',
			default: '',
			description: 'URI of the process that came before this one',
		},
		{
			displayName: 'Process',
			name: 'process',
			type: 'string',
			default: '',
			description:
				'URI identifying the process the dialog belongs to (dialogs of a process are grouped)',
		},
		{
			displayName: 'Progress',
			name: 'progress',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 1, maxValue: 100 },
			description: 'Advisory progress in percent (1–100)',
		},
		{
			displayName: 'Search Tags',
			name: 'searchTags',
			type: 'string',
			default: '',
			description: 'Extra words that free-text search should match (comma-separated)',
		},
		{
			displayName: 'Sender Name',
			name: 'senderName',
			type: 'string',
			default: '',
			description: 'Overrides the service owner name shown as sender',
		},
		{
			displayName: 'Summary',
			name: 'summary',
			type: 'string',
			default: '',
			description: 'Short summary shown in the inbox list (max 255 characters)',
		},
	];
	if (forCreate) {
		fields.push(
			{
				displayName: 'Created At',
				name: 'createdAt',
				type: 'dateTime',
				default: '',
				description: 'Backdate the dialog (e.g. when migrating); default is now',
			},
			{
				displayName: 'Dialog ID',
				name: 'id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 01913cd5-784f-7d3b-abef-4c77b1f0972d',
				description: 'Your own UUIDv7 for the dialog, which makes creation idempotent',
			},
			{
				displayName: 'Idempotent Key',
				name: 'idempotentKey',
				type: 'string',
				default: '',
				description:
					'A key of yours; creating a second dialog with the same key fails with 409 Conflict instead of duplicating',
			},
			{
				displayName: 'Service Owner Labels',
				name: 'serviceOwnerLabels',
				type: 'string',
				default: '',
				description: 'Labels only the service owner sees and can search on (comma-separated)',
			},
			{
				displayName: 'System Label',
				name: 'systemLabel',
				type: 'options',
				default: 'Default',
				options: systemLabelOptions,
				description: 'Initial system label for the end user',
			},
			{
				displayName: 'Visible From',
				name: 'visibleFrom',
				type: 'dateTime',
				default: '',
				description: 'Hide the dialog from end users until this time',
			},
		);
	}
	return fields.sort((a, b) => alphabetically(a.displayName, b.displayName));
}

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	default: 'InProgress',
	options: dialogStatusInputOptions,
	description: 'Status of the dialog as shown to the party',
};
