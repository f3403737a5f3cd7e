import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';
import {
	dialogPath,
	getDialogId,
	getSimplifyOptions,
	shapeOutput,
	toItems,
	validator,
} from '../helpers/utils';
import { apiRequest } from '../transport';

/** Lists a dialog's activities, transmissions or seen log: one item per entry, with its dialog ID. */
export async function listChildren(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
	collection: string,
): Promise<INodeExecutionData[]> {
	const dialogId = getDialogId.call(this, itemIndex);
	const response = (await apiRequest.call(this, {
		api,
		method: 'GET',
		path: dialogPath(api, dialogId, `/${collection}`),
		itemIndex,
	})) as IDataObject[];
	const entries = shapeOutput(response ?? [], getSimplifyOptions.call(this, itemIndex));
	return toItems(
		entries.map((entry) => ({ dialogId, ...entry })),
		itemIndex,
	);
}

/** Gets one activity, transmission or seen-log entry of a dialog. */
export async function getChild(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
	collection: string,
	idParameter: string,
	label: string,
): Promise<INodeExecutionData[]> {
	const dialogId = getDialogId.call(this, itemIndex);
	const childId = validator
		.call(this, itemIndex)
		.uuid(this.getNodeParameter(idParameter, itemIndex, ''), label);
	const response = (await apiRequest.call(this, {
		api,
		method: 'GET',
		path: dialogPath(api, dialogId, `/${collection}/${childId}`),
		itemIndex,
	})) as IDataObject;
	return toItems(
		{ dialogId, ...shapeOutput(response, getSimplifyOptions.call(this, itemIndex)) },
		itemIndex,
	);
}
