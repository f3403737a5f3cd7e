import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	fetchDialog,
	getApi,
	getDialogId,
	getSimplifyOptions,
	shapeOutput,
	toItems,
	validator,
} from '../../helpers/utils';
import { dialogRLC, simplifyFields } from '../common.descriptions';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'End User ID',
		name: 'endUserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:altinn:person:identifier-no:01125512345',
		description:
			"Evaluate the actions' isAuthorized flags for this person (and count the dialog as seen by them). Empty: as the service owner.",
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	...simplifyFields,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const qs: IDataObject = {};
	if (api === 'serviceowner') {
		const endUserId = this.getNodeParameter('endUserId', itemIndex, '') as string;
		if (endUserId) qs.endUserId = validator.call(this, itemIndex).party(endUserId, 'End User ID');
	}
	const dialog = await fetchDialog.call(this, api, dialogId, itemIndex, qs);
	return toItems(
		shapeOutput(dialog as unknown as IDataObject, getSimplifyOptions.call(this, itemIndex)),
		itemIndex,
	);
}
