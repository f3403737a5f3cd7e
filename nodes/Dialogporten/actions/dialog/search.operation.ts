import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type {
	DialogportenApi,
	EndUserSearchQuery,
	ServiceOwnerSearchQuery,
} from '../../helpers/interfaces';
import {
	apiBase,
	getApi,
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
import { searchFilters } from './searchFilters';
import { apiRequestAllItems, type QueryParameters } from '../../transport';
import { returnAllFields, simplifyFields } from '../common.descriptions';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';

export const properties: INodeProperties[] = [
	...returnAllFields,
	collectionField('filters', searchFilters),
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
	// Output settings before Options, as n8n's own nodes have them.
	...simplifyFields,
	collectionField('options', [
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description: 'Dialogs fetched per request while paging (1–1000)',
		},
	]),
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

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
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
			errorHints: searchHints(query as IDataObject),
		},
		paging,
	)) as IDataObject[];
	return toItems(shapeOutput(dialogs, getSimplifyOptions.call(this, itemIndex)), itemIndex);
}
