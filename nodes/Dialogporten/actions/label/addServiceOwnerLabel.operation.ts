import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { CreateServiceOwnerLabelBody } from '../../helpers/interfaces';
import { getDialogId, toItems, validator } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { writeWithRevision } from '../revisionCheckedWrite';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. priority:high',
		description: 'The label to add; only the service owner sees it',
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
