import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type {
	DialogportenApi,
	EndUserSetSystemLabelsBody,
	ServiceOwnerSetSystemLabelsBody,
} from '../../helpers/interfaces';
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
import { dialogRLC, revisionFields } from '../common.descriptions';
import { labelChangeFields, labelChanges, onBehalfOf, serviceOwnerOnBehalfFields } from './common';

export const properties: INodeProperties[] = [
	dialogRLC,
	...labelChangeFields,
	...serviceOwnerOnBehalfFields,
	...revisionFields('end-user context revision (endUserContext.revision)'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): Promise<INodeExecutionData[]> {
	const dialogId = getDialogId.call(this, itemIndex);
	const changes = labelChanges.call(this, itemIndex);
	const { qs, performedBy } = onBehalfOf.call(this, itemIndex, api);
	const body: EndUserSetSystemLabelsBody | ServiceOwnerSetSystemLabelsBody = performedBy
		? { ...changes, performedBy }
		: changes;
	const ifMatch = await resolveIfMatch.call(this, api, dialogId, itemIndex, 'endUserContext');
	const response = (await apiRequest.call(this, {
		api,
		method: 'PUT',
		path: dialogPath(
			api,
			dialogId,
			api === 'serviceowner' ? '/endusercontext/systemlabels' : '/context/systemlabels',
		),
		qs: qs as Record<string, string>,
		body,
		headers: ifMatchHeader(ifMatch),
		errorHints: revisionHints(ifMatch),
		itemIndex,
		returnFullResponse: true,
	})) as FullResponse;
	return toItems(
		{ dialogId, ...changes, endUserContextRevision: etagOf(response.headers) },
		itemIndex,
	);
}
