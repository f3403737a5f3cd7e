import type { INodeProperties } from 'n8n-workflow';

import { dialogStatusOptions, languageOptions, systemLabelOptions } from '../common.descriptions';

const dateFilter = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
});

const EU_DATE_NOTE =
	' For free-text search prefer Content Updated After, the only date filter that bounds the scan.';

/** The filters of Dialog → Search; each becomes a query parameter of the chosen API. */
export const searchFilters: INodeProperties[] = [
	dateFilter(
		'contentUpdatedAfter',
		'Content Updated After',
		'Only dialogs whose content changed after this time. Recommended with free-text search.',
	),
	dateFilter(
		'contentUpdatedBefore',
		'Content Updated Before',
		'Only dialogs whose content changed before this time',
	),
	dateFilter(
		'createdAfter',
		'Created After',
		`Only dialogs created after this time.${EU_DATE_NOTE}`,
	),
	dateFilter('createdBefore', 'Created Before', 'Only dialogs created before this time'),
	{
		displayName: 'Deleted',
		name: 'deleted',
		type: 'options',
		default: 'Exclude',
		description: 'Whether to include soft-deleted dialogs',
		options: [
			{ name: 'Exclude', value: 'Exclude', description: 'Only dialogs that are not deleted' },
			{ name: 'Include', value: 'Include', description: 'Deleted and not deleted dialogs' },
			{ name: 'Only', value: 'Only', description: 'Only deleted dialogs' },
		],
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	dateFilter('dueAfter', 'Due After', 'Only dialogs with a due date after this time'),
	dateFilter('dueBefore', 'Due Before', 'Only dialogs with a due date before this time'),
	{
		displayName: 'End User ID',
		name: 'endUserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:altinn:person:identifier-no:01125512345',
		description: 'Only dialogs this person may access',
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	{
		displayName: 'Exclude API-Only Dialogs',
		name: 'excludeApiOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out dialogs meant only for system integrations',
	},
	{
		displayName: 'Extended Statuses',
		name: 'extendedStatus',
		type: 'string',
		default: '',
		description: 'Service-specific statuses (comma-separated, or an expression returning a list)',
	},
	{
		displayName: 'External Reference',
		name: 'externalReference',
		type: 'string',
		default: '',
		description: "The service owner's own reference for the dialog",
	},
	{
		displayName: 'Free-Text Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Text matched fuzzily against titles, summaries and other texts of the dialog',
	},
	{
		displayName: 'Is Content Seen',
		name: 'isContentSeen',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only dialogs whose latest content was seen (on) or not seen (off)',
	},
	{
		displayName: 'Parties',
		name: 'party',
		type: 'string',
		default: '',
		placeholder: 'e.g. 912345678, urn:altinn:organization:identifier-no:987654321',
		description:
			'Only dialogs of these parties: organization numbers, national identity numbers or party URNs, comma-separated, or an expression returning a list (e.g. from Party → Get Many)',
	},
	{
		displayName: 'Process',
		name: 'process',
		type: 'string',
		default: '',
		description: 'Only dialogs in this process (URI)',
	},
	{
		displayName: 'Search Language',
		name: 'searchLanguageCode',
		type: 'options',
		default: 'nb',
		options: languageOptions,
		description: 'Only match free-text search against texts in this language',
	},
	{
		displayName: 'Service Owner Labels',
		name: 'serviceOwnerLabels',
		type: 'string',
		default: '',
		description:
			"Only dialogs with all of these service owner labels (comma-separated); 'label*' matches by prefix",
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	{
		displayName: 'Service Owners',
		name: 'org',
		type: 'string',
		default: '',
		placeholder: 'e.g. skd, digdir',
		description: 'Only dialogs from these service owner codes (comma-separated)',
		displayOptions: { show: { '/api': ['enduser'] } },
	},
	{
		displayName: 'Service Resources',
		name: 'serviceResource',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:altinn:resource:super-simple-service',
		description:
			'Only dialogs of these services (comma-separated URNs, or an expression returning a list)',
	},
	{
		displayName: 'Statuses',
		name: 'status',
		type: 'multiOptions',
		default: [],
		options: dialogStatusOptions,
		description: 'Only dialogs with one of these statuses',
	},
	{
		displayName: 'System Labels',
		name: 'systemLabel',
		type: 'multiOptions',
		default: [],
		options: systemLabelOptions,
		description: 'Only dialogs with one of these system labels (inbox, archive, bin…)',
	},
	dateFilter(
		'updatedAfter',
		'Updated After',
		`Only dialogs updated after this time.${EU_DATE_NOTE}`,
	),
	dateFilter('updatedBefore', 'Updated Before', 'Only dialogs updated before this time'),
	{
		...dateFilter(
			'visibleAfter',
			'Visible After',
			'Only dialogs that become visible after this time',
		),
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	{
		...dateFilter(
			'visibleBefore',
			'Visible Before',
			'Only dialogs that become visible before this time',
		),
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
];
