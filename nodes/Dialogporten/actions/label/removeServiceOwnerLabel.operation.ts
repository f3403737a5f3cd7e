import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getDialogId, toItems } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';
import { serviceOwnerLabelField, serviceOwnerLabelOf } from './common';

export const properties: INodeProperties[] = [
	dialogRLC,
	serviceOwnerLabelField('The label to remove'),
	...revisionFields('service owner context revision (serviceOwnerContext.revision)'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const dialogId = getDialogId.call(this, itemIndex);
	const value = serviceOwnerLabelOf.call(this, itemIndex);
	const { revision } = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'DELETE',
		path: `/context/labels/${encodeURIComponent(value)}`,
		revisionOf: 'serviceOwnerContext',
	});
	return toItems(
		{ dialogId, label: value, removed: true, serviceOwnerContextRevision: revision },
		itemIndex,
	);
}
