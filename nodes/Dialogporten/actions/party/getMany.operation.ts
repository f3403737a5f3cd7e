import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AuthorizedParty, PartiesResponse } from '../../helpers/interfaces';
import { ENDUSER, toItems } from '../../helpers/utils';
import { apiRequest } from '../../transport';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';
import { limitField, listOutputField } from '../common.descriptions';

export const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		// On: Altinn answers with every party at once, and workflows saved before this field existed
		// output them all.
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitField,
	{
		displayName: 'Include Sub-Units',
		name: 'flattenSubParties',
		type: 'boolean',
		default: true,
		description:
			'Whether to list sub-units (e.g. departments of an organization) as parties of their own, with the parent in "parentParty"',
	},
	listOutputField('perParty', 'Party', 'Parties'),
	collectionField('filters', [
		{
			displayName: 'Include Deleted',
			name: 'includeDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include parties that are deleted in the registry',
		},
		{
			displayName: 'Name or URN Contains',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Only parties whose name or URN contains this text (case-insensitive)',
		},
		{
			displayName: 'Party Type',
			name: 'partyType',
			type: 'options',
			default: 'Organization',
			options: [
				{ name: 'Organization', value: 'Organization' },
				{ name: 'Person', value: 'Person' },
			],
		},
	]),
];

/** Lists parties, each sub-unit optionally lifted next to its parent. */
export function flattenParties(
	parties: AuthorizedParty[],
	includeSubParties: boolean,
): IDataObject[] {
	const result: IDataObject[] = [];
	for (const party of parties) {
		if (!includeSubParties) {
			result.push({ ...party } as unknown as IDataObject);
			continue;
		}
		const { subParties, ...parent } = party;
		result.push(parent as unknown as IDataObject);
		for (const sub of subParties ?? []) {
			result.push({ ...(sub as unknown as IDataObject), parentParty: party.party });
		}
	}
	return result;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const response = (await apiRequest.call(this, {
		api: 'enduser',
		method: 'GET',
		path: `${ENDUSER}/parties`,
		itemIndex,
	})) as PartiesResponse;
	const flatten = this.getNodeParameter('flattenSubParties', itemIndex, true) as boolean;
	const output = this.getNodeParameter('output', itemIndex, 'perParty') as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	let parties = flattenParties(response.authorizedParties ?? [], flatten);
	if (!filters.includeDeleted) parties = parties.filter((party) => !party.isDeleted);
	if (filters.partyType) parties = parties.filter((party) => party.partyType === filters.partyType);
	if (filters.query) {
		const query = String(filters.query).toLowerCase();
		parties = parties.filter(
			(party) =>
				String(party.name ?? '')
					.toLowerCase()
					.includes(query) ||
				String(party.party ?? '')
					.toLowerCase()
					.includes(query),
		);
	}
	if (!this.getNodeParameter('returnAll', itemIndex, true)) {
		parties = parties.slice(0, Number(this.getNodeParameter('limit', itemIndex, 50)));
	}
	if (output === 'single') return toItems({ authorizedParties: parties }, itemIndex);
	return toItems(parties, itemIndex);
}
