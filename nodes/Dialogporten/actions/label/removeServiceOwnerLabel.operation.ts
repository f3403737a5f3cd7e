import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import {
	dialogPath,
	etagOf,
	getDialogId,
	ifMatchHeader,
	resolveIfMatch,
	toItems,
	validator,
} from '../../helpers/utils';
import { revisionHints } from '../../helpers/errorMessages';
import { apiRequest, type FullResponse } from '../../transport';
import { dialogRLC, revisionFields } from '../common.descriptions';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		description: 'The label to remove',
	},
	...revisionFields('service owner context revision (serviceOwnerContext.revision)'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const value = String(this.getNodeParameter('label', itemIndex, '')).trim();
	if (!value) check.fail('Label is required');
	const ifMatch = await resolveIfMatch.call(
		this,
		'serviceowner',
		dialogId,
		itemIndex,
		'serviceOwnerContext',
	);
	const response = (await apiRequest.call(this, {
		api: 'serviceowner',
		method: 'DELETE',
		path: dialogPath('serviceowner', dialogId, `/context/labels/${encodeURIComponent(value)}`),
		headers: ifMatchHeader(ifMatch),
		errorHints: revisionHints(ifMatch),
		itemIndex,
		returnFullResponse: true,
	})) as FullResponse;
	return toItems(
		{
			dialogId,
			label: value,
			removed: true,
			serviceOwnerContextRevision: etagOf(response.headers),
		},
		itemIndex,
	);
}
