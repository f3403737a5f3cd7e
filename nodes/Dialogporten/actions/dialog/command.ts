import type { IExecuteFunctions, INodeExecutionData, IHttpRequestMethods } from 'n8n-workflow';

import {
	dialogPath,
	etagOf,
	getDialogId,
	ifMatchHeader,
	resolveIfMatch,
	toItems,
} from '../../helpers/utils';
import { revisionHints } from '../../helpers/errorMessages';
import { apiRequest, type FullResponse } from '../../transport';

/** Runs a service-owner dialog command (delete, restore, purge, freeze) with the chosen If-Match. */
export async function runDialogCommand(
	this: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	suffix: string,
	outcome: string,
): Promise<INodeExecutionData[]> {
	const dialogId = getDialogId.call(this, itemIndex);
	const ifMatch = await resolveIfMatch.call(this, 'serviceowner', dialogId, itemIndex);
	const response = (await apiRequest.call(this, {
		api: 'serviceowner',
		method,
		path: dialogPath('serviceowner', dialogId, suffix),
		headers: ifMatchHeader(ifMatch),
		errorHints: revisionHints(ifMatch),
		itemIndex,
		returnFullResponse: true,
	})) as FullResponse;
	return toItems({ id: dialogId, revision: etagOf(response.headers), [outcome]: true }, itemIndex);
}
