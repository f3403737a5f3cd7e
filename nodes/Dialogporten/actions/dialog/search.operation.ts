import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type {
	DialogportenApi,
	EndUserSearchQuery,
	ServiceOwnerSearchQuery,
} from '../../helpers/interfaces';
import {
	apiBase,
	getSimplifyOptions,
	readPaging,
	shapeOutput,
	toApiDateTime,
	toItems,
	validator,
} from '../../helpers/utils';
import {
	DELETED_FILTERS,
	DIALOG_STATUSES,
	ORDER_BY_FIELDS,
	SYSTEM_LABELS,
} from '../../helpers/validation';
import { searchHints } from '../../helpers/errorMessages';
import { apiRequestAllItems, type QueryParameters } from '../../transport';
import {
	dialogStatusOptions,
	languageOptions,
	returnAllFields,
	simplifyFields,
	systemLabelOptions,
} from '../common.descriptions';

const dateFilter = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
});

const EU_DATE_NOTE =
	' For free-text search prefer Content Updated After, the only date filter that bounds the scan.';

const filters: INodeProperties[] = [
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
		placeholder: 'e.g. urn:altinn:organization:identifier-no:912345678',
		description:
			'Only dialogs of these parties (comma-separated URNs, or an expression returning a list, e.g. from Party → Get Many)',
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

export const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		placeholder: 'Add Sort Field',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description: 'Order of the results; the default is Content Updated At, newest first',
		options: [
			{
				displayName: 'Sort By',
				name: 'values',
				values: [
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						default: 'desc',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
					},
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: 'contentUpdatedAt',
						options: [
							{ name: 'Content Updated At', value: 'contentUpdatedAt' },
							{ name: 'Created At', value: 'createdAt' },
							{ name: 'Due At', value: 'dueAt' },
							{ name: 'Updated At', value: 'updatedAt' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 1, maxValue: 1000 },
				description: 'Dialogs fetched per request while paging (1–1000)',
			},
		],
	},
	...simplifyFields,
];

/** Builds the `orderBy` value (`createdat_desc,dueat_asc`) from the sort fields. */
export function orderByOf(
	sort: IDataObject,
	check: ReturnType<typeof validator>,
): string | undefined {
	const values = ((sort?.values as IDataObject[]) ?? []).map((entry) => {
		const field = check.oneOf(entry.field, ORDER_BY_FIELDS, 'Sort field');
		const direction = check.oneOf(
			entry.direction ?? 'desc',
			['asc', 'desc'] as const,
			'Sort direction',
		);
		return `${field.toLowerCase()}_${direction}`;
	});
	return values.length ? values.join(',') : undefined;
}

/** Translates the node's filter collection into the search query of the chosen API. */
export function searchQuery(
	this: IExecuteFunctions,
	api: DialogportenApi,
	itemIndex: number,
): EndUserSearchQuery | ServiceOwnerSearchQuery {
	const check: InputValidator = validator.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const date = (name: string, label: string) =>
		toApiDateTime.call(this, filters[name], label, itemIndex);
	const common = {
		party: check.parties(filters.party, 'Party filter'),
		serviceResource: check.serviceResources(filters.serviceResource, 'Service resource filter'),
		extendedStatus: check.list(filters.extendedStatus),
		externalReference: (filters.externalReference as string) || undefined,
		status: check.manyOf(filters.status, DIALOG_STATUSES, 'Status filter'),
		createdAfter: date('createdAfter', 'Created After'),
		createdBefore: date('createdBefore', 'Created Before'),
		updatedAfter: date('updatedAfter', 'Updated After'),
		updatedBefore: date('updatedBefore', 'Updated Before'),
		contentUpdatedAfter: date('contentUpdatedAfter', 'Content Updated After'),
		contentUpdatedBefore: date('contentUpdatedBefore', 'Content Updated Before'),
		isContentSeen: typeof filters.isContentSeen === 'boolean' ? filters.isContentSeen : undefined,
		dueAfter: date('dueAfter', 'Due After'),
		dueBefore: date('dueBefore', 'Due Before'),
		process: (filters.process as string) || undefined,
		systemLabel: check.manyOf(filters.systemLabel, SYSTEM_LABELS, 'System label filter'),
		excludeApiOnly:
			typeof filters.excludeApiOnly === 'boolean' ? filters.excludeApiOnly : undefined,
		search: (filters.search as string) || undefined,
		searchLanguageCode: filters.search
			? (filters.searchLanguageCode as string) || undefined
			: undefined,
		orderBy: orderByOf(this.getNodeParameter('sort', itemIndex, {}) as IDataObject, check),
	};
	if (api === 'enduser') {
		return { ...common, org: check.list(filters.org) } satisfies EndUserSearchQuery;
	}
	return {
		...common,
		endUserId: filters.endUserId ? check.party(filters.endUserId, 'End User ID') : undefined,
		deleted: check.optionalOneOf(filters.deleted, DELETED_FILTERS, 'Deleted filter'),
		visibleAfter: date('visibleAfter', 'Visible After'),
		visibleBefore: date('visibleBefore', 'Visible Before'),
		serviceOwnerLabels: check.list(filters.serviceOwnerLabels),
	} satisfies ServiceOwnerSearchQuery;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): Promise<INodeExecutionData[]> {
	const query = searchQuery.call(this, api, itemIndex);
	const paging = readPaging.call(this, itemIndex, validator.call(this, itemIndex));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pageSize = validator
		.call(this, itemIndex)
		.integer(options.pageSize ?? 1000, 'Page Size', 1, 1000);
	const dialogs = (await apiRequestAllItems.call(
		this,
		{
			api,
			method: 'GET',
			path: `${apiBase(api)}/dialogs`,
			qs: { ...(query as QueryParameters), limit: pageSize },
			itemIndex,
			errorHints: searchHints,
		},
		paging,
	)) as IDataObject[];
	return toItems(shapeOutput(dialogs, getSimplifyOptions.call(this, itemIndex)), itemIndex);
}
