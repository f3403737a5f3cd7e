import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { EndUserContextSearchQuery } from '../../helpers/interfaces';
import { SERVICEOWNER, readPaging, toApiDateTime, toItems, validator } from '../../helpers/utils';
import { SYSTEM_LABELS } from '../../helpers/validation';
import { apiRequestAllItems, type QueryParameters } from '../../transport';
import { returnAllFields, systemLabelOptions } from '../common.descriptions';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';

export const properties: INodeProperties[] = [
	{
		displayName: 'Parties',
		name: 'parties',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. urn:altinn:person:identifier-no:01125512345',
		description:
			'Parties whose dialogs to list (comma-separated URNs, or an expression returning a list)',
	},
	...returnAllFields,
	collectionField('filters', [
		{
			displayName: 'Content Updated After',
			name: 'contentUpdatedAfter',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Labels',
			name: 'label',
			type: 'multiOptions',
			default: [],
			options: systemLabelOptions,
			description: 'Only dialogs with any of these system labels',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			default: 1000,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description: 'Entries fetched per request while paging (1–1000)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const party = check.parties(this.getNodeParameter('parties', itemIndex, ''));
	if (party.length === 0) check.fail('Give at least one party');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: EndUserContextSearchQuery = {
		party,
		contentUpdatedAfter: toApiDateTime.call(
			this,
			filters.contentUpdatedAfter,
			'Content Updated After',
			itemIndex,
		),
		label: check.manyOf(filters.label, SYSTEM_LABELS, 'Labels'),
	};
	const paging = readPaging.call(this, itemIndex, check);
	const items = (await apiRequestAllItems.call(
		this,
		{
			api: 'serviceowner',
			method: 'GET',
			path: `${SERVICEOWNER}/dialogs/endusercontext`,
			qs: {
				...(query as QueryParameters),
				limit: check.integer(filters.pageSize ?? 1000, 'Page Size', 1, 1000),
			},
			itemIndex,
		},
		{ ...paging, keyOf: (item) => (item as IDataObject).dialogId },
	)) as IDataObject[];
	return toItems(items, itemIndex);
}
