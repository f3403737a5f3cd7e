import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { UpdateTransmissionBody } from '../../helpers/interfaces';
import { getDialogId, toItems, validator } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { transmissionBody } from './body';
import { transmissionProperties } from './fields';
import { writeWithRevision } from '../revisionCheckedWrite';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Transmission ID',
		name: 'transmissionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
	},
	...transmissionProperties(false),
	...revisionFields('dialog revision'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const transmissionId = check.uuid(
		this.getNodeParameter('transmissionId', itemIndex, ''),
		'Transmission ID',
	);
	const body = transmissionBody.call(
		this,
		itemIndex,
		check,
		false,
	) as unknown as UpdateTransmissionBody;
	const { revision } = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'PUT',
		path: `/transmissions/${transmissionId}`,
		body,
		errorHints: {
			403: 'Replacing a transmission needs the digdir:dialogporten.serviceprovider.changetransmissions scope in the Maskinporten credential.',
		},
	});
	return toItems({ id: transmissionId, dialogId, revision, updated: true }, itemIndex);
}
