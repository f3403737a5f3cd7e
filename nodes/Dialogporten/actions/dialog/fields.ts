/**
 * Dialog fields shared by Create and Update: the descriptions of the optional fields and the
 * code that turns them into the API's body (localized texts, actions, attachments, tags).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type {
	ContentValue,
	CreateDialogBody,
	Localization,
	UpdateDialogBody,
} from '../../helpers/interfaces';
import { compact, FRONT_CHANNEL_EMBED_MARKDOWN } from '../../helpers/utils';
import {
	CONSUMER_TYPES,
	DIALOG_STATUS_INPUTS,
	GUI_ACTION_PRIORITIES,
	HTTP_VERBS,
	SYSTEM_LABELS,
	type InputValidator,
} from '../../helpers/validation';
import {
	dialogStatusInputOptions,
	languageOptions,
	systemLabelOptions,
} from '../common.descriptions';

export const textLanguageField: INodeProperties = {
	displayName: 'Text Language',
	name: 'textLanguage',
	type: 'options',
	default: 'nb',
	options: languageOptions,
	description: 'Language of the texts given below (title, summary, action titles…)',
};

const httpMethodOptions = HTTP_VERBS.filter((verb) => verb !== 'CONNECT' && verb !== 'TRACE').map(
	(verb) => ({
		name: verb,
		value: verb,
	}),
);

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
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	default: 'InProgress',
	options: dialogStatusInputOptions,
	description: 'Status of the dialog as shown to the party',
};

export const actionFields: INodeProperties[] = [
	{
		displayName: 'GUI Actions',
		name: 'guiActions',
		type: 'fixedCollection',
		placeholder: 'Add GUI Action',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description: 'Buttons shown in the inbox that take the user to your service',
		options: [
			{
				displayName: 'GUI Action',
				name: 'values',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'string',
						default: 'read',
						description: 'Authorization action, e.g. read, write, sign',
					},
					{
						displayName: 'Authorization Attribute',
						name: 'authorizationAttribute',
						type: 'string',
						default: '',
						description: 'Sub-resource or task the action is authorized against',
					},
					{
						displayName: 'HTTP Method',
						name: 'httpMethod',
						type: 'options',
						default: 'GET',
						options: httpMethodOptions,
					},
					{
						displayName: 'Is Delete Action',
						name: 'isDeleteDialogAction',
						type: 'boolean',
						default: false,
						description: 'Whether the action deletes the dialog',
					},
					{
						displayName: 'Priority',
						name: 'priority',
						type: 'options',
						default: 'Primary',
						options: GUI_ACTION_PRIORITIES.map((value) => ({ name: value, value })),
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Button text',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/case/123',
					},
				],
			},
		],
	},
	{
		displayName: 'API Actions',
		name: 'apiActions',
		type: 'fixedCollection',
		placeholder: 'Add API Action',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description:
			'Endpoints of your system that integrations may call for this dialog (e.g. get content, confirm)',
		options: [
			{
				displayName: 'API Action',
				name: 'values',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'string',
						default: 'read',
						description: 'Authorization action, e.g. read, write',
					},
					{
						displayName: 'Authorization Attribute',
						name: 'authorizationAttribute',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Documentation URL',
						name: 'documentationUrl',
						type: 'string',
						default: '',
					},
					{
						displayName: 'HTTP Method',
						name: 'httpMethod',
						type: 'options',
						default: 'GET',
						options: httpMethodOptions,
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Name of the action, e.g. confirm',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/api/case/123/confirm',
					},
					{
						displayName: 'Version',
						name: 'version',
						type: 'string',
						default: '',
						description: 'Endpoint version, e.g. v1',
					},
				],
			},
		],
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		placeholder: 'Add Attachment',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		options: [
			{
				displayName: 'Attachment',
				name: 'values',
				values: [
					{
						displayName: 'Consumer',
						name: 'consumerType',
						type: 'options',
						default: 'Gui',
						options: [
							{ name: 'Browser (GUI)', value: 'Gui' },
							{ name: 'System (API)', value: 'Api' },
						],
					},
					{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'string',
						default: '',
						placeholder: 'application/pdf',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/files/123.pdf',
					},
				],
			},
		],
	},
];

export function localizedText(value: string, language: string): Localization[] {
	return [{ languageCode: language, value }];
}

export function contentValue(
	value: string,
	language: string,
	mediaType = 'text/plain',
): ContentValue {
	return { mediaType, value: localizedText(value, language) };
}

/** Sets one language's text in an existing list of translations, keeping the others. */
export function withTranslation(
	existing: Localization[] | null | undefined,
	value: string,
	language: string,
): Localization[] {
	const others = (existing ?? []).filter((entry) => entry.languageCode !== language);
	return [...others, { languageCode: language, value }];
}

function fixedValues(collection: unknown): IDataObject[] {
	return ((collection as IDataObject)?.values as IDataObject[]) ?? [];
}

export function guiActionsOf(collection: unknown, language: string, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			action: String(entry.action || 'read'),
			url: check.url(entry.url, `GUI action ${index + 1} URL`),
			priority: check.oneOf(
				entry.priority ?? 'Primary',
				GUI_ACTION_PRIORITIES,
				`GUI action ${index + 1} priority`,
			),
			httpMethod: check.oneOf(
				entry.httpMethod ?? 'GET',
				HTTP_VERBS,
				`GUI action ${index + 1} HTTP method`,
			),
			isDeleteDialogAction: Boolean(entry.isDeleteDialogAction),
			title: entry.title ? localizedText(String(entry.title), language) : undefined,
			authorizationAttribute: (entry.authorizationAttribute as string) || undefined,
		}),
	) as unknown as NonNullable<CreateDialogBody['guiActions']>;
}

export function apiActionsOf(collection: unknown, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			action: String(entry.action || 'read'),
			name: (entry.name as string) || undefined,
			authorizationAttribute: (entry.authorizationAttribute as string) || undefined,
			endpoints: [
				compact({
					url: check.url(entry.url, `API action ${index + 1} URL`),
					httpMethod: check.oneOf(
						entry.httpMethod ?? 'GET',
						HTTP_VERBS,
						`API action ${index + 1} HTTP method`,
					),
					version: (entry.version as string) || undefined,
					documentationUrl: entry.documentationUrl
						? check.url(entry.documentationUrl, `API action ${index + 1} documentation URL`)
						: undefined,
					deprecated: false,
				}),
			],
		}),
	) as unknown as NonNullable<CreateDialogBody['apiActions']>;
}

export function attachmentsOf(collection: unknown, language: string, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			displayName: entry.displayName
				? localizedText(String(entry.displayName), language)
				: undefined,
			urls: [
				compact({
					url: check.url(entry.url, `Attachment ${index + 1} URL`),
					mediaType: (entry.mediaType as string) || undefined,
					consumerType: check.oneOf(
						entry.consumerType ?? 'Gui',
						CONSUMER_TYPES,
						`Attachment ${index + 1} consumer`,
					),
				}),
			],
		}),
	) as unknown as NonNullable<CreateDialogBody['attachments']>;
}

type DialogContent = NonNullable<CreateDialogBody['content']>;

/**
 * Applies the content fields of the form to a content object (new, or the dialog's current one),
 * replacing only the translation in `language`.
 */
export function applyContentFields(
	content: Partial<DialogContent>,
	fields: IDataObject,
	language: string,
	check: InputValidator,
): Partial<DialogContent> {
	const result: Partial<DialogContent> = { ...content };
	const setText = (key: keyof DialogContent, value: unknown, mediaType = 'text/plain') => {
		if (value === undefined || value === '') return;
		const current = result[key] as ContentValue | null | undefined;
		result[key] = {
			mediaType,
			value: withTranslation(current?.value, String(value), language),
		} as never;
	};
	setText('title', fields.title);
	setText('summary', fields.summary);
	setText('senderName', fields.senderName);
	setText('nonSensitiveTitle', fields.nonSensitiveTitle);
	setText('nonSensitiveSummary', fields.nonSensitiveSummary);
	setText('extendedStatus', fields.extendedStatusText);
	setText(
		'additionalInfo',
		fields.additionalInfo,
		fields.additionalInfoMarkdown ? 'text/markdown' : 'text/plain',
	);
	if (fields.mainContentReference) {
		const url = check.url(fields.mainContentReference, 'Main Content Reference');
		setText('mainContentReference', url, FRONT_CHANNEL_EMBED_MARKDOWN);
	}
	return result;
}

/** Top-level (non-content) fields shared by create and update. */
export function scalarFields(
	fields: IDataObject,
	check: InputValidator,
	date: (name: string, label: string) => string | undefined,
): Partial<UpdateDialogBody> {
	return compact({
		extendedStatus: (fields.extendedStatus as string) || undefined,
		externalReference: (fields.externalReference as string) || undefined,
		process: (fields.process as string) || undefined,
		precedingProcess: (fields.precedingProcess as string) || undefined,
		progress: fields.progress ? check.integer(fields.progress, 'Progress', 1, 100) : undefined,
		dueAt: date('dueAt', 'Due At'),
		expiresAt: date('expiresAt', 'Expires At'),
		isApiOnly: typeof fields.isApiOnly === 'boolean' ? fields.isApiOnly : undefined,
		searchTags: fields.searchTags
			? check.list(fields.searchTags).map((value) => ({ value }))
			: undefined,
	} as IDataObject) as Partial<UpdateDialogBody>;
}

export { DIALOG_STATUS_INPUTS, SYSTEM_LABELS };
