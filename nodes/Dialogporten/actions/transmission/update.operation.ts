import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { UpdateTransmissionBody } from '../../helpers/interfaces';
import { getDialogId, toItems, validator } from '../../helpers/utils';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { transmissionBody } from './body';
import { transmissionIdField } from './collection';
import { transmissionProperties } from './fields';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	transmissionIdField,
	...transmissionProperties(false),
	...revisionFields('dialog revision'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
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
