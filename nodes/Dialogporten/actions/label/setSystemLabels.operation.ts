import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type {
	EndUserSetSystemLabelsBody,
	ServiceOwnerSetSystemLabelsBody,
} from '../../helpers/interfaces';
import { getApi, getDialogId, toItems } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { labelChangeFields, labelChanges, onBehalfOf, serviceOwnerOnBehalfFields } from './common';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	...labelChangeFields,
	...serviceOwnerOnBehalfFields,
	...revisionFields('end-user context revision (endUserContext.revision)'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const changes = labelChanges.call(this, itemIndex);
	const { qs, performedBy } = onBehalfOf.call(this, itemIndex, api);
	const body: EndUserSetSystemLabelsBody | ServiceOwnerSetSystemLabelsBody = performedBy
		? { ...changes, performedBy }
		: changes;
	const { revision } = await writeWithRevision.call(this, itemIndex, {
		api,
		dialogId,
		method: 'PUT',
		path: api === 'serviceowner' ? '/endusercontext/systemlabels' : '/context/systemlabels',
		qs: qs as Record<string, string>,
		body,
		revisionOf: 'endUserContext',
	});
	return toItems({ dialogId, ...changes, endUserContextRevision: revision }, itemIndex);
}
