import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateServiceOwnerLabelBody } from '../../helpers/interfaces';
import { getDialogId, toItems } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';
import { serviceOwnerLabelField, serviceOwnerLabelOf } from './common';

export const properties: INodeProperties[] = [
	dialogRLC,
	serviceOwnerLabelField('The label to add; only the service owner sees it', 'e.g. priority:high'),
	...revisionFields('service owner context revision (serviceOwnerContext.revision)'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const dialogId = getDialogId.call(this, itemIndex);
	const value = serviceOwnerLabelOf.call(this, itemIndex);
	const body: CreateServiceOwnerLabelBody = { value };
	const { revision } = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'POST',
		path: '/context/labels',
		body,
		revisionOf: 'serviceOwnerContext',
	});
	return toItems({ dialogId, label: value, serviceOwnerContextRevision: revision }, itemIndex);
}
