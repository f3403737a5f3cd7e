import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { CreateTransmissionBody } from '../../helpers/interfaces';
import {
	createdIdOf,
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
import { transmissionBody, transmissionProperties } from './fields';

export const properties: INodeProperties[] = [
	dialogRLC,
	...transmissionProperties(true),
	...revisionFields('dialog revision'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const body = transmissionBody.call(
		this,
		itemIndex,
		check,
		true,
	) as unknown as CreateTransmissionBody;
	const ifMatch = await resolveIfMatch.call(this, 'serviceowner', dialogId, itemIndex);
	const response = (await apiRequest.call(this, {
		api: 'serviceowner',
		method: 'POST',
		path: dialogPath('serviceowner', dialogId, '/transmissions'),
		body,
		headers: ifMatchHeader(ifMatch),
		errorHints: revisionHints(ifMatch),
		itemIndex,
		returnFullResponse: true,
	})) as FullResponse;
	return toItems(
		{ id: createdIdOf(response.body), dialogId, revision: etagOf(response.headers) },
		itemIndex,
	);
}
